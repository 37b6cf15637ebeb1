import { localKey } from './local-key';

const FILE = 'dev-jwt-secret';

export const DEV_SECRET_FILE = FILE;

/**
 * Embedded mode signs and verifies tokens with a local key, made once per data folder and kept
 * in it (DIR/dev-jwt-secret), so `longview token --data DIR` and `longview start --data DIR`
 * agree. `start --distributed` uses the default data folder's key. LONGVIEW_JWT_SECRET, when
 * set, is the key for all of them.
 */
export function devJwtSecret(dir: string | undefined): string {
  return localKey(dir, FILE, 'LONGVIEW_JWT_SECRET');
}
