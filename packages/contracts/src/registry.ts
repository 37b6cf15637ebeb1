import type { LongviewEvent, LongviewEventType } from '@longview/domain';
import type { z } from 'zod';
import {
  interventionAbandonedV1,
  interventionCompletedV1,
  interventionProposedV1,
  interventionSharingChangedV1,
  interventionStartedV1,
  pdsaCycleLoggedV1,
} from './events/intervention';
import {
  mentorshipAcceptedV1,
  mentorshipDeclinedV1,
  mentorshipEndedV1,
  mentorshipOfferedV1,
  mentorshipOfferWithdrawnV1,
  mentorshipRequestedV1,
} from './events/mentorship';
import { commentHiddenV1, commentPostedV1, commentRetractedV1 } from './events/comment';
import { driverDiagramDefinedV1, driverDiagramRevisedV1 } from './events/driver-diagram';
import { lessonEndorsedV1, lessonSharedV1 } from './events/lesson';
import { interventionLinkedToProgrammeV1, programmeCoordinatorAppointedV1, programmeCreatedV1, trustJoinedProgrammeV1 } from './events/programme';
import { sustainabilityAssessedV1 } from './events/sustainability';
import { observationCorrectedV1, observationsRecordedV1, observationsRecordedV2, seriesRebasedV1, upcastObservationsRecordedV1 } from './events/metric-series';
import { localMeasureDefinedV1, trustContextChangedV1, trustRegisteredV1 } from './events/trust';

export type EventDataOf<T extends LongviewEventType> = Extract<LongviewEvent, { type: T }>['data'];

/** Turns data stored at `fromVersion` into the shape of `fromVersion + 1`. */
export interface Upcaster {
  readonly fromVersion: number;
  /** Why the shape changed: kept next to the code that bridges it. */
  readonly reason: string;
  /** The schema of the stored shape at `fromVersion`, checked before upcasting. */
  readonly schema: z.ZodType;
  readonly upcast: (data: never) => unknown;
}

export interface EventContract<T extends LongviewEventType> {
  readonly type: T;
  /** The version written today. Stored events carry the version they were written with. */
  readonly schemaVersion: number;
  /** The current wire shape; its output is exactly the domain event's data. */
  readonly schema: z.ZodType<EventDataOf<T>>;
  /** One per older version still found in stores, ordered by `fromVersion`. */
  readonly upcasters: readonly Upcaster[];
}

/** Types the upcast function by its schema, so an upcaster cannot read fields its version lacks. */
export function defineUpcaster<S extends z.ZodType>(upcaster: {
  fromVersion: number;
  reason: string;
  schema: S;
  upcast: (data: z.output<S>) => unknown;
}): Upcaster {
  return upcaster;
}

type EventContracts = { readonly [T in LongviewEventType]: EventContract<T> };

