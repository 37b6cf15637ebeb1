import { FieldError, InvalidCommandError } from './errors';
import { metricForTrust, type LocalMeasure, type MetricDefinition } from './metrics';

/**
 * Field-by-field validation of command data. Commands arrive from HTTP, so although their
 * TypeScript types are precise, the values are checked as `unknown`. Each check records a
 * problem and returns the cleaned value (or undefined), so a decider can report every bad
 * field at once and then build its events from the cleaned values.
 */

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const ISO_MONTH = /^(\d{4})-(\d{2})$/;

export function isIsoDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  // Round-trip through UTC to reject impossible dates such as 2024-02-30.
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

export function isIsoMonth(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const match = ISO_MONTH.exec(value);
  if (!match) return false;
  const month = Number(match[2]);
  return month >= 1 && month <= 12;
}

export interface TextLimits {
  readonly max: number;
}

export class FieldErrors {
  private readonly errors: FieldError[] = [];

  add(path: string, message: string): void {
    this.errors.push({ path, message });
  }

  get count(): number {
    return this.errors.length;
  }

  /** Throws InvalidCommandError listing every recorded problem, if there are any. */
  throwIfAny(commandType: string): void {
    if (this.errors.length > 0) throw new InvalidCommandError(commandType, [...this.errors]);
  }

  /** A required string: trimmed, non-empty, at most `max` characters. Returns the trimmed value. */
  requiredText(path: string, value: unknown, { max }: TextLimits): string | undefined {
    if (typeof value !== 'string' || value.trim() === '') {
      this.add(path, 'is required');
      return undefined;
    }
    return this.withinLength(path, value.trim(), max);
  }

  /** An optional string: absent, or trimmed and at most `max` characters. Blank counts as absent. */
  optionalText(path: string, value: unknown, { max }: TextLimits): string | undefined {
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'string') {
      this.add(path, 'must be text');
      return undefined;
    }
    const trimmed = value.trim();
    return trimmed === '' ? undefined : this.withinLength(path, trimmed, max);
  }

  pattern(path: string, value: unknown, pattern: RegExp, description: string): string | undefined {
    if (typeof value !== 'string' || value.trim() === '') {
      this.add(path, 'is required');
      return undefined;
    }
    if (!pattern.test(value.trim())) {
      this.add(path, `must be ${description}`);
      return undefined;
    }
    return value.trim();
  }

  date(path: string, value: unknown): string | undefined {
    if (value === undefined || value === null || value === '') {
      this.add(path, 'is required');
      return undefined;
    }
    if (!isIsoDate(value)) {
      this.add(path, 'must be a real date written YYYY-MM-DD');
      return undefined;
    }
    return value;
  }

  month(path: string, value: unknown): string | undefined {
    if (value === undefined || value === null || value === '') {
      this.add(path, 'is required');
      return undefined;
    }
    if (!isIsoMonth(value)) {
      this.add(path, 'must be a month written YYYY-MM');
      return undefined;
    }
    return value;
  }

  oneOf<T extends string>(path: string, value: unknown, allowed: readonly T[]): T | undefined {
    if (value === undefined || value === null || value === '') {
      this.add(path, 'is required');
      return undefined;
    }
    const found = allowed.find((candidate) => candidate === value);
    if (found === undefined) this.add(path, `must be one of ${allowed.join(', ')}`);
    return found;
  }

  optionalOneOf<T extends string>(path: string, value: unknown, allowed: readonly T[]): T | undefined {
    return value === undefined || value === null ? undefined : this.oneOf(path, value, allowed);
  }

  /**
   * A catalogue metric, or (given `trust`) one of that trust's local measures: the check is
   * metricForTrust's, the one home of "is this metric code valid for this trust".
   */
  metric(
    path: string,
    value: unknown,
    trust?: { readonly trustCode: string | undefined; readonly localMeasures: readonly LocalMeasure[] },
  ): MetricDefinition | undefined {
    if (typeof value !== 'string' || value.trim() === '') {
      this.add(path, 'is required');
      return undefined;
    }
    const metric = metricForTrust(value, trust?.trustCode, trust?.localMeasures ?? []);
    if (!metric) {
      this.add(
        path,
        trust?.trustCode
          ? `is not a metric in the catalogue or a local measure of trust ${trust.trustCode}: ${value}`
          : `is not a metric in the catalogue: ${value}`,
      );
    }
    return metric;
  }

  /** A required finite number, optionally within [min, max] and whole. */
  number(path: string, value: unknown, options: { min?: number; max?: number; integer?: boolean; rangeName?: string } = {}): number | undefined {
    if (value === undefined || value === null) {
      this.add(path, 'is required');
      return undefined;
    }
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      this.add(path, 'must be a finite number');
      return undefined;
    }
    const { min, max, integer, rangeName } = options;
    if (integer && !Number.isInteger(value)) {
      this.add(path, 'must be a whole number');
      return undefined;
    }
    const below = min !== undefined && value < min;
    const above = max !== undefined && value > max;
    if (below || above) {
      const range = min !== undefined && max !== undefined ? `between ${min} and ${max}` : min !== undefined ? `at least ${min}` : `at most ${String(max)}`;
      this.add(path, `must be ${range}${rangeName ? ` (${rangeName})` : ''}`);
      return undefined;
    }
    return value;
  }

  optionalNumber(path: string, value: unknown, options: { min?: number; max?: number; integer?: boolean } = {}): number | undefined {
    return value === undefined || value === null ? undefined : this.number(path, value, options);
  }

  /** A required array; element checks are the caller's. Returns [] when it is not an array. */
  list(path: string, value: unknown, { min, max }: { min: number; max: number }): readonly unknown[] {
    if (!Array.isArray(value)) {
      this.add(path, 'must be a list');
      return [];
    }
    if (value.length < min) this.add(path, min === 1 ? 'must have at least one entry' : `must have at least ${min} entries`);
    if (value.length > max) this.add(path, `must have at most ${max} entries`);
    return value;
  }

  /** An object to descend into; records an error and returns an empty record when it is not one. */
  object(path: string, value: unknown): Readonly<Record<string, unknown>> {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      this.add(path, 'is required');
      return {};
    }
    return value as Record<string, unknown>;
  }

  /**
   * Required plain text a person wrote (a lesson, a comment): trimmed, non-empty, at most `max`
   * characters, and without control characters other than tab and line breaks. It is stored and
   * shown as text, never as HTML.
   */
  plainText(path: string, value: unknown, { max }: TextLimits): string | undefined {
    const text = this.requiredText(path, value, { max });
    if (text !== undefined && CONTROL_CHARACTERS.test(text)) {
      this.add(path, 'must be plain text: remove the control characters');
      return undefined;
    }
    return text;
  }

  private withinLength(path: string, value: string, max: number): string | undefined {
    if (value.length > max) {
      this.add(path, `must be at most ${max} characters (it is ${value.length})`);
      return undefined;
    }
    return value;
  }
}

// Control characters other than tab and line breaks have no place in plain text a person wrote.
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

/** Reads command data as an untrusted record: fields may be missing or of the wrong type at runtime. */
export function untrusted(data: unknown): Readonly<Record<string, unknown>> {
  return typeof data === 'object' && data !== null && !Array.isArray(data) ? (data as Record<string, unknown>) : {};
}

export function path(...parts: readonly (string | number)[]): string {
  return parts.join('.');
}

export { ODS_CODE, ODS_ORGANISATION_CODE } from './patterns';
/** Intervention ids are client-generated UUIDs or similar: letters, digits and hyphens. */
export const ENTITY_ID = /^[A-Za-z0-9][A-Za-z0-9-]{0,63}$/;
