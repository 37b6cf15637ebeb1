import type {
  Approach,
  DomainEvent,
  InterventionCategory,
  IsoDate,
  IsoDateTime,
  IsoMonth,
  Observation,
  PdsaCycle,
  Role,
  Sharing,
  Target,
  TrustContext,
} from './shared';
import type { SustainabilityFactor } from './sustainability-model';

// ---- Trust (stream `trust-<ODS code>`) ----
export type TrustRegistered = DomainEvent<
  'TrustRegistered',
  { code: string; name: string; context: TrustContext; effectiveFrom: IsoDate; registeredAt: IsoDateTime }
>;
export type TrustContextChanged = DomainEvent<'TrustContextChanged', { code: string; context: TrustContext; effectiveFrom: IsoDate; reason?: string }>;
export type TrustEvent = TrustRegistered | TrustContextChanged;

// ---- Intervention (stream `intervention-<uuid>`) ----
export type InterventionProposed = DomainEvent<
  'InterventionProposed',
  {
    interventionId: string;
    trustCode: string;
    title: string;
    summary: string;
    category: InterventionCategory;
    rootCause?: string;
    approach: Approach;
    targets: Target[];
    sharing: Sharing;
    proposedAt: IsoDateTime;
    /**
     * Set when the intervention is an adoption (AdoptIntervention): the intervention it was adopted
     * from and what the adopting trust changed for its own context. An adopted intervention is a
     * proposed intervention at the adopting trust with the same lifecycle, so it is this event with
     * one more optional field rather than a new event type: every read model that knows
     * interventions (lists, outcomes, evidence, trusts' counts, feeds) counts it without change,
     * and every stored event stays valid.
     */
    adoptedFrom?: { interventionId: string; adaptations: string };
  }
>;
export type InterventionStarted = DomainEvent<'InterventionStarted', { interventionId: string; startedOn: IsoDate }>;
export type PdsaCycleLogged = DomainEvent<'PdsaCycleLogged', { interventionId: string; cycleNumber: number; cycle: PdsaCycle; loggedAt: IsoDateTime }>;
export type InterventionCompleted = DomainEvent<'InterventionCompleted', { interventionId: string; completedOn: IsoDate; summary?: string }>;
export type InterventionAbandoned = DomainEvent<'InterventionAbandoned', { interventionId: string; abandonedOn: IsoDate; reason: string }>;
export type InterventionSharingChanged = DomainEvent<'InterventionSharingChanged', { interventionId: string; from: Sharing; to: Sharing }>;
export type InterventionEvent =
  InterventionProposed | InterventionStarted | PdsaCycleLogged | InterventionCompleted | InterventionAbandoned | InterventionSharingChanged;

// ---- Metric series (stream `series-<ODS>-<metric>`) ----
export type ObservationsRecorded = DomainEvent<'ObservationsRecorded', { trustCode: string; metric: string; observations: Observation[]; source?: string }>;
export type ObservationCorrected = DomainEvent<
  'ObservationCorrected',
  {
    trustCode: string;
    metric: string;
    period: IsoMonth;
    previousValue: number;
    value: number;
    numerator?: number;
    denominator?: number;
    reason: string;
  }
>;
export type SeriesRebased = DomainEvent<'SeriesRebased', { trustCode: string; metric: string; fromPeriod: IsoMonth; reason: string }>;
export type MetricSeriesEvent = ObservationsRecorded | ObservationCorrected | SeriesRebased;

// ---- Mentorship (stream `mentorship-<offerId>`: an offer and the mentorships made under it) ----
/** A person as the verified actor named them when they acted. */
export interface MentorshipPerson {
  readonly id: string;
  readonly name: string;
  readonly role: Role;
  readonly trustCode?: string;
}
export type MentorshipOffered = DomainEvent<
  'MentorshipOffered',
  { offerId: string; mentor: MentorshipPerson; categories: InterventionCategory[]; metrics: string[]; capacity: number; note?: string; offeredAt: IsoDateTime }
>;
export type MentorshipOfferWithdrawn = DomainEvent<'MentorshipOfferWithdrawn', { offerId: string; withdrawnAt: IsoDateTime }>;
export type MentorshipRequested = DomainEvent<
  'MentorshipRequested',
  { offerId: string; mentorshipId: string; trustCode: string; requester: MentorshipPerson; message: string; requestedAt: IsoDateTime }
>;
export type MentorshipAccepted = DomainEvent<'MentorshipAccepted', { offerId: string; mentorshipId: string; respondedAt: IsoDateTime }>;
export type MentorshipDeclined = DomainEvent<'MentorshipDeclined', { offerId: string; mentorshipId: string; respondedAt: IsoDateTime }>;
export type MentorshipEnded = DomainEvent<'MentorshipEnded', { offerId: string; mentorshipId: string; endedBy: MentorshipPerson; endedAt: IsoDateTime }>;
export type MentorshipEvent = MentorshipOffered | MentorshipOfferWithdrawn | MentorshipRequested | MentorshipAccepted | MentorshipDeclined | MentorshipEnded;

// ---- Lesson (stream `lesson-<lessonId>`: a lesson and its endorsements) ----
export type LessonShared = DomainEvent<
  'LessonShared',
  {
    lessonId: string;
    /** The intervention the lesson is about; absent for a lesson about the trust's work in general. */
    interventionId?: string;
    /** The trust whose experience it is (the author's; the intervention's when tied to one). */
    trustCode: string;
    title: string;
    body: string;
    sharing: Sharing;
    author: MentorshipPerson;
    sharedAt: IsoDateTime;
  }
