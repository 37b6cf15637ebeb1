import type { LongviewCommand, LongviewCommandType } from './commands';
import type { LongviewEvent, LongviewEventType } from './events';
import { commentDecider } from './comment';
import { driverDiagramDecider } from './driver-diagram';
import { interventionDecider } from './intervention';
import { lessonDecider } from './lesson';
import { mentorshipDecider } from './mentorship';
import { programmeDecider } from './programme';
import { metricSeriesDecider } from './metric-series';
import { sustainabilityDecider } from './sustainability';
import { foldEvents, streamIds, type Decider } from './shared';
import { trustDecider } from './trust';

/**
 * Routing of any command to its stream and decider, for one generic command handler:
 *
 *   const streamId = streamIdFor(command);
 *   const history = await store.read(streamId);
 *   const events = decideFromHistory(command, history);
 *   await store.append(streamId, events, history.length);
 */

export const AGGREGATES = ['trust', 'intervention', 'series', 'mentorship', 'lesson', 'comment', 'programme', 'sustainability', 'driverDiagram'] as const;
export type AggregateName = (typeof AGGREGATES)[number];

/**
 * A decider seen through the whole command/event unions. A stream only ever holds the events of
 * its own aggregate and a command is routed only to its own decider, so the widening is safe;
 * each evolve ignores event types that are not its own.
 */
export type AnyDecider = Decider<LongviewCommand, LongviewEvent, unknown>;

const DECIDERS: { readonly [A in AggregateName]: AnyDecider } = {
  trust: trustDecider as unknown as AnyDecider,
  intervention: interventionDecider as unknown as AnyDecider,
  series: metricSeriesDecider as unknown as AnyDecider,
  mentorship: mentorshipDecider as unknown as AnyDecider,
  lesson: lessonDecider as unknown as AnyDecider,
  comment: commentDecider as unknown as AnyDecider,
  programme: programmeDecider as unknown as AnyDecider,
  sustainability: sustainabilityDecider as unknown as AnyDecider,
  driverDiagram: driverDiagramDecider as unknown as AnyDecider,
};

type CommandOfType<T extends LongviewCommandType> = Extract<LongviewCommand, { type: T }>;

export interface CommandRoute<T extends LongviewCommandType> {
  readonly aggregate: AggregateName;
  /** The aggregate's decider, widened to the whole unions (see AnyDecider). */
  readonly decider: AnyDecider;
  readonly streamId: (data: CommandOfType<T>['data']) => string;
}

