import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

const FILE = 'dev-jwt-secret';

export const DEV_SECRET_FILE = FILE;

/**
 * Embedded mode signs and verifies tokens with a local key, made once per data folder and kept
 * in it (DIR/dev-jwt-secret), so `longview token --data DIR` and `longview start --data DIR`
 * agree. `start --distributed` uses the default data folder's key. LONGVIEW_JWT_SECRET, when
 * set, is the key for all of them.
 */
export function devJwtSecret(dir: string | undefined): string {
  if (process.env['LONGVIEW_JWT_SECRET']) return process.env['LONGVIEW_JWT_SECRET'];
  if (!dir) return randomBytes(32).toString('base64url');
  const file = path.join(dir, FILE);
  if (fs.existsSync(file)) return fs.readFileSync(file, 'utf8').trim();
  fs.mkdirSync(dir, { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  fs.writeFileSync(file, secret + '\n', { mode: 0o600 });
  return secret;
}
