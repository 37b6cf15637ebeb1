import { MAX_TOKEN_LIFETIME_SECONDS, signDevToken } from '@longview/gateway';
import { devJwtSecret } from '../platform/dev-secret';
import { commandUsageError, dataDirFrom, parseCommandLine } from '../cli-options';

const ROLES = { 'trust-editor': 'TRUST_EDITOR', policymaker: 'POLICYMAKER', community: 'COMMUNITY', admin: 'ADMIN' } as const;

export const TOKEN = {
  name: 'token',
  usage: `usage: longview token --role ROLE [--trust CODE] [--sub ID] [--name NAME] [--hours 12] [--data DIR]

Prints a dev token for the embedded platform, signed with the key in DIR/dev-jwt-secret (made on
first use), the key \`longview start --data DIR\` verifies with. Send it as
\`Authorization: Bearer <token>\`.

  --role ROLE    ${Object.keys(ROLES).join(' | ')}
  --trust CODE   the trust a trust-editor edits (required for trust-editor)
  --sub ID       the subject (default dev-<role>)
  --name NAME    the name the web client shows (default "Demo trust editor (RJ1)" and the like)
  --hours N      lifetime (default 12, at most 24)
  --data DIR     the platform's data folder (default .longview/data; \`start --distributed\` uses it too)
  -h, --help     this text
`,
  options: {
    role: { type: 'string' },
    trust: { type: 'string' },
    sub: { type: 'string' },
    name: { type: 'string' },
    hours: { type: 'string' },
    data: { type: 'string' },
  },
} as const;

/** `longview token --role trust-editor --trust RJ1`: a token signed with the embedded mode's local key. */
export async function runToken(args: readonly string[]): Promise<number> {
  const parsed = parseCommandLine(TOKEN, args);
  if ('exitCode' in parsed) return parsed.exitCode;
  const { values } = parsed;
  const role = ROLES[String(values.role ?? '') as keyof typeof ROLES];
  if (!role) return commandUsageError(TOKEN, `--role must be one of ${Object.keys(ROLES).join(', ')}`);
  if (role === 'TRUST_EDITOR' && !values.trust) return commandUsageError(TOKEN, '--trust CODE is required for --role trust-editor');
  const hours = values.hours === undefined ? 12 : Number(values.hours);
  const maxHours = MAX_TOKEN_LIFETIME_SECONDS / 3600;
  if (!Number.isFinite(hours) || hours <= 0 || hours > maxHours) return commandUsageError(TOKEN, `--hours must be a number above 0 and at most ${maxHours}`);
  const token = signDevToken(
    {
      role,
      ...(values.trust ? { trust: values.trust } : {}),
      ...(values.name ? { name: values.name } : {}),
      sub: values.sub ?? `dev-${role.toLowerCase()}`,
      expiresInSeconds: Math.round(hours * 3600),
    },
    devJwtSecret(dataDirFrom(values.data)),
  );
  process.stdout.write(`${token}\n`);
  return 0;
}
