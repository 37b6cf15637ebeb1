import { findMalformedText } from '@longview/contracts';
import { BadRequestError } from './request-errors';

/**
 * Express middleware after the JSON parser: a command whose body holds a string PostgreSQL
 * cannot store (NUL) or that is not Unicode (a lone surrogate), or that is nested absurdly deep,
 * is a 400 BAD_USER_INPUT naming the field (CommandErrorsFilter answers it), before any decider.
 */
export function rejectMalformedText(req: { body?: unknown }, _res: unknown, next: (error?: unknown) => void): void {
  const bad = findMalformedText(req.body);
  if (!bad) return next();
  // Paths are reported inside `data`, as the deciders' field errors are.
  const path = bad.path.startsWith('data.') ? bad.path.slice('data.'.length) : bad.path;
  next(new BadRequestError(`The command is invalid: ${path || 'the body'} ${bad.problem}`, [{ path, message: `${path || 'The body'} ${bad.problem}` }]));
}
