/**
 * The checks the sustainability self-assessment form makes before sending (the server checks the
 * same rules again), the mapping of the server's field paths to the form's fields, and the trend
 * of totals shown in the history. Pure.
 */
import { dateFrom } from './workspace';

export type Errors = Record<string, string>;

export const MAX_SUSTAINABILITY_NOTE = 2000;

export const GROUP_LABELS: Readonly<Record<string, string>> = { PROCESS: 'Process', STAFF: 'Staff', ORGANISATION: 'Organisation' };

/** The form's id for a factor's radios (the first radio carries it, so the error summary can link to it). */
export const factorFieldId = (factor: string) => `sus-${factor.toLowerCase().replace(/_/g, '-')}`;

export interface AssessmentDraft {
  readonly day: string;
  readonly month: string;
  readonly year: string;
  /** The chosen level per factor (absent: not chosen). */
  readonly levels: Readonly<Record<string, number | undefined>>;
  readonly note: string;
}

/** Errors keyed by field id, in the form's order; the date as YYYY-MM-DD when it is valid. */
export function validateAssessment(
  draft: AssessmentDraft,
  factors: readonly { factor: string; name: string }[],
  today: string,
): { errors: Errors; assessedOn?: string } {
  const errors: Errors = {};
  const date = dateFrom(draft.day, draft.month, draft.year, 'the date of the assessment');
  let assessedOn: string | undefined;
  if ('error' in date) errors['sus-date'] = date.error;
  else if (date.date > today) errors['sus-date'] = 'The date of the assessment must be today or in the past';
  else assessedOn = date.date;
  for (const f of factors) {
    if (draft.levels[f.factor] === undefined) errors[factorFieldId(f.factor)] = `Select a level for ${f.name.charAt(0).toLowerCase()}${f.name.slice(1)}`;
  }
  if (draft.note.trim().length > MAX_SUSTAINABILITY_NOTE)
    errors['sus-note'] = `The note must be ${MAX_SUSTAINABILITY_NOTE.toLocaleString('en-GB')} characters or fewer`;
  return assessedOn !== undefined ? { errors, assessedOn } : { errors };
}

/** The form field a server error's path belongs to (scores are sent in the factors' order). */
export function fieldForPath(path: string, factors: readonly { factor: string }[]): string | undefined {
  if (path === 'assessedOn') return 'sus-date';
  if (path === 'note') return 'sus-note';
  const match = /^scores\.(\d+)/.exec(path);
  const factor = match ? factors[Number(match[1])]?.factor : undefined;
  return factor ? factorFieldId(factor) : undefined;
}

/** Oldest first, each total with its change from the one before (for the history's trend). */
export function totalsTrend(assessments: readonly { assessedOn: string; total: number }[]): { assessedOn: string; total: number; change: number | null }[] {
  const oldestFirst = [...assessments].sort((a, b) => a.assessedOn.localeCompare(b.assessedOn));
  return oldestFirst.map((a, i) => {
    const previous = oldestFirst[i - 1];
    return { assessedOn: a.assessedOn, total: a.total, change: previous ? Math.round((a.total - previous.total) * 10) / 10 : null };
  });
}

export function mayAssess(viewer: { role: string; trustCode?: string | null } | null, trustCode: string): boolean {
  if (!viewer) return false;
  return viewer.role === 'ADMIN' || (viewer.role === 'TRUST_EDITOR' && viewer.trustCode === trustCode);
}
