import { CombinedGraphQLErrors, ServerError } from '@apollo/client/errors';

export interface FieldError {
  path: string;
  message: string;
}

export interface InterpretedErrors {
  /** Errors that belong to a field, keyed by input path (`title`, `targets.0.metric`). */
  fields: FieldError[];
  /** Errors that belong to no field (shown in the error summary only). */
  general: string[];
  /** The `extensions.code` values seen, e.g. UNAUTHENTICATED. */
  codes: string[];
}

function normalisePath(path: unknown): string | null {
  let text: string | null = null;
  if (typeof path === 'string') text = path;
  else if (Array.isArray(path)) text = path.map(String).join('.');
  if (text === null) return null;
  // Tolerate paths given relative to the mutation argument (`input.title`) or with brackets.
  return text.replace(/\[(\d+)\]/g, '.$1').replace(/^input\./, '');
}

const GENERAL_MESSAGES: Record<string, string> = {
  UNAUTHENTICATED: 'You need to sign in to do this.',
  FORBIDDEN: 'You do not have permission to do this for that trust.',
  CONFLICT: 'Someone else changed this at the same time. Try again.',
};

/**
 * Turns a failed mutation into field and summary errors. A BAD_USER_INPUT error carries
 * `extensions.fields: [{ path, message }]`; every other error is shown in the summary.
 */
export function interpretMutationError(error: unknown): InterpretedErrors {
  const result: InterpretedErrors = { fields: [], general: [], codes: [] };
  if (CombinedGraphQLErrors.is(error)) {
    for (const e of error.errors) {
      const code = typeof e.extensions?.code === 'string' ? e.extensions.code : '';
      if (code) result.codes.push(code);
      const fields = e.extensions?.fields;
      if (code === 'BAD_USER_INPUT' && Array.isArray(fields) && fields.length > 0) {
        for (const f of fields as unknown[]) {
          const record = (f ?? {}) as { path?: unknown; message?: unknown };
          const path = normalisePath(record.path);
          const message = typeof record.message === 'string' ? record.message : e.message;
          if (path) result.fields.push({ path, message });
          else result.general.push(message);
        }
      } else {
        result.general.push(e.message || GENERAL_MESSAGES[code] || 'Something went wrong.');
      }
    }
    return result;
  }
  if (ServerError.is(error)) {
    result.general.push(`The Longview service could not be reached (status ${error.statusCode}). Try again later.`);
    return result;
  }
  result.general.push('The Longview service could not be reached. Check your connection and try again.');
  return result;
}

/** The element id of the field an input path refers to (`targets.0.metric` -> `targets-0-metric`). */
export function fieldId(path: string): string {
  return path.replace(/\./g, '-');
}