export const EVENT_CONTRACTS: EventContracts = {
  TrustRegistered: { type: 'TrustRegistered', schemaVersion: 1, schema: trustRegisteredV1, upcasters: [] },
  TrustContextChanged: { type: 'TrustContextChanged', schemaVersion: 1, schema: trustContextChangedV1, upcasters: [] },
  LocalMeasureDefined: { type: 'LocalMeasureDefined', schemaVersion: 1, schema: localMeasureDefinedV1, upcasters: [] },
  InterventionProposed: { type: 'InterventionProposed', schemaVersion: 1, schema: interventionProposedV1, upcasters: [] },
  InterventionStarted: { type: 'InterventionStarted', schemaVersion: 1, schema: interventionStartedV1, upcasters: [] },
  PdsaCycleLogged: { type: 'PdsaCycleLogged', schemaVersion: 1, schema: pdsaCycleLoggedV1, upcasters: [] },
  InterventionCompleted: { type: 'InterventionCompleted', schemaVersion: 1, schema: interventionCompletedV1, upcasters: [] },
  InterventionAbandoned: { type: 'InterventionAbandoned', schemaVersion: 1, schema: interventionAbandonedV1, upcasters: [] },
  InterventionSharingChanged: {
    type: 'InterventionSharingChanged',
    schemaVersion: 1,
    schema: interventionSharingChangedV1,
    upcasters: [],
  },
  ObservationsRecorded: {
    type: 'ObservationsRecorded',
    schemaVersion: 2,
    schema: observationsRecordedV2,
    upcasters: [
      defineUpcaster({
        fromVersion: 1,
        reason: 'v2 renamed `values` to `observations` and `month` to `period`, the series vocabulary used everywhere else',
        schema: observationsRecordedV1,
        upcast: upcastObservationsRecordedV1,
      }),
    ],
  },
  ObservationCorrected: { type: 'ObservationCorrected', schemaVersion: 1, schema: observationCorrectedV1, upcasters: [] },
  SeriesRebased: { type: 'SeriesRebased', schemaVersion: 1, schema: seriesRebasedV1, upcasters: [] },
  MentorshipOffered: { type: 'MentorshipOffered', schemaVersion: 1, schema: mentorshipOfferedV1, upcasters: [] },
  MentorshipOfferWithdrawn: { type: 'MentorshipOfferWithdrawn', schemaVersion: 1, schema: mentorshipOfferWithdrawnV1, upcasters: [] },
  MentorshipRequested: { type: 'MentorshipRequested', schemaVersion: 1, schema: mentorshipRequestedV1, upcasters: [] },
  MentorshipAccepted: { type: 'MentorshipAccepted', schemaVersion: 1, schema: mentorshipAcceptedV1, upcasters: [] },
  MentorshipDeclined: { type: 'MentorshipDeclined', schemaVersion: 1, schema: mentorshipDeclinedV1, upcasters: [] },
  MentorshipEnded: { type: 'MentorshipEnded', schemaVersion: 1, schema: mentorshipEndedV1, upcasters: [] },
  LessonShared: { type: 'LessonShared', schemaVersion: 1, schema: lessonSharedV1, upcasters: [] },
  LessonEndorsed: { type: 'LessonEndorsed', schemaVersion: 1, schema: lessonEndorsedV1, upcasters: [] },
  CommentPosted: { type: 'CommentPosted', schemaVersion: 1, schema: commentPostedV1, upcasters: [] },
  CommentRetracted: { type: 'CommentRetracted', schemaVersion: 1, schema: commentRetractedV1, upcasters: [] },
  CommentHidden: { type: 'CommentHidden', schemaVersion: 1, schema: commentHiddenV1, upcasters: [] },
  ProgrammeCreated: { type: 'ProgrammeCreated', schemaVersion: 1, schema: programmeCreatedV1, upcasters: [] },
  ProgrammeCoordinatorAppointed: { type: 'ProgrammeCoordinatorAppointed', schemaVersion: 1, schema: programmeCoordinatorAppointedV1, upcasters: [] },
  TrustJoinedProgramme: { type: 'TrustJoinedProgramme', schemaVersion: 1, schema: trustJoinedProgrammeV1, upcasters: [] },
  InterventionLinkedToProgramme: { type: 'InterventionLinkedToProgramme', schemaVersion: 1, schema: interventionLinkedToProgrammeV1, upcasters: [] },
  SustainabilityAssessed: { type: 'SustainabilityAssessed', schemaVersion: 1, schema: sustainabilityAssessedV1, upcasters: [] },
  DriverDiagramDefined: { type: 'DriverDiagramDefined', schemaVersion: 1, schema: driverDiagramDefinedV1, upcasters: [] },
  DriverDiagramRevised: { type: 'DriverDiagramRevised', schemaVersion: 1, schema: driverDiagramRevisedV1, upcasters: [] },
};

export function isKnownEventType(type: string): type is LongviewEventType {
  return Object.prototype.hasOwnProperty.call(EVENT_CONTRACTS, type);
}

export function currentSchemaVersion(type: LongviewEventType): number {
  return EVENT_CONTRACTS[type].schemaVersion;
}
