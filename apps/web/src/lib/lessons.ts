/**
 * The checks the lessons and comments forms make before sending (the server checks the same
 * limits again), and who is offered the Endorse button.
 */

export type Errors = Record<string, string>;

export const MAX_LESSON_TITLE = 200;
export const MAX_LESSON_BODY = 5000;
export const MAX_COMMENT = 2000;
export const MAX_HIDE_REASON = 500;

/** Checks a lesson before sending, keyed by the form's field ids, in the order they appear. */
export function validateLesson(draft: { title: string; body: string; sharing: string }): Errors {
  const errors: Errors = {};
  const title = draft.title.trim();
  const body = draft.body.trim();
  if (!title) errors['lesson-title'] = 'Enter a title for your lesson';
  else if (title.length > MAX_LESSON_TITLE) errors['lesson-title'] = `The title must be ${MAX_LESSON_TITLE} characters or fewer`;
  if (!body) errors['lesson-body'] = 'Enter what you learned';
  else if (body.length > MAX_LESSON_BODY) errors['lesson-body'] = `What you learned must be ${MAX_LESSON_BODY.toLocaleString('en-GB')} characters or fewer`;
  if (!draft.sharing) errors['lesson-sharing'] = 'Select who can see your lesson';
  return errors;
}

/** Checks a comment before sending. */
export function validateComment(body: string): Errors {
  const text = body.trim();
  if (!text) return { 'comment-body': 'Enter your comment' };
  if (text.length > MAX_COMMENT) return { 'comment-body': `Your comment must be ${MAX_COMMENT.toLocaleString('en-GB')} characters or fewer` };
  return {};
}

/** Checks an administrator's reason for hiding a comment; undefined when it is fine. */
export function hideReasonError(reason: string): string | undefined {
  const text = reason.trim();
  if (!text) return 'Enter why you are hiding this comment';
  if (text.length > MAX_HIDE_REASON) return `The reason must be ${MAX_HIDE_REASON} characters or fewer`;
  return undefined;
}

interface ViewerLike {
  name: string;
  role: string;
  trustCode?: string | null;
}

interface LessonLike {
  endorsedByMe: boolean;
  author: { name: string; trustCode?: string | null };
}

/**
 * Whether to offer Endorse: a signed-in trust editor, policymaker or admin who has not endorsed
 * it yet and did not write it (the author is recognised by name and trust; the server refuses
 * an author's endorsement in any case).
 */
export function mayEndorse(viewer: ViewerLike | null, lesson: LessonLike): boolean {
  if (!viewer || lesson.endorsedByMe) return false;
  if (viewer.role !== 'TRUST_EDITOR' && viewer.role !== 'POLICYMAKER' && viewer.role !== 'ADMIN') return false;
  return !(lesson.author.name === viewer.name && (lesson.author.trustCode ?? null) === (viewer.trustCode ?? null));
}

/** Whether to offer the "Share a lesson" form on an intervention: an editor of its trust, or an admin. */
export function mayShareLesson(viewer: { role: string; trustCode?: string | null } | null, trustCode: string): boolean {
  if (!viewer) return false;
  return viewer.role === 'ADMIN' || (viewer.role === 'TRUST_EDITOR' && viewer.trustCode === trustCode);
}
