/**
 * Structured logs: one JSON object per line on stdout (stderr for errors), the shape log
 * shippers expect, written by pino. Services in distributed mode log through this; kafkajs
 * logs are routed here too. A line: {"time":"<ISO 8601>","level":"info",...base,"msg":"...",...fields},
 * the order of the hand-written logger this replaced, which readers match on (`{"time":`,
 * `"msg":"ready".*"url":"..."`).
 */
import { pino, stdTimeFunctions, multistream, type Logger as PinoLogger } from 'pino';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface Logger {
  log(level: LogLevel, message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
  child(fields: Record<string, unknown>): Logger;
}

const LEVELS: readonly LogLevel[] = ['debug', 'info', 'warn', 'error'];
const LEVEL_THEN_TIME = /^\{("level":"[a-z]+"),("time":"[^"]+")/;

/** Logs through one pino logger; `child` adds fields to every line of the child. */
class PinoBackedLogger implements Logger {
  constructor(private readonly pino: PinoLogger) {}

  log(level: LogLevel, message: string, fields: Record<string, unknown> = {}): void {
    // An unknown level (a caller's typo, a kafkajs level we do not map) logs as info rather than being lost.
    const method = LEVELS.includes(level) ? level : 'info';
    // msg goes in the object rather than as pino's message argument, which pino writes last.
    this.pino[method]({ msg: message, ...fields });
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
    return new PinoBackedLogger(this.pino.child(jsonSafe(fields) as Record<string, unknown>));
  }
}

export class JsonLogger extends PinoBackedLogger {
  /**
   * @param base fields on every line (service, instance)
   * @param minLevel lines below it are dropped; default LOG_LEVEL, else info
   * @param write where each line goes (without its newline); default stdout, stderr for errors
   */
  constructor(
    base: Record<string, unknown> = {},
    minLevel: LogLevel | 'silent' = levelFromEnv(process.env['LOG_LEVEL']),
    write: (level: LogLevel, line: string) => void = defaultWrite,
  ) {
    // One stream per level; dedupe hands each line to the one stream of its own level, so `write` learns the level.
    const streams = LEVELS.map((level) => ({ level, stream: { write: (line: string) => write(level, line.replace(/\n$/, '')) } }));
    super(
      pino(
        {
          level: minLevel,
          base: jsonSafe(base) as Record<string, unknown>,
          timestamp: stdTimeFunctions.isoTime,
          // pino writes level before time; swapped back, as the prefix is all it changes.
          hooks: { streamWrite: (line) => line.replace(LEVEL_THEN_TIME, '{$2,$1') },
          formatters: {
            level: (label) => ({ level: label }),
            // Positions are bigints: written as strings, as JSON has no 64-bit integers.
            log: (object) => jsonSafe(object) as Record<string, unknown>,
          },
        },
        multistream(streams, { dedupe: true }),
      ),
    );
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

function levelFromEnv(value: string | undefined): LogLevel | 'silent' {
  return value === 'silent' || LEVELS.includes(value as LogLevel) ? (value as LogLevel | 'silent') : 'info';
}

function defaultWrite(level: LogLevel, line: string): void {
  (level === 'error' ? process.stderr : process.stdout).write(`${line}\n`);
}

/** Copies plain objects and arrays with every bigint turned into its decimal string. */
function jsonSafe(value: unknown): unknown {
  if (typeof value === 'bigint') return value.toString();
  if (Array.isArray(value)) return value.map(jsonSafe);
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, jsonSafe(v)]));
  }
  return value;
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
