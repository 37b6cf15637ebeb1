import type { LongviewEvent, LongviewEventType } from '@longview/domain';

/** One realistic event of every type, with every optional field filled, for round-trip tests. */
export const SAMPLE_EVENTS: { readonly [T in LongviewEventType]: Extract<LongviewEvent, { type: T }> } = {
  TrustRegistered: {
    type: 'TrustRegistered',
    data: {
      code: 'RJ1',
      name: "Guy's and St Thomas' NHS Foundation Trust",
      context: {
        kind: 'ACUTE',
        region: 'LONDON',
        beds: 1100,
        catchmentPopulation: 850000,
        aeAttendances: 240000,
        deprivation: 28.4,
        oversightSegment: 2,
        cqcRating: 'GOOD',
      },
      effectiveFrom: '2024-04-01',
      registeredAt: '2025-06-15T09:30:00.000Z',
    },
  },
  TrustContextChanged: {
    type: 'TrustContextChanged',
    data: { code: 'RJ1', context: { kind: 'ACUTE', region: 'LONDON', oversightSegment: 3 }, effectiveFrom: '2025-01-01', reason: 'NOF Q3' },
  },
  LocalMeasureDefined: {
    type: 'LocalMeasureDefined',
    data: {
      trustCode: 'RJ1',
      code: 'local-rj1-falls-with-harm',
      name: 'Falls with harm',
      unit: 'per 1,000 bed days',
      direction: 'DECREASE',
      definedAt: '2025-01-05T09:00:00.000Z',
    },
  },
  InterventionProposed: {
    type: 'InterventionProposed',
    data: {
      interventionId: '4f6b2a1e-8c3d-4e5f-9a0b-1c2d3e4f5a6b',
      trustCode: 'RJ1',
      title: 'Same-day emergency care for frailty',
      summary: 'Frailty team at the front door.',
      category: 'PATIENT_FLOW',
      rootCause: 'No assessment capacity',
      approach: 'SYSTEMIC',
      targets: [
        { metric: 'ae-4hr', direction: 'INCREASE', role: 'OUTCOME' },
        { metric: 'nel-los', direction: 'DECREASE', role: 'BALANCING' },
      ],
      sharing: 'PUBLIC',
      proposedAt: '2025-01-10T08:00:00.000Z',
    },
  },
  InterventionStarted: {
    type: 'InterventionStarted',
    data: { interventionId: '4f6b2a1e-8c3d-4e5f-9a0b-1c2d3e4f5a6b', startedOn: '2025-02-01' },
  },
  PdsaCycleLogged: {
    type: 'PdsaCycleLogged',
    data: {
      interventionId: '4f6b2a1e-8c3d-4e5f-9a0b-1c2d3e4f5a6b',
      cycleNumber: 1,
      cycle: { plan: 'p', do: 'd', study: 's', act: 'a', cycleDate: '2025-02-14' },
      loggedAt: '2025-02-15T17:00:00+01:00',
    },
  },
  InterventionCompleted: {
    type: 'InterventionCompleted',
    data: { interventionId: '4f6b2a1e-8c3d-4e5f-9a0b-1c2d3e4f5a6b', completedOn: '2025-05-31', summary: 'Now business as usual' },
  },
  InterventionAbandoned: {
    type: 'InterventionAbandoned',
    data: { interventionId: '4f6b2a1e-8c3d-4e5f-9a0b-1c2d3e4f5a6b', abandonedOn: '2025-03-10', reason: 'Consultant left' },
  },
  InterventionSharingChanged: {
    type: 'InterventionSharingChanged',
    data: { interventionId: '4f6b2a1e-8c3d-4e5f-9a0b-1c2d3e4f5a6b', from: 'PRIVATE', to: 'TRUSTS' },
  },
  ObservationsRecorded: {
    type: 'ObservationsRecorded',
    data: {
      trustCode: 'RJ1',
      metric: 'ae-4hr',
      observations: [
        { period: '2025-01', value: 70.4, numerator: 16896, denominator: 24000 },
        { period: '2025-02', value: 71.2 },
      ],
      source: 'NHSE',
    },
  },
  ObservationCorrected: {
    type: 'ObservationCorrected',
    data: {
      trustCode: 'RJ1',
      metric: 'ae-4hr',
      period: '2025-02',
      previousValue: 71.2,
      value: 72.9,
      numerator: 1749,
      denominator: 2400,
      reason: 'Late UTC data',
    },
  },
  SeriesRebased: {
    type: 'SeriesRebased',
    data: { trustCode: 'RJ1', metric: 'ae-4hr', fromPeriod: '2025-02', reason: 'New ED opened' },
  },
  MentorshipOffered: {
    type: 'MentorshipOffered',
    data: {
      offerId: 'c0ffee00-0000-4000-8000-0000000000a1',
      mentor: { id: 'editor-RJ1', name: 'Asha Patel', role: 'TRUST_EDITOR', trustCode: 'RJ1' },
      categories: ['PATIENT_FLOW'],
      metrics: ['ae-4hr'],
      capacity: 2,
      note: 'Ten years running front-door streaming',
      offeredAt: '2025-06-01T09:00:00.000Z',
    },
  },
  MentorshipOfferWithdrawn: {
    type: 'MentorshipOfferWithdrawn',
    data: { offerId: 'c0ffee00-0000-4000-8000-0000000000a1', withdrawnAt: '2025-09-01T09:00:00.000Z' },
  },
  MentorshipRequested: {
    type: 'MentorshipRequested',
    data: {
      offerId: 'c0ffee00-0000-4000-8000-0000000000a1',
      mentorshipId: 'c0ffee00-0000-4000-8000-0000000000b1',
      trustCode: 'RXH',
      requester: { id: 'editor-RXH', name: 'Sam Jones', role: 'TRUST_EDITOR', trustCode: 'RXH' },
      message: 'Our 4-hour performance fell after winter; could we talk?',
      requestedAt: '2025-06-10T09:00:00.000Z',
    },
  },
  MentorshipAccepted: {
    type: 'MentorshipAccepted',
    data: { offerId: 'c0ffee00-0000-4000-8000-0000000000a1', mentorshipId: 'c0ffee00-0000-4000-8000-0000000000b1', respondedAt: '2025-06-11T09:00:00.000Z' },
  },
  MentorshipDeclined: {
    type: 'MentorshipDeclined',
    data: { offerId: 'c0ffee00-0000-4000-8000-0000000000a1', mentorshipId: 'c0ffee00-0000-4000-8000-0000000000b2', respondedAt: '2025-06-11T09:00:00.000Z' },
  },
  MentorshipEnded: {
    type: 'MentorshipEnded',
    data: {
      offerId: 'c0ffee00-0000-4000-8000-0000000000a1',
      mentorshipId: 'c0ffee00-0000-4000-8000-0000000000b1',
      endedBy: { id: 'editor-RJ1', name: 'Asha Patel', role: 'TRUST_EDITOR', trustCode: 'RJ1' },
      endedAt: '2025-12-11T09:00:00.000Z',
    },
  },
  LessonShared: {
    type: 'LessonShared',
    data: {
      lessonId: 'c0ffee00-0000-4000-8000-0000000000c1',
      interventionId: 'c0ffee00-0000-4000-8000-000000000001',
      trustCode: 'RJ1',
      title: 'Start with the wards that asked for it',
      body: 'It faded when we pushed it to every ward at once.',
      sharing: 'PUBLIC',
      author: { id: 'editor-RJ1', name: 'Asha Patel', role: 'TRUST_EDITOR', trustCode: 'RJ1' },
      sharedAt: '2025-06-01T09:00:00.000Z',
    },
  },
  LessonEndorsed: {
    type: 'LessonEndorsed',
    data: {
      lessonId: 'c0ffee00-0000-4000-8000-0000000000c1',
      endorser: { id: 'editor-RXH', name: 'Sam Jones', role: 'TRUST_EDITOR', trustCode: 'RXH' },
      endorsedAt: '2025-06-02T09:00:00.000Z',
    },
  },
  CommentPosted: {
    type: 'CommentPosted',
    data: {
      commentId: 'c0ffee00-0000-4000-8000-0000000000d1',
      interventionId: 'c0ffee00-0000-4000-8000-000000000001',
      trustCode: 'RJ1',
      author: { id: 'community-1', name: 'Pat Doe', role: 'COMMUNITY' },
      body: 'Did you involve social care early?',
      postedAt: '2025-06-03T09:00:00.000Z',
    },
  },
  CommentRetracted: {
    type: 'CommentRetracted',
    data: {
      commentId: 'c0ffee00-0000-4000-8000-0000000000d1',
      interventionId: 'c0ffee00-0000-4000-8000-000000000001',
      retractedAt: '2025-06-04T09:00:00.000Z',
    },
  },
  CommentHidden: {
    type: 'CommentHidden',
    data: {
      commentId: 'c0ffee00-0000-4000-8000-0000000000d1',
      interventionId: 'c0ffee00-0000-4000-8000-000000000001',
      reason: 'Names a patient',
      hiddenBy: { id: 'admin-1', name: 'Alex Admin', role: 'ADMIN' },
      hiddenAt: '2025-06-05T09:00:00.000Z',
    },
  },
  ProgrammeCreated: {
    type: 'ProgrammeCreated',
    data: {
      programmeId: 'c0ffee00-0000-4000-8000-0000000000e1',
      name: 'North West patient-flow collaborative',
      aim: 'Every member trust above 80% within 4 hours by March 2027',
      category: 'PATIENT_FLOW',
      metric: 'ae-4hr',
      coordinator: { id: 'policymaker-1', name: 'Priya Shah', role: 'POLICYMAKER' },
      createdAt: '2025-06-04T09:00:00.000Z',
    },
  },
  ProgrammeCoordinatorAppointed: {
    type: 'ProgrammeCoordinatorAppointed',
    data: {
      programmeId: 'c0ffee00-0000-4000-8000-0000000000e1',
      coordinator: { id: 'policymaker-2', name: 'Omar Ali' },
      appointedBy: { id: 'policymaker-1', name: 'Priya Shah', role: 'POLICYMAKER' },
      appointedAt: '2025-06-05T09:00:00.000Z',
    },
  },
  TrustJoinedProgramme: {
    type: 'TrustJoinedProgramme',
    data: {
      programmeId: 'c0ffee00-0000-4000-8000-0000000000e1',
      trustCode: 'RJ1',
      trustName: "Guy's and St Thomas' NHS Foundation Trust",
      joinedBy: { id: 'editor-RJ1', name: 'Asha Patel', role: 'TRUST_EDITOR', trustCode: 'RJ1' },
      joinedAt: '2025-06-06T09:00:00.000Z',
    },
  },
  InterventionLinkedToProgramme: {
    type: 'InterventionLinkedToProgramme',
    data: {
      programmeId: 'c0ffee00-0000-4000-8000-0000000000e1',
      interventionId: 'c0ffee00-0000-4000-8000-000000000001',
      trustCode: 'RJ1',
      linkedBy: { id: 'editor-RJ1', name: 'Asha Patel', role: 'TRUST_EDITOR', trustCode: 'RJ1' },
      linkedAt: '2025-06-07T09:00:00.000Z',
    },
  },
  SustainabilityAssessed: {
    type: 'SustainabilityAssessed',
    data: {
      interventionId: 'c0ffee00-0000-4000-8000-000000000001',
      trustCode: 'RJ1',
      assessedOn: '2025-06-01',
      scale: 'LONGVIEW_LINEAR_V1',
      scores: [
        { factor: 'BENEFITS_BEYOND_HELPING_PATIENTS', level: 3 },
        { factor: 'CREDIBILITY_OF_THE_BENEFITS', level: 4 },
        { factor: 'ADAPTABILITY', level: 2 },
        { factor: 'EFFECTIVENESS_OF_MONITORING', level: 3 },
        { factor: 'STAFF_INVOLVEMENT_AND_TRAINING', level: 3 },
        { factor: 'STAFF_BEHAVIOURS', level: 2 },
        { factor: 'SENIOR_LEADERSHIP_ENGAGEMENT', level: 4 },
        { factor: 'CLINICAL_LEADERSHIP_ENGAGEMENT', level: 3 },
        { factor: 'FIT_WITH_AIMS_AND_CULTURE', level: 3 },
        { factor: 'INFRASTRUCTURE_FOR_SUSTAINABILITY', level: 2 },
      ],
      note: 'Reviewed at the quality board',
      assessedBy: { id: 'editor-RJ1', name: 'Asha Patel', role: 'TRUST_EDITOR', trustCode: 'RJ1' },
      assessedAt: '2025-06-01T09:00:00.000Z',
    },
  },
  DriverDiagramDefined: {
    type: 'DriverDiagramDefined',
    data: {
      driverDiagramId: 'c0ffee00-0000-4000-8000-0000000000e1',
      trustCode: 'RJ1',
      aim: 'Raise 4-hour performance from 71% to 85% by March 2026',
      measure: 'ae-4hr',
      sharing: 'TRUSTS',
      primaryDrivers: [
        {
          text: 'Patients flow out of the department',
          secondaryDrivers: [
            { text: 'Beds free by noon', changeIdeas: [{ text: 'Discharge lounge', interventionIds: ['c0ffee00-0000-4000-8000-000000000001'] }] },
          ],
        },
      ],
      definedBy: { id: 'editor-RJ1', name: 'Asha Patel', role: 'TRUST_EDITOR', trustCode: 'RJ1' },
      definedAt: '2025-06-06T09:00:00.000Z',
    },
  },
  DriverDiagramRevised: {
    type: 'DriverDiagramRevised',
    data: {
      driverDiagramId: 'c0ffee00-0000-4000-8000-0000000000e1',
      trustCode: 'RJ1',
      revision: 2,
      aim: 'Raise 4-hour performance from 71% to 85% by March 2026',
      measure: 'ae-4hr',
      sharing: 'PUBLIC',
      primaryDrivers: [{ text: 'Patients flow out of the department', secondaryDrivers: [] }],
      note: 'Shared publicly',
      revisedBy: { id: 'editor-RJ1', name: 'Asha Patel', role: 'TRUST_EDITOR', trustCode: 'RJ1' },
      revisedAt: '2025-07-06T09:00:00.000Z',
    },
  },
};
