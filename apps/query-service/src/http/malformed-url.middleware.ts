import { textProblem, type ErrorBody } from '@longview/contracts';

/** Longest path segment (an id or a code) the query service reads; real ones are far shorter. */
export const MAX_SEGMENT_LENGTH = 200;

interface Req {
  readonly path: string;
  readonly url: string;
}
interface Res {
  status(code: number): { json(body: ErrorBody): unknown };
}

/**
 * Express middleware before the routes: a path segment or query parameter that is not UTF-8, holds
 * a NUL or a lone surrogate (PostgreSQL 22021), or a segment over MAX_SEGMENT_LENGTH, is a 400
 * BAD_USER_INPUT naming it, before any SQL runs.
 */
export function rejectMalformedUrl(req: Req, res: Res, next: () => void): void {
  const problem = urlProblem(req);
  if (!problem) return next();
  res.status(400).json({ code: 'BAD_USER_INPUT', message: problem, fields: [] });
}

function urlProblem(req: Req): string | undefined {
  for (const raw of req.path.split('/')) {
    const segment = decoded(raw);
    if (segment === undefined) return `The path segment "${raw.slice(0, 40)}" is not valid percent-encoded UTF-8`;
    if (segment.length > MAX_SEGMENT_LENGTH) return `A path segment is ${segment.length} characters long (at most ${MAX_SEGMENT_LENGTH})`;
    const problem = textProblem(segment);
    if (problem) return `A path segment ${problem}`;
    if (/[\u0000-\u001f\u007f]/.test(segment)) return 'A path segment contains control characters';
  }
  // The raw query string: Express's parser keeps undecodable bytes as they are, silently.
  const search = req.url.includes('?') ? req.url.slice(req.url.indexOf('?') + 1) : '';
  for (const pair of search.split('&')) {
    if (!pair) continue;
    const [rawName = '', ...rest] = pair.split('=');
    const name = decoded(rawName);
    const value = decoded(rest.join('='));
    if (name === undefined || value === undefined) return `The query parameter "${rawName.slice(0, 40)}" is not valid percent-encoded UTF-8`;
    const problem = textProblem(name) ?? textProblem(value);
    if (problem) return `The query parameter ${name} ${problem}`;
  }
  return undefined;
}

function decoded(raw: string): string | undefined {
  try {
    return decodeURIComponent(raw.replace(/\+/g, ' '));
  } catch {
    return undefined;
  }
}
