/** Shared value types of the Longview domain. Pure data: no classes, no I/O. */

/** ISO date `YYYY-MM-DD`. */
export type IsoDate = string;
/** ISO month `YYYY-MM` (a period of a monthly metric series). */
export type IsoMonth = string;
/** ISO timestamp. */
export type IsoDateTime = string;

export const ROLES = ['TRUST_EDITOR', 'POLICYMAKER', 'COMMUNITY', 'ADMIN', 'SYSTEM'] as const;
export type Role = (typeof ROLES)[number];

/** Who issued a command. Authorisation decisions are made from this. */
export interface Actor {
  readonly id: string;
  readonly role: Role;
  /** Set for TRUST_EDITOR: the trust they may act for. */
  readonly trustCode?: string;
  /** The person's name from their verified token, when it has one (shown as a mentor's or author's name). */
  readonly name?: string;
}

/** Everything a decider needs from the outside world arrives here: no clock or random ids inside. */
export interface CommandMetadata {
  readonly commandId: string;
  readonly actor: Actor;
  /** The time the command is handled (ISO timestamp). */
  readonly now: IsoDateTime;
}

export interface Command<Type extends string = string, Data = unknown> {
  readonly type: Type;
  readonly data: Data;
  readonly metadata: CommandMetadata;
}

export interface DomainEvent<Type extends string = string, Data = unknown> {
  readonly type: Type;
  readonly data: Data;
}

/** An aggregate as three pure functions (Emmett's decider). */
export interface Decider<C extends Command, E extends DomainEvent, S> {
  readonly initialState: () => S;
  readonly evolve: (state: S, event: E) => S;
  readonly decide: (command: C, state: S) => readonly E[];
  /**
   * Optional: the same result as `events.reduce(evolve, state)`, faster for long histories
   * (it may build the new state in a private accumulator, but never changes `state`). Use
   * {@link foldEvents} rather than calling it directly.
   */
  readonly fold?: (state: S, events: readonly E[]) => S;
}

/** `state` evolved by every event in order (the decider's own fold when it has one). */
export function foldEvents<C extends Command, E extends DomainEvent, S>(decider: Decider<C, E, S>, state: S, events: readonly E[]): S {
  return decider.fold ? decider.fold(state, events) : events.reduce(decider.evolve, state);
}

export const TRUST_KINDS = ['ACUTE', 'MENTAL_HEALTH', 'COMMUNITY', 'AMBULANCE', 'SPECIALIST'] as const;
export type TrustKind = (typeof TRUST_KINDS)[number];

/** The seven NHS England regions. */
export const REGIONS = ['NORTH_EAST_AND_YORKSHIRE', 'NORTH_WEST', 'MIDLANDS', 'EAST_OF_ENGLAND', 'LONDON', 'SOUTH_EAST', 'SOUTH_WEST'] as const;
export type Region = (typeof REGIONS)[number];

export const CQC_RATINGS = ['OUTSTANDING', 'GOOD', 'REQUIRES_IMPROVEMENT', 'INADEQUATE'] as const;
export type CqcRating = (typeof CQC_RATINGS)[number];

/** A trust's context. It changes over time, so every change carries an effective date. */
export interface TrustContext {
  readonly kind: TrustKind;
  readonly region: Region;
  readonly beds?: number;
  readonly catchmentPopulation?: number;
  /** A&E attendances per year. */
  readonly aeAttendances?: number;
  /** Index of Multiple Deprivation score of the catchment (higher = more deprived), 0-100. */
  readonly deprivation?: number;
  /** NHS Oversight Framework segment, 1 (best) to 5. */
  readonly oversightSegment?: number;
  readonly cqcRating?: CqcRating;
}

export const INTERVENTION_CATEGORIES = [
  'PATIENT_FLOW',
  'ELECTIVE_RECOVERY',
  'WORKFORCE',
  'CULTURE_AND_LEADERSHIP',
  'QUALITY_AND_SAFETY',
  'DIGITAL',
  'OTHER',
] as const;
export type InterventionCategory = (typeof INTERVENTION_CATEGORIES)[number];

export const APPROACHES = ['QUICK_FIX', 'SYSTEMIC'] as const;
export type Approach = (typeof APPROACHES)[number];

export const SHARING_LEVELS = ['PRIVATE', 'TRUSTS', 'PUBLIC'] as const;
export type Sharing = (typeof SHARING_LEVELS)[number];

export const DIRECTIONS = ['INCREASE', 'DECREASE'] as const;
export type Direction = (typeof DIRECTIONS)[number];

/**
 * What a target measures for the intervention: OUTCOME (what it sets out to improve), PROCESS (is
 * the change being carried out as planned) or BALANCING (what might get worse elsewhere because
 * of it, e.g. length of stay when A&E waits are cut by admitting more).
 */
export const TARGET_ROLES = ['OUTCOME', 'PROCESS', 'BALANCING'] as const;
export type TargetRole = (typeof TARGET_ROLES)[number];

/**
 * A target as events carry it. `direction` is the direction that counts as better on this measure
 * (for a balancing measure: the direction it must not move against). `role` is absent in events
 * written before roles existed; those targets were outcomes, and every reader upcasts them with
 * `withRole` (events are never rewritten).
 */
export interface Target {
  readonly metric: string;
  readonly direction: Direction;
  readonly role?: TargetRole;
}

/** A target as states and read models hold it: the role always known. */
export type InterventionTarget = Required<Target>;

/** Reads a stored target in the current shape: a target from before roles is an OUTCOME. */
export function withRole(target: Target): InterventionTarget {
  return { metric: target.metric, direction: target.direction, role: target.role ?? 'OUTCOME' };
}

export interface Observation {
  readonly period: IsoMonth;
  readonly value: number;
  readonly numerator?: number;
  readonly denominator?: number;
}

export interface PdsaCycle {
  readonly plan: string;
  readonly do: string;
  readonly study: string;
  readonly act: string;
  /** The date the cycle was run. */
  readonly cycleDate: IsoDate;
}

/** Stream names: `<aggregate>-<id>`. */
export const streamIds = {
  trust: (code: string) => `trust-${code}`,
  intervention: (id: string) => `intervention-${id}`,
  series: (trustCode: string, metric: string) => `series-${trustCode}-${metric}`,
  /** A mentorship offer and the mentorships made under it. */
  mentorship: (offerId: string) => `mentorship-${offerId}`,
  /** A lesson and its endorsements. */
  lesson: (lessonId: string) => `lesson-${lessonId}`,
  /** One comment on an intervention, with its retraction or moderation. */
  comment: (commentId: string) => `comment-${commentId}`,
  /** A programme (collaborative): its members, coordinators and linked interventions. */
  programme: (programmeId: string) => `programme-${programmeId}`,
  /** Every sustainability self-assessment of one intervention. */
  sustainability: (interventionId: string) => `sustainability-${interventionId}`,
  /** A trust's driver diagram and its revisions. */
  driverDiagram: (driverDiagramId: string) => `driver-diagram-${driverDiagramId}`,
} as const;
