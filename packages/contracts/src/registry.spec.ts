import type { LongviewEventType } from '@longview/domain';
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
import { observationCorrectedV1, observationsRecordedV2, seriesRebasedV1 } from './events/metric-series';
import { localMeasureDefinedV1, trustContextChangedV1, trustRegisteredV1 } from './events/trust';
import { EVENT_CONTRACTS, currentSchemaVersion, isKnownEventType, type EventDataOf } from './registry';

// Compile-time checks (run by `tsc --noEmit`): everything the domain can put in an event is
// accepted by the contract's input type, and both name the same fields, so a field added to a
// domain event without a contract change fails the typecheck. (The registry's own typing
// checks the other direction: the schema's output is the domain data.)
const CURRENT_SCHEMAS = {
  TrustRegistered: trustRegisteredV1,
  TrustContextChanged: trustContextChangedV1,
  LocalMeasureDefined: localMeasureDefinedV1,
  InterventionProposed: interventionProposedV1,
  InterventionStarted: interventionStartedV1,
  PdsaCycleLogged: pdsaCycleLoggedV1,
  InterventionCompleted: interventionCompletedV1,
  InterventionAbandoned: interventionAbandonedV1,
  InterventionSharingChanged: interventionSharingChangedV1,
  ObservationsRecorded: observationsRecordedV2,
  ObservationCorrected: observationCorrectedV1,
  SeriesRebased: seriesRebasedV1,
  MentorshipOffered: mentorshipOfferedV1,
  MentorshipOfferWithdrawn: mentorshipOfferWithdrawnV1,
  MentorshipRequested: mentorshipRequestedV1,
  MentorshipAccepted: mentorshipAcceptedV1,
  MentorshipDeclined: mentorshipDeclinedV1,
  MentorshipEnded: mentorshipEndedV1,
  LessonShared: lessonSharedV1,
  LessonEndorsed: lessonEndorsedV1,
  CommentPosted: commentPostedV1,
  CommentRetracted: commentRetractedV1,
  CommentHidden: commentHiddenV1,
  ProgrammeCreated: programmeCreatedV1,
  ProgrammeCoordinatorAppointed: programmeCoordinatorAppointedV1,
  TrustJoinedProgramme: trustJoinedProgrammeV1,
  InterventionLinkedToProgramme: interventionLinkedToProgrammeV1,
  SustainabilityAssessed: sustainabilityAssessedV1,
  DriverDiagramDefined: driverDiagramDefinedV1,
  DriverDiagramRevised: driverDiagramRevisedV1,
} as const;
type SchemaInput<T extends LongviewEventType> = z.input<(typeof CURRENT_SCHEMAS)[T]>;
type SameKeys<A, B> = [keyof A] extends [keyof B] ? ([keyof B] extends [keyof A] ? true : false) : false;
type DomainFitsContract = {
  [T in LongviewEventType]: EventDataOf<T> extends SchemaInput<T> ? (SameKeys<EventDataOf<T>, SchemaInput<T>> extends true ? true : T) : T;
};
/** The event types whose contract does not fit the domain; must be none. */
type Misfits = Exclude<DomainFitsContract[LongviewEventType], true>;
const _noMisfits: [Misfits] extends [never] ? true : Misfits = true;

describe('event contract registry', () => {
  it('keys each contract by its own type, with the schema checked above', () => {
    for (const [type, contract] of Object.entries(EVENT_CONTRACTS)) {
      expect(contract.type).toBe(type);
      expect(contract.schema).toBe(CURRENT_SCHEMAS[type as LongviewEventType]);
    }
  });

  it('has an upcaster for every older version of every event', () => {
    for (const contract of Object.values(EVENT_CONTRACTS)) {
      const from = contract.upcasters.map((u) => u.fromVersion);
      expect(from).toEqual(Array.from({ length: contract.schemaVersion - 1 }, (_, i) => i + 1));
    }
  });

  it('recognises known types only', () => {
    expect(isKnownEventType('SeriesRebased')).toBe(true);
    expect(isKnownEventType('constructor')).toBe(false);
    expect(currentSchemaVersion('ObservationsRecorded')).toBe(2);
  });
});