/** Every command type, with the aggregate that decides it and the stream it is appended to. */
export const COMMAND_ROUTES: { readonly [T in LongviewCommandType]: CommandRoute<T> } = {
  RegisterTrust: { aggregate: 'trust', decider: DECIDERS.trust, streamId: (data) => streamIds.trust(data.code) },
  UpdateTrustContext: { aggregate: 'trust', decider: DECIDERS.trust, streamId: (data) => streamIds.trust(data.code) },
  DefineLocalMeasure: { aggregate: 'trust', decider: DECIDERS.trust, streamId: (data) => streamIds.trust(data.trustCode) },
  ProposeIntervention: { aggregate: 'intervention', decider: DECIDERS.intervention, streamId: (data) => streamIds.intervention(data.interventionId) },
  StartIntervention: { aggregate: 'intervention', decider: DECIDERS.intervention, streamId: (data) => streamIds.intervention(data.interventionId) },
  LogPdsaCycle: { aggregate: 'intervention', decider: DECIDERS.intervention, streamId: (data) => streamIds.intervention(data.interventionId) },
  CompleteIntervention: { aggregate: 'intervention', decider: DECIDERS.intervention, streamId: (data) => streamIds.intervention(data.interventionId) },
  AbandonIntervention: { aggregate: 'intervention', decider: DECIDERS.intervention, streamId: (data) => streamIds.intervention(data.interventionId) },
  ChangeSharing: { aggregate: 'intervention', decider: DECIDERS.intervention, streamId: (data) => streamIds.intervention(data.interventionId) },
  AdoptIntervention: { aggregate: 'intervention', decider: DECIDERS.intervention, streamId: (data) => streamIds.intervention(data.interventionId) },
  RecordObservations: { aggregate: 'series', decider: DECIDERS.series, streamId: (data) => streamIds.series(data.trustCode, data.metric) },
  CorrectObservation: { aggregate: 'series', decider: DECIDERS.series, streamId: (data) => streamIds.series(data.trustCode, data.metric) },
  RebaseSeries: { aggregate: 'series', decider: DECIDERS.series, streamId: (data) => streamIds.series(data.trustCode, data.metric) },
  OfferMentorship: { aggregate: 'mentorship', decider: DECIDERS.mentorship, streamId: (data) => streamIds.mentorship(data.offerId) },
  WithdrawMentorshipOffer: { aggregate: 'mentorship', decider: DECIDERS.mentorship, streamId: (data) => streamIds.mentorship(data.offerId) },
  RequestMentorship: { aggregate: 'mentorship', decider: DECIDERS.mentorship, streamId: (data) => streamIds.mentorship(data.offerId) },
  RespondToMentorship: { aggregate: 'mentorship', decider: DECIDERS.mentorship, streamId: (data) => streamIds.mentorship(data.offerId) },
  EndMentorship: { aggregate: 'mentorship', decider: DECIDERS.mentorship, streamId: (data) => streamIds.mentorship(data.offerId) },
  ShareLesson: { aggregate: 'lesson', decider: DECIDERS.lesson, streamId: (data) => streamIds.lesson(data.lessonId) },
  EndorseLesson: { aggregate: 'lesson', decider: DECIDERS.lesson, streamId: (data) => streamIds.lesson(data.lessonId) },
  CommentOnIntervention: { aggregate: 'comment', decider: DECIDERS.comment, streamId: (data) => streamIds.comment(data.commentId) },
  RetractComment: { aggregate: 'comment', decider: DECIDERS.comment, streamId: (data) => streamIds.comment(data.commentId) },
  HideComment: { aggregate: 'comment', decider: DECIDERS.comment, streamId: (data) => streamIds.comment(data.commentId) },
  CreateProgramme: { aggregate: 'programme', decider: DECIDERS.programme, streamId: (data) => streamIds.programme(data.programmeId) },
  AppointProgrammeCoordinator: { aggregate: 'programme', decider: DECIDERS.programme, streamId: (data) => streamIds.programme(data.programmeId) },
  JoinProgramme: { aggregate: 'programme', decider: DECIDERS.programme, streamId: (data) => streamIds.programme(data.programmeId) },
  LinkToProgramme: { aggregate: 'programme', decider: DECIDERS.programme, streamId: (data) => streamIds.programme(data.programmeId) },
  AssessSustainability: {
    aggregate: 'sustainability',
    decider: DECIDERS.sustainability,
    streamId: (data) => streamIds.sustainability(data.interventionId),
  },
  DefineDriverDiagram: { aggregate: 'driverDiagram', decider: DECIDERS.driverDiagram, streamId: (data) => streamIds.driverDiagram(data.driverDiagramId) },
  ReviseDriverDiagram: { aggregate: 'driverDiagram', decider: DECIDERS.driverDiagram, streamId: (data) => streamIds.driverDiagram(data.driverDiagramId) },
};

export const LONGVIEW_COMMAND_TYPES = Object.keys(COMMAND_ROUTES) as readonly LongviewCommandType[];

export function isLongviewCommandType(value: string): value is LongviewCommandType {
  return Object.prototype.hasOwnProperty.call(COMMAND_ROUTES, value);
}

