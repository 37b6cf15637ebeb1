import type { DriverDiagramContext } from './driver-diagram';
import type { InterventionState } from './intervention';
import type { TrustState } from './trust';
import type { AssessedInterventionState } from './sustainability';
import type { SustainabilityFactor } from './sustainability-model';
import type { Approach, Command, Direction, InterventionCategory, IsoDate, IsoMonth, Observation, PdsaCycle, Sharing, Target, TrustContext } from './shared';

// ---- Trust ----
export type RegisterTrust = Command<'RegisterTrust', { code: string; name: string; context: TrustContext; effectiveFrom: IsoDate }>;
export type UpdateTrustContext = Command<'UpdateTrustContext', { code: string; context: TrustContext; effectiveFrom: IsoDate; reason?: string }>;
export type DefineLocalMeasure = Command<'DefineLocalMeasure', { trustCode: string; name: string; unit: string; direction: Direction }>;
export type TrustCommand = RegisterTrust | UpdateTrustContext | DefineLocalMeasure;
/** What a command naming a trust's metric needs from the trust's stream: its local measures (TrustState folded; absent = none). */
export interface TrustMetricsContext {
  readonly trust?: TrustState;
}

// ---- Intervention ----
export type ProposeIntervention = Command<
  'ProposeIntervention',
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
  }
> & { readonly context?: TrustMetricsContext };
export type StartIntervention = Command<'StartIntervention', { interventionId: string; startedOn: IsoDate }>;
export type LogPdsaCycle = Command<'LogPdsaCycle', { interventionId: string; cycle: PdsaCycle }>;
export type CompleteIntervention = Command<'CompleteIntervention', { interventionId: string; completedOn: IsoDate; summary?: string }>;
export type AbandonIntervention = Command<'AbandonIntervention', { interventionId: string; abandonedOn: IsoDate; reason: string }>;
export type ChangeSharing = Command<'ChangeSharing', { interventionId: string; sharing: Sharing }>;
/**
 * A trust adopts an intervention it may see (another trust's, or its own): a new intervention
 * (`interventionId`, a new stream) at `trustCode`, adopted from `sourceInterventionId`. Category,
 * approach, targets (and the title, unless given) are copied from the source's own stream, never
 * from the sender: the command side loads that stream (see command-context.ts) into `context`.
 */
export type AdoptIntervention = Command<
  'AdoptIntervention',
  { interventionId: string; sourceInterventionId: string; trustCode: string; title?: string; adaptations: string; sharing: Sharing }
> & { readonly context?: AdoptionContext };
/** What AdoptIntervention needs from outside its own stream: the source folded (INITIAL when it does not exist). */
export interface AdoptionContext {
  readonly source: InterventionState;
}
export type InterventionCommand =
  ProposeIntervention | StartIntervention | LogPdsaCycle | CompleteIntervention | AbandonIntervention | ChangeSharing | AdoptIntervention;

// ---- Metric series ----
export type RecordObservations = Command<'RecordObservations', { trustCode: string; metric: string; observations: Observation[]; source?: string }> & {
  readonly context?: TrustMetricsContext;
};
export type CorrectObservation = Command<
  'CorrectObservation',
  {
    trustCode: string;
    metric: string;
    period: IsoMonth;
    value: number;
    numerator?: number;
    denominator?: number;
    reason: string;
  }
> & { readonly context?: TrustMetricsContext };
export type RebaseSeries = Command<'RebaseSeries', { trustCode: string; metric: string; fromPeriod: IsoMonth; reason: string }> & {
  readonly context?: TrustMetricsContext;
};
export type MetricSeriesCommand = RecordObservations | CorrectObservation | RebaseSeries;

// ---- Mentorship (an offer and its mentorships) ----
export type OfferMentorship = Command<
  'OfferMentorship',
  { offerId: string; categories: InterventionCategory[]; metrics: string[]; capacity: number; note?: string }
>;
export type WithdrawMentorshipOffer = Command<'WithdrawMentorshipOffer', { offerId: string }>;
export type RequestMentorship = Command<'RequestMentorship', { offerId: string; mentorshipId: string; trustCode: string; message: string }>;
export type RespondToMentorship = Command<'RespondToMentorship', { offerId: string; mentorshipId: string; accept: boolean }>;
export type EndMentorship = Command<'EndMentorship', { offerId: string; mentorshipId: string }>;
export type MentorshipCommand = OfferMentorship | WithdrawMentorshipOffer | RequestMentorship | RespondToMentorship | EndMentorship;

