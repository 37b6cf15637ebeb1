/**
 * The gateway's protective limits, one table (documented in apps/gateway/README.md, "Limits").
 * Each has a default that never throttles the web client or the test suites, and an
 * environment variable; `createGateway({ hardening })` overrides both (tests).
 */
export interface HardeningConfig {
  /** Deepest field nesting of an operation (graphql-armor maxDepth). */
  readonly maxDepth: number;
  /** Most aliases in an operation (graphql-armor maxAliases). */
  readonly maxAliases: number;
  /** Highest cost of an operation (graphql-armor costLimit: objects 2, scalars 1, times depth factor 1.5). */
  readonly maxCost: number;
  /** Most directives in an operation (graphql-armor maxDirectives). */
  readonly maxDirectives: number;
  /** Most lexical tokens in a document (graphql-js parse option `maxTokens`). */
  readonly maxTokens: number;
  /** Largest request body, in bytes. */
  readonly maxBodyBytes: number;
  /** Introspection, and "Did you mean …" suggestions in errors. */
  readonly introspection: boolean;
  /** Origins allowed by CORS; empty = same origin only (no Access-Control-Allow-Origin for others). */
  readonly corsOrigins: readonly string[];
  /** Requests per window from one address (every request to /graphql). */
  readonly rateLimitPerAddress: number;
  /** Requests per window with one bearer token. */
  readonly rateLimitPerToken: number;
  /** The rate limits' window, in milliseconds. */
  readonly rateLimitWindowMs: number;
}

export const HARDENING_DEFAULTS: Omit<HardeningConfig, 'introspection'> = {
  maxDepth: 12,
  maxAliases: 30,
  maxCost: 20_000,
  maxDirectives: 50,
  maxTokens: 5_000,
  maxBodyBytes: 2 * 1024 * 1024,
  corsOrigins: [],
  rateLimitPerAddress: 6_000,
  rateLimitPerToken: 3_000,
  rateLimitWindowMs: 60_000,
};

/** Environment variable of each limit. */
export const HARDENING_ENV = {
  maxDepth: 'LONGVIEW_MAX_DEPTH',
  maxAliases: 'LONGVIEW_MAX_ALIASES',
  maxCost: 'LONGVIEW_MAX_COST',
  maxDirectives: 'LONGVIEW_MAX_DIRECTIVES',
  maxTokens: 'LONGVIEW_MAX_TOKENS',
  maxBodyBytes: 'LONGVIEW_MAX_BODY_BYTES',
  introspection: 'LONGVIEW_INTROSPECTION',
  corsOrigins: 'LONGVIEW_CORS_ORIGINS',
  rateLimitPerAddress: 'LONGVIEW_RATE_LIMIT_PER_ADDRESS',
  rateLimitPerToken: 'LONGVIEW_RATE_LIMIT_PER_TOKEN',
  rateLimitWindowMs: 'LONGVIEW_RATE_LIMIT_WINDOW_MS',
} as const satisfies Record<keyof HardeningConfig, string>;

/** The configuration from the environment; a malformed value stops the start with its name. */
export function hardeningConfigFromEnv(env: NodeJS.ProcessEnv): HardeningConfig {
  const count = (key: keyof typeof HARDENING_DEFAULTS & keyof typeof HARDENING_ENV): number => {
    const name = HARDENING_ENV[key];
    const raw = env[name]?.trim();
    if (!raw) return HARDENING_DEFAULTS[key] as number;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a whole number >= 1 (got "${raw}")`);
    return value;
  };
  const introspectionRaw = env[HARDENING_ENV.introspection]?.trim().toLowerCase();
  if (introspectionRaw && introspectionRaw !== 'true' && introspectionRaw !== 'false') {
    throw new Error(`${HARDENING_ENV.introspection} must be true or false (got "${introspectionRaw}")`);
  }
  return {
    maxDepth: count('maxDepth'),
    maxAliases: count('maxAliases'),
    maxCost: count('maxCost'),
    maxDirectives: count('maxDirectives'),
    maxTokens: count('maxTokens'),
    maxBodyBytes: count('maxBodyBytes'),
    // Off in production unless asked for; LONGVIEW_INTROSPECTION=false turns it off anywhere.
    introspection: introspectionRaw ? introspectionRaw === 'true' : env.NODE_ENV !== 'production',
    corsOrigins: (env[HARDENING_ENV.corsOrigins] ?? '')
      .split(',')
      .map((origin) => origin.trim().replace(/\/+$/, ''))
      .filter((origin) => origin.length > 0),
    rateLimitPerAddress: count('rateLimitPerAddress'),
    rateLimitPerToken: count('rateLimitPerToken'),
    rateLimitWindowMs: count('rateLimitWindowMs'),
  };
}
