/**
 * TypeScript mirrors of the SDL's arguments and inputs (schema.graphql is the source of truth).
 * GraphQL hands optional inputs over as `null` or absent, hence `?: T | null`.
 */
import type { InterventionStatus } from '@longview/contracts';
import type { Approach, CqcRating, Direction, InterventionCategory, Region, Sharing, TrustKind } from '@longview/domain';

type Maybe<T> = T | null | undefined;

export interface TrustFilter {
  readonly search?: Maybe<string>;
  readonly region?: Maybe<Region>;
  readonly kind?: Maybe<TrustKind>;
}

export interface InterventionFilter {
  readonly trustCode?: Maybe<string>;
  readonly status?: Maybe<InterventionStatus>;
  readonly category?: Maybe<InterventionCategory>;
}

export interface PageArgs {
  readonly first?: Maybe<number>;
  readonly after?: Maybe<string>;
}

interface CommandOptions {
  readonly commandId?: Maybe<string>;
}

interface VersionedCommandOptions extends CommandOptions {
  readonly expectedVersion?: Maybe<number>;
}

export interface TrustContextInput {
  readonly kind: TrustKind;
  readonly region: Region;
  readonly beds?: Maybe<number>;
  readonly catchmentPopulation?: Maybe<number>;
  readonly aeAttendances?: Maybe<number>;
  readonly deprivation?: Maybe<number>;
  readonly oversightSegment?: Maybe<number>;
  readonly cqcRating?: Maybe<CqcRating>;
}

export interface RegisterTrustInput extends CommandOptions {
  readonly code: string;
  readonly name: string;
  readonly context: TrustContextInput;
  readonly effectiveFrom?: Maybe<string>;
}

export interface ProposeInterventionInput extends CommandOptions {
  readonly trustCode: string;
  readonly title: string;
  readonly summary: string;
  readonly category: InterventionCategory;
  readonly rootCause?: Maybe<string>;
  readonly approach: Approach;
  readonly targets: readonly { readonly metric: string; readonly direction: Direction }[];
  readonly sharing: Sharing;
}

export interface StartInterventionInput extends VersionedCommandOptions {
  readonly interventionId: string;
  readonly startedOn: string;
}

export interface LogPdsaCycleInput extends VersionedCommandOptions {
  readonly interventionId: string;
  readonly plan: string;
  readonly do: string;
  readonly study: string;
  readonly act: string;
  readonly cycleDate: string;
}

export interface CompleteInterventionInput extends VersionedCommandOptions {
  readonly interventionId: string;
  readonly completedOn: string;
  readonly summary?: Maybe<string>;
}

export interface AbandonInterventionInput extends VersionedCommandOptions {
  readonly interventionId: string;
  readonly abandonedOn: string;
  readonly reason: string;
}

export interface ObservationInput {
  readonly period: string;
  readonly value: number;
  readonly numerator?: Maybe<number>;
  readonly denominator?: Maybe<number>;
}

export interface RecordObservationsInput extends CommandOptions {
  readonly trustCode: string;
  readonly metric: string;
  readonly observations: readonly ObservationInput[];
  readonly source?: Maybe<string>;
}

export interface CorrectObservationInput extends CommandOptions {
  readonly trustCode: string;
  readonly metric: string;
  readonly period: string;
  readonly value: number;
  readonly numerator?: Maybe<number>;
  readonly denominator?: Maybe<number>;
  readonly reason: string;
}

export interface RebaseSeriesInput extends CommandOptions {
  readonly trustCode: string;
  readonly metric: string;
  readonly fromPeriod: string;
  readonly reason: string;
}

export interface ScenarioInput {
  readonly category: InterventionCategory;
  readonly adopters: number;
  readonly similarTo?: Maybe<string>;
  readonly draws?: Maybe<number>;
  readonly seed?: Maybe<number>;
}

/** Query.systemProjection: `region` is a String validated against the Region values. */
export interface ProjectionArgs {
  readonly metric: string;
  readonly region?: Maybe<string>;
  readonly scenario?: Maybe<ScenarioInput>;
  readonly horizonMonths?: Maybe<number>;
}

/** Drops null/undefined properties: GraphQL's "not given" becomes JSON's "absent". */
export function compact<T extends object>(value: T): { [K in keyof T]: Exclude<T[K], null> } {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== null && v !== undefined)) as {
    [K in keyof T]: Exclude<T[K], null>;
  };
}