// ---- Lessons ----
/** What a lesson or comment needs from the intervention it is about: that stream folded (INITIAL when it does not exist). */
export interface InterventionContext {
  readonly intervention?: InterventionState;
}
export type ShareLesson = Command<'ShareLesson', { lessonId: string; interventionId?: string; title: string; body: string; sharing: Sharing }> & {
  readonly context?: InterventionContext;
};
export type EndorseLesson = Command<'EndorseLesson', { lessonId: string }> & { readonly context?: InterventionContext };
export type LessonCommand = ShareLesson | EndorseLesson;

// ---- Comments ----
export type CommentOnIntervention = Command<'CommentOnIntervention', { commentId: string; interventionId: string; body: string }> & {
  readonly context?: InterventionContext;
};
export type RetractComment = Command<'RetractComment', { commentId: string }> & { readonly context?: InterventionContext };
export type HideComment = Command<'HideComment', { commentId: string; reason: string }>;
export type CommentCommand = CommentOnIntervention | RetractComment | HideComment;

// ---- Programmes (collaboratives) ----
export type CreateProgramme = Command<'CreateProgramme', { programmeId: string; name: string; aim: string; category: InterventionCategory; metric: string }>;
export type AppointProgrammeCoordinator = Command<'AppointProgrammeCoordinator', { programmeId: string; coordinatorId: string; coordinatorName: string }>;
/** What JoinProgramme needs from the trust's stream: that it is registered (and its name). */
export interface TrustContextOfCommand {
  readonly trust?: TrustState;
}
export type JoinProgramme = Command<'JoinProgramme', { programmeId: string; trustCode: string }> & { readonly context?: TrustContextOfCommand };
export type LinkToProgramme = Command<'LinkToProgramme', { programmeId: string; interventionId: string }> & { readonly context?: InterventionContext };
export type ProgrammeCommand = CreateProgramme | AppointProgrammeCoordinator | JoinProgramme | LinkToProgramme;

// ---- Sustainability self-assessment ----
/** What AssessSustainability needs from the intervention's stream (see sustainability.ts). */
export interface SustainabilityContext {
  readonly intervention?: AssessedInterventionState;
}
export type AssessSustainability = Command<
  'AssessSustainability',
  { interventionId: string; assessedOn: IsoDate; scores: { factor: SustainabilityFactor; level: number }[]; note?: string }
> & { readonly context?: SustainabilityContext };
export type SustainabilityCommand = AssessSustainability;

// ---- Driver diagrams ----
/** A change idea as the sender writes it: the interventions (of the diagram's trust) that test it. */
export interface DriverDiagramChangeIdeaInput {
  readonly text: string;
  readonly interventionIds?: readonly string[];
}
export interface DriverDiagramSecondaryDriverInput {
  readonly text: string;
  readonly changeIdeas?: readonly DriverDiagramChangeIdeaInput[];
}
export interface DriverDiagramPrimaryDriverInput {
  readonly text: string;
  readonly secondaryDrivers?: readonly DriverDiagramSecondaryDriverInput[];
}
type DriverDiagramBody = {
  aim: string;
  measure: string;
  sharing: Sharing;
  primaryDrivers: readonly DriverDiagramPrimaryDriverInput[];
};
export type DefineDriverDiagram = Command<'DefineDriverDiagram', DriverDiagramBody & { driverDiagramId: string; trustCode: string }> & {
  readonly context?: DriverDiagramContext;
};
export type ReviseDriverDiagram = Command<'ReviseDriverDiagram', DriverDiagramBody & { driverDiagramId: string; note?: string }> & {
  readonly context?: DriverDiagramContext;
};
export type DriverDiagramCommand = DefineDriverDiagram | ReviseDriverDiagram;

export type LongviewCommand =
  | TrustCommand
  | InterventionCommand
  | MetricSeriesCommand
  | MentorshipCommand
  | LessonCommand
  | CommentCommand
  | ProgrammeCommand
  | SustainabilityCommand
  | DriverDiagramCommand;
export type LongviewCommandType = LongviewCommand['type'];
