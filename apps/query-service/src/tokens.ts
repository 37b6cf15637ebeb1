/** Injection tokens for things created outside Nest (so the embedded mode can share one database). */
export const READ_DATABASE = Symbol('READ_DATABASE');
