import type { MentorMatchView, MentorshipOfferView, PeerView } from '@longview/contracts';
import { findMetric, type InterventionCategory } from '@longview/domain';

/**
 * How mentors are ranked for an asking trust (docs/collaboration.md): by what the data shows,
 * never by what a mentor says of themselves.
 *
 *   score = (1 + sustainedCount) / (1 + distance)
 *
 * - `distance`: the peers model's context distance from the asking trust to the mentor's trust
 *   (weighted Euclidean over standardised context features; 0 = identical context);
 * - `sustainedCount`: the mentor's trust's interventions in the category (and metric) asked about
 *   whose outcome has a SUSTAINED verdict, counting only interventions the viewer may see.
 * A sustained improvement counts as much as one unit of distance: three sustained improvements at
 * distance 2 (score 1.33) rank above none at distance 0.2 (0.83). Ties: smaller distance, then
 * more sustained, then the older offer.
 */
export function mentorScore(distance: number, sustainedCount: number): number {
  return (1 + sustainedCount) / (1 + distance);
}

export interface MentorCandidate {
  readonly offer: MentorshipOfferView;
  readonly peer: PeerView;
  readonly sustainedCount: number;
  /** The categories the record was counted in (the one asked about, else the offer's). */
  readonly categories: readonly InterventionCategory[];
  readonly metric?: string;
}

export function rankMentors(candidates: readonly MentorCandidate[]): MentorMatchView[] {
  return candidates
    .map((c) => ({
      offer: c.offer,
      distance: round(c.peer.distance, 3),
      sustainedCount: c.sustainedCount,
      score: round(mentorScore(c.peer.distance, c.sustainedCount), 3),
      explanation: explain(c),
    }))
    .sort(
      (a, b) =>
        b.score - a.score ||
        a.distance - b.distance ||
        b.sustainedCount - a.sustainedCount ||
        a.offer.offeredAt.localeCompare(b.offer.offeredAt) ||
        a.offer.id.localeCompare(b.offer.id),
    );
}

const FEATURE_LABELS: Readonly<Record<string, string>> = {
  kind: 'kind of trust',
  region: 'region',
  beds: 'size',
  baselinePerformance: 'A&E performance',
  deprivation: 'deprivation',
  oversightSegment: 'oversight segment',
};

/** A standardised difference below this reads as "similar". */
const SIMILAR = 0.5;

/** "3 sustained patient-flow improvements on A&E 4-hour performance; context distance 0.8: similar size and deprivation" */
export function explain(c: MentorCandidate): string {
  const n = c.sustainedCount;
  const what = c.categories.map(categoryLabel).join(' or ');
  const metric = c.metric ? ` on ${findMetric(c.metric)?.name ?? c.metric}` : '';
  const record = n === 0 ? `No sustained ${what} improvements${metric} you can see yet` : `${n} sustained ${what} improvement${n === 1 ? '' : 's'}${metric}`;
  return `${record}; context distance ${round(c.peer.distance, 1).toFixed(1)}: ${similarity(c.peer)}`;
}

function similarity(peer: PeerView): string {
  const known = peer.contributions.filter((x) => x.difference !== null && x.weight > 0);
  const similar = known.filter((x) => Math.abs(x.difference as number) < SIMILAR).map((x) => FEATURE_LABELS[x.feature] ?? x.feature);
  const different = known
    .filter((x) => Math.abs(x.difference as number) >= SIMILAR)
    .sort((a, b) => b.weight * (b.difference as number) ** 2 - a.weight * (a.difference as number) ** 2)
    .map((x) => FEATURE_LABELS[x.feature] ?? x.feature);
  const parts: string[] = [];
  if (similar.length > 0) parts.push(`similar ${list(similar)}`);
  if (different.length > 0) parts.push(`differs most in ${different[0]}`);
  return parts.length > 0 ? parts.join('; ') : 'no context to compare';
}

function list(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

export function categoryLabel(category: InterventionCategory): string {
  return category.toLowerCase().replace(/_/g, '-');
}

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
