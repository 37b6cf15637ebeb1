import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * A random key kept in a data folder (DIR/<file>, mode 0600), made on first use, so every
 * process that uses the folder agrees on it. `envName`, when set, is the key for all of them;
 * without a folder (in-memory data) the key lives in memory only.
 */
export function localKey(dir: string | undefined, file: string, envName: string): string {
  const fromEnv = process.env[envName];
  if (fromEnv) return fromEnv;
  if (!dir) return randomBytes(32).toString('base64url');
  const keyFile = path.join(dir, file);
  if (fs.existsSync(keyFile)) return fs.readFileSync(keyFile, 'utf8').trim();
  fs.mkdirSync(dir, { recursive: true });
  const key = randomBytes(32).toString('base64url');
  fs.writeFileSync(keyFile, key + '\n', { mode: 0o600 });
  return key;
}

/** The key a data folder already holds (or `envName`'s); undefined when it has none. Never makes one. */
export function existingLocalKey(dir: string, file: string, envName: string): string | undefined {
  const fromEnv = process.env[envName];
  if (fromEnv) return fromEnv;
  const keyFile = path.join(dir, file);
  return fs.existsSync(keyFile) ? fs.readFileSync(keyFile, 'utf8').trim() : undefined;
}
