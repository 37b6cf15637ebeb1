import { parseArgs } from 'node:util';
import path from 'node:path';
import { signDevToken } from '@longview/gateway';
import { devJwtSecret } from '../platform/dev-secret';
import { parseOptions, usageError, UsageError } from '../cli-options';

const ROLES = { 'trust-editor': 'TRUST_EDITOR', policymaker: 'POLICYMAKER', community: 'COMMUNITY', admin: 'ADMIN' } as const;

/** `longview token --role trust-editor --trust RJ1`: a token signed with the embedded mode's local key. */
export async function runToken(args: readonly string[]): Promise<number> {
  try {
    const values = parseOptions(() => parseArgs({ args: [...args], strict: true, options: {
      role: { type: 'string' },
      trust: { type: 'string' },
      sub: { type: 'string' },
      hours: { type: 'string' },
      data: { type: 'string' },
    } }).values);
    const role = ROLES[String(values.role ?? '') as keyof typeof ROLES];
    if (!role) throw new UsageError(`--role must be one of ${Object.keys(ROLES).join(', ')}`);
    const trust = values.trust as string | undefined;
    if (role === 'TRUST_EDITOR' && !trust) throw new UsageError('--trust CODE is required for --role trust-editor');
    const hours = values.hours === undefined ? 12 : Number(values.hours);
    if (!Number.isFinite(hours) || hours <= 0) throw new UsageError('--hours must be a positive number');
    const secretDir = path.resolve((values.data as string | undefined) ?? path.join(process.cwd(), '.longview'));
    const token = signDevToken(
      { role, ...(trust ? { trust } : {}), sub: (values.sub as string | undefined) ?? `dev-${role.toLowerCase()}`, expiresInSeconds: hours * 3600 },
      devJwtSecret(secretDir),
    );
    process.stdout.write(`${token}\n`);
    return 0;
  } catch (error) {
    if (error instanceof UsageError) return usageError(`token: ${error.message}`);
    throw error;
  }
}
