/**
 * Structured logs: one JSON object per line on stdout (stderr for errors), the shape log
 * shippers expect. Services in distributed mode log through this; kafkajs logs are routed here too.
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface Logger {
  log(level: LogLevel, message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
  child(fields: Record<string, unknown>): Logger;
}

const LEVEL_ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export class JsonLogger implements Logger {
  constructor(
    private readonly base: Record<string, unknown> = {},
    private readonly minLevel: LogLevel = (process.env['LOG_LEVEL'] as LogLevel | undefined) ?? 'info',
    private readonly write: (level: LogLevel, line: string) => void = defaultWrite,
  ) {}

  log(level: LogLevel, message: string, fields: Record<string, unknown> = {}): void {
    if ((LEVEL_ORDER[level] ?? 20) < (LEVEL_ORDER[this.minLevel] ?? 20)) return;
    const entry = { time: new Date().toISOString(), level, ...this.base, msg: message, ...fields };
    this.write(level, JSON.stringify(entry, (_key, value: unknown) => (typeof value === 'bigint' ? value.toString() : value)));
  }

  info(message: string, fields?: Record<string, unknown>): void {
    this.log('info', message, fields);
  }

  warn(message: string, fields?: Record<string, unknown>): void {
    this.log('warn', message, fields);
  }

  error(message: string, fields?: Record<string, unknown>): void {
    this.log('error', message, fields);
  }

  child(fields: Record<string, unknown>): Logger {
    return new JsonLogger({ ...this.base, ...fields }, this.minLevel, this.write);
  }
}

/** Drops everything (tests). */
export const silentLogger: Logger = {
  log: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  child: () => silentLogger,
};

function defaultWrite(level: LogLevel, line: string): void {
  (level === 'error' ? process.stderr : process.stdout).write(`${line}\n`);
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