/** Which aggregate's stream each event type belongs to (used for topics and catalogues). */
export const EVENT_AGGREGATES: { readonly [T in LongviewEventType]: AggregateName } = {
  TrustRegistered: 'trust',
  TrustContextChanged: 'trust',
  LocalMeasureDefined: 'trust',
  InterventionProposed: 'intervention',
  InterventionStarted: 'intervention',
  PdsaCycleLogged: 'intervention',
  InterventionCompleted: 'intervention',
  InterventionAbandoned: 'intervention',
  InterventionSharingChanged: 'intervention',
  ObservationsRecorded: 'series',
  ObservationCorrected: 'series',
  SeriesRebased: 'series',
  MentorshipOffered: 'mentorship',
  MentorshipOfferWithdrawn: 'mentorship',
  MentorshipRequested: 'mentorship',
  MentorshipAccepted: 'mentorship',
  MentorshipDeclined: 'mentorship',
  MentorshipEnded: 'mentorship',
  LessonShared: 'lesson',
  LessonEndorsed: 'lesson',
  CommentPosted: 'comment',
  CommentRetracted: 'comment',
  CommentHidden: 'comment',
  ProgrammeCreated: 'programme',
  ProgrammeCoordinatorAppointed: 'programme',
  TrustJoinedProgramme: 'programme',
  InterventionLinkedToProgramme: 'programme',
  SustainabilityAssessed: 'sustainability',
  DriverDiagramDefined: 'driverDiagram',
  DriverDiagramRevised: 'driverDiagram',
};

export const LONGVIEW_EVENT_TYPES = Object.keys(EVENT_AGGREGATES) as readonly LongviewEventType[];

export function deciderFor(commandType: LongviewCommandType): AnyDecider {
  return COMMAND_ROUTES[commandType].decider;
}

export function streamIdFor(command: LongviewCommand): string {
  // The route is looked up by the command's own type, so its data has the type streamId expects.
  const route = COMMAND_ROUTES[command.type] as CommandRoute<LongviewCommandType>;
  return route.streamId(command.data);
}

/** Folds the stream's history and decides: the whole pure part of handling a command. */
export function decideFromHistory(command: LongviewCommand, history: readonly LongviewEvent[]): readonly LongviewEvent[] {
  const decider = deciderFor(command.type);
  const state = foldEvents(decider, decider.initialState(), history);
  return decider.decide(command, state);
}

/** The stream an event belongs to, derived from its data (e.g. for a Kafka message key). */
export function streamIdForEvent(event: LongviewEvent): string {
  switch (event.type) {
    case 'TrustRegistered':
    case 'TrustContextChanged':
      return streamIds.trust(event.data.code);
    case 'LocalMeasureDefined':
      return streamIds.trust(event.data.trustCode);
    case 'InterventionProposed':
    case 'InterventionStarted':
    case 'PdsaCycleLogged':
    case 'InterventionCompleted':
    case 'InterventionAbandoned':
    case 'InterventionSharingChanged':
      return streamIds.intervention(event.data.interventionId);
    case 'ObservationsRecorded':
    case 'ObservationCorrected':
    case 'SeriesRebased':
      return streamIds.series(event.data.trustCode, event.data.metric);
    case 'MentorshipOffered':
    case 'MentorshipOfferWithdrawn':
    case 'MentorshipRequested':
    case 'MentorshipAccepted':
    case 'MentorshipDeclined':
    case 'MentorshipEnded':
      return streamIds.mentorship(event.data.offerId);
    case 'LessonShared':
    case 'LessonEndorsed':
      return streamIds.lesson(event.data.lessonId);
    case 'CommentPosted':
    case 'CommentRetracted':
    case 'CommentHidden':
      return streamIds.comment(event.data.commentId);
    case 'ProgrammeCreated':
    case 'ProgrammeCoordinatorAppointed':
    case 'TrustJoinedProgramme':
    case 'InterventionLinkedToProgramme':
      return streamIds.programme(event.data.programmeId);
    case 'SustainabilityAssessed':
      return streamIds.sustainability(event.data.interventionId);
    case 'DriverDiagramDefined':
    case 'DriverDiagramRevised':
      return streamIds.driverDiagram(event.data.driverDiagramId);
    default: {
      const _never: never = event;
      throw new Error(`Unknown event type ${(_never as { type: string }).type}`);
    }
  }
}
