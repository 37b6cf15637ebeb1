import type { ActivityKindView } from '@longview/contracts';
import type { Sustainability } from '@longview/analytics';
import { findMetric, type LongviewEvent, type LongviewEventType } from '@longview/domain';

/** What the feed knows of an intervention when it describes one of its events. */
export interface FeedIntervention {
  readonly title: string;
}

/** A row the feed adds for one event: what happened, in a short plain-English sentence. */
export interface FeedEntry {
  readonly kind: ActivityKindView;
  readonly summary: string;
}

type Describe<E extends LongviewEvent> = (event: E, intervention: FeedIntervention) => FeedEntry;
type KindsTable = { readonly [T in LongviewEventType]?: Describe<Extract<LongviewEvent, { type: T }>> };

const quoted = (title: string) => `“${title}”`;

/**
 * The event types that become a row of the live feed, and how each reads. An event type not
 * listed here adds no row (it may still feed what the rows need: sharing, trust names, series).
 * Verdict changes are not an event: the projection derives them from the series and adds
 * VERDICT_CHANGED rows itself (see `verdictSummary`).
 *
 * Every row belongs to one intervention and is visible exactly when that intervention is (its
 * current sharing, joined at read time); a lesson's row also needs the lesson's own sharing, and a
 * comment's row leaves the feed once the comment is retracted or hidden.
 */
export const FEED_KINDS: KindsTable = {
  InterventionProposed: (event, i) =>
    event.data.adoptedFrom
      ? { kind: 'INTERVENTION_ADOPTED', summary: `Adopted ${quoted(i.title)} from another trust, adapted to local context` }
      : { kind: 'INTERVENTION_PROPOSED', summary: `Proposed a new intervention: ${quoted(i.title)}` },
  InterventionStarted: (event, i) => ({ kind: 'INTERVENTION_STARTED', summary: `Started ${quoted(i.title)} on ${event.data.startedOn}` }),
  InterventionCompleted: (event, i) => ({ kind: 'INTERVENTION_COMPLETED', summary: `Completed ${quoted(i.title)} on ${event.data.completedOn}` }),
  LessonShared: (event, i) => ({ kind: 'LESSON_SHARED', summary: `Shared a lesson on ${quoted(i.title)}: ${quoted(event.data.title)}` }),
  CommentPosted: (_event, i) => ({ kind: 'COMMENT_POSTED', summary: `Commented on ${quoted(i.title)}` }),
};

/** How a verdict reads in a sentence. */
export const VERDICT_WORDS: Readonly<Record<Sustainability, string>> = {
  SUSTAINED: 'sustained',
  FADED: 'faded',
  NOT_YET_EVIDENT: 'not yet evident',
  NO_SIGNAL: 'no signal',
  DETERIORATED: 'deteriorated',
  INSUFFICIENT_DATA: 'insufficient data',
};

export function verdictSummary(intervention: FeedIntervention, metric: string, from: Sustainability, to: Sustainability): string {
  const name = findMetric(metric)?.name ?? metric;
  return `The verdict on ${quoted(intervention.title)} for ${name} changed from ${VERDICT_WORDS[from]} to ${VERDICT_WORDS[to]}`;
}

/** The row an event adds, or undefined when its type is not in the feed. */
export function feedEntry(event: LongviewEvent, intervention: FeedIntervention): FeedEntry | undefined {
  const describe = FEED_KINDS[event.type] as Describe<LongviewEvent> | undefined;
  return describe?.(event, intervention);
}
