import type { ErrorBody } from './http';

/**
 * Rules every HTTP edge applies to what it receives: strings are well-formed Unicode without
 * NUL or other C0 control characters PostgreSQL or a URL cannot carry, and JSON is nested at
 * most `MAX_WIRE_DEPTH` levels. One home for the check, so the gateway, command-service and
 * query-service reject the same inputs with the same words.
 */

/** Deeper JSON than this is refused (no command or read needs more than a few levels). */
export const MAX_WIRE_DEPTH = 32;

export interface MalformedText {
  /** Where, as a dotted path from the checked value (`targets.0.metric`); '' for the value itself. */
  readonly path: string;
  readonly problem: string;
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why a string cannot be accepted, or undefined when it can. */
export function textProblem(text: string): string | undefined {
  if (text.includes('\u0000')) return 'contains a NUL character (\\u0000)';
  if (LONE_SURROGATE.test(text)) return 'contains a lone UTF-16 surrogate (not valid Unicode)';
  return undefined;
}

/**
 * The first string (value or object key) in a JSON-like value that `textProblem` refuses, or a
 * nesting deeper than `maxDepth`. Iterative: a hostile value cannot overflow the stack.
 */
export function findMalformedText(value: unknown, maxDepth: number = MAX_WIRE_DEPTH): MalformedText | undefined {
  const stack: { value: unknown; path: string; depth: number }[] = [{ value, path: '', depth: 0 }];
  while (stack.length > 0) {
    const item = stack.pop() as { value: unknown; path: string; depth: number };
    if (typeof item.value === 'string') {
      const problem = textProblem(item.value);
      if (problem) return { path: item.path, problem };
      continue;
    }
    if (typeof item.value !== 'object' || item.value === null) continue;
    if (item.depth >= maxDepth) return { path: item.path, problem: `is nested deeper than ${maxDepth} levels` };
    const entries: [string, unknown][] = Array.isArray(item.value) ? item.value.map((v, i) => [String(i), v]) : Object.entries(item.value);
    for (const [key, child] of entries.reverse()) {
      const path = item.path ? `${item.path}.${key}` : key;
      const keyProblem = textProblem(key);
      if (keyProblem) return { path, problem: `has a key that ${keyProblem}` };
      stack.push({ value: child, path, depth: item.depth + 1 });
    }
  }
  return undefined;
}

/** The smallest server shape `answerClientErrorsWithJson` needs (node:http's Server has it). */
export interface ClientErrorSource {
  on(event: 'clientError', listener: (error: Error & { code?: string }, socket: ClientSocket) => void): unknown;
}
export interface ClientSocket {
  readonly writable: boolean;
  end(data: string): unknown;
  destroy(): unknown;
}

/**
 * Node answers a request it cannot parse (an over-long URL or header block, a malformed request
 * line) with a bare 431 or 400 before any handler runs. This replaces that answer with a JSON
 * ErrorBody (400 BAD_USER_INPUT), so every edge speaks one error format even there.
 */
export function answerClientErrorsWithJson(server: ClientErrorSource): void {
  server.on('clientError', (error, socket) => {
    if (error.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    const tooLarge = error.code === 'HPE_HEADER_OVERFLOW';
    const body: ErrorBody = {
      code: 'BAD_USER_INPUT',
      message: tooLarge ? 'The request line or headers are too large (ids and query strings must be short)' : 'The HTTP request is malformed',
    };
    const json = JSON.stringify(body);
    socket.end(
      `HTTP/1.1 400 Bad Request\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(json)}\r\nConnection: close\r\n\r\n${json}`,
    );
  });
}