>;
export type LessonEndorsed = DomainEvent<'LessonEndorsed', { lessonId: string; endorser: MentorshipPerson; endorsedAt: IsoDateTime }>;
export type LessonEvent = LessonShared | LessonEndorsed;

// ---- Comment (stream `comment-<commentId>`: one comment on an intervention and its moderation) ----
export type CommentPosted = DomainEvent<
  'CommentPosted',
  { commentId: string; interventionId: string; trustCode: string; author: MentorshipPerson; body: string; postedAt: IsoDateTime }
>;
export type CommentRetracted = DomainEvent<'CommentRetracted', { commentId: string; interventionId: string; retractedAt: IsoDateTime }>;
export type CommentHidden = DomainEvent<
  'CommentHidden',
  { commentId: string; interventionId: string; reason: string; hiddenBy: MentorshipPerson; hiddenAt: IsoDateTime }
>;
export type CommentEvent = CommentPosted | CommentRetracted | CommentHidden;

// ---- Programme (stream `programme-<programmeId>`: a collaborative, its members, coordinators and linked interventions) ----
/** A person named on a programme (a coordinator appointed by id and name). */
export interface ProgrammePerson {
  readonly id: string;
  readonly name: string;
}
export type ProgrammeCreated = DomainEvent<
  'ProgrammeCreated',
  {
    programmeId: string;
    name: string;
    aim: string;
    category: InterventionCategory;
    /** The outcome measure the members improve together (a catalogue code): what the programme's evidence pools. */
    metric: string;
    /** Whoever created it coordinates it. */
    coordinator: MentorshipPerson;
    createdAt: IsoDateTime;
  }
>;
export type ProgrammeCoordinatorAppointed = DomainEvent<
  'ProgrammeCoordinatorAppointed',
  { programmeId: string; coordinator: ProgrammePerson; appointedBy: MentorshipPerson; appointedAt: IsoDateTime }
>;
export type TrustJoinedProgramme = DomainEvent<
  'TrustJoinedProgramme',
  { programmeId: string; trustCode: string; trustName: string; joinedBy: MentorshipPerson; joinedAt: IsoDateTime }
>;
export type InterventionLinkedToProgramme = DomainEvent<
  'InterventionLinkedToProgramme',
  { programmeId: string; interventionId: string; trustCode: string; linkedBy: MentorshipPerson; linkedAt: IsoDateTime }
>;
export type ProgrammeEvent = ProgrammeCreated | ProgrammeCoordinatorAppointed | TrustJoinedProgramme | InterventionLinkedToProgramme;

// ---- Sustainability self-assessment (stream `sustainability-<interventionId>`: every assessment of one intervention) ----
export type SustainabilityAssessed = DomainEvent<
  'SustainabilityAssessed',
  {
    interventionId: string;
    /** The intervention's trust when it was assessed. */
    trustCode: string;
    assessedOn: IsoDate;
    /** The scale the levels are scored on (Longview's own: see sustainability-model.ts). */
    scale: 'LONGVIEW_LINEAR_V1';
    /** Each of the ten factors once, in the Model's order, level 1 (weakest) to 4. */
    scores: { factor: SustainabilityFactor; level: number }[];
    note?: string;
    assessedBy: MentorshipPerson;
    assessedAt: IsoDateTime;
  }
>;
export type SustainabilityEvent = SustainabilityAssessed;

// ---- Driver diagram (stream `driver-diagram-<id>`: a trust's aim, drivers and change ideas, and every revision) ----
export interface DriverDiagramChangeIdea {
  readonly text: string;
  /** Interventions of the diagram's trust that test the idea (their PDSA cycles are the tests). */
  readonly interventionIds: string[];
}
export interface DriverDiagramSecondaryDriver {
  readonly text: string;
  readonly changeIdeas: DriverDiagramChangeIdea[];
}
export interface DriverDiagramPrimaryDriver {
  readonly text: string;
  readonly secondaryDrivers: DriverDiagramSecondaryDriver[];
}
export type DriverDiagramDefined = DomainEvent<
  'DriverDiagramDefined',
  {
    driverDiagramId: string;
    trustCode: string;
    aim: string;
    /** The outcome measure: a metric code from the catalogue. */
    measure: string;
    sharing: Sharing;
    primaryDrivers: DriverDiagramPrimaryDriver[];
    definedBy: MentorshipPerson;
    definedAt: IsoDateTime;
  }
>;
/** The whole diagram as revised (revision 2, 3, ...): the stream keeps every earlier one. */
export type DriverDiagramRevised = DomainEvent<
  'DriverDiagramRevised',
  {
    driverDiagramId: string;
    trustCode: string;
    revision: number;
    aim: string;
    measure: string;
    sharing: Sharing;
    primaryDrivers: DriverDiagramPrimaryDriver[];
    note?: string;
    revisedBy: MentorshipPerson;
    revisedAt: IsoDateTime;
  }
>;
export type DriverDiagramEvent = DriverDiagramDefined | DriverDiagramRevised;

export type LongviewEvent =
  TrustEvent | InterventionEvent | MetricSeriesEvent | MentorshipEvent | LessonEvent | CommentEvent | ProgrammeEvent | SustainabilityEvent | DriverDiagramEvent;
export type LongviewEventType = LongviewEvent['type'];
