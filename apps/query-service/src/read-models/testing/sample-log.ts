import { SUSTAINABILITY_FACTORS, type DriverDiagramPrimaryDriver, type LongviewEvent, type Sharing } from '@longview/domain';

export const NOW = '2026-01-15T10:00:00.000Z';
export const FLOW = '5b0f8a4e-8d1c-4c35-9a57-2f1a6c3f9e01';
export const WORKFORCE = '6c1f9b5f-9e2d-4d46-8b68-3a2b7d4fae02';

export function registered(code: string, name = `Trust ${code}`): LongviewEvent {
  return {
    type: 'TrustRegistered',
    data: { code, name, context: { kind: 'ACUTE', region: 'MIDLANDS', beds: 700, oversightSegment: 3 }, effectiveFrom: '2020-04-01', registeredAt: NOW },
  };
}

export function proposed(interventionId: string, trustCode: string, title = 'Same-day emergency care'): LongviewEvent {
  return {
    type: 'InterventionProposed',
    data: {
      interventionId,
      trustCode,
      title,
      summary: 'Open an SDEC unit next to ED',
      category: 'PATIENT_FLOW',
      approach: 'SYSTEMIC',
      targets: [{ metric: 'ae-4hr', direction: 'INCREASE' }],
      sharing: 'PUBLIC',
      proposedAt: NOW,
    },
  };
}

/**
 * Every event type, over two trusts, with a proposal recorded before its trust's registration and
 * a series recorded before its trust (what a Kafka feed can deliver): the log each read model's
 * replay-twice test applies.
 */
export const SAMPLE_LOG: readonly (readonly [string, LongviewEvent])[] = [
  [`intervention-${WORKFORCE}`, proposed(WORKFORCE, 'ZB2', 'Retention conversations')],
  [
    'series-ZB2-sickness-absence',
    { type: 'ObservationsRecorded', data: { trustCode: 'ZB2', metric: 'sickness-absence', observations: [{ period: '2025-01', value: 5.1 }] } },
  ],
  ['trust-ZA1', registered('ZA1', 'Ambridge Hospitals NHS Foundation Trust')],
  [`intervention-${FLOW}`, proposed(FLOW, 'ZA1')],
  [
    'trust-ZA1',
    {
      type: 'TrustContextChanged',
      data: {
        code: 'ZA1',
        context: { kind: 'ACUTE', region: 'MIDLANDS', beds: 720, oversightSegment: 2 },
        effectiveFrom: '2025-04-01',
        reason: 'NOF segment review',
      },
    },
  ],
  [`intervention-${FLOW}`, { type: 'InterventionStarted', data: { interventionId: FLOW, startedOn: '2025-01-06' } }],
  [
    `intervention-${FLOW}`,
    {
      type: 'PdsaCycleLogged',
      data: {
        interventionId: FLOW,
        cycleNumber: 1,
        cycle: { plan: 'Stream ambulatory patients', do: 'Two weeks of streaming', study: 'Breaches down', act: 'Adopt', cycleDate: '2025-02-01' },
        loggedAt: NOW,
      },
    },
  ],
  [`intervention-${FLOW}`, { type: 'InterventionSharingChanged', data: { interventionId: FLOW, from: 'PUBLIC', to: 'TRUSTS' } }],
  [`intervention-${FLOW}`, { type: 'InterventionCompleted', data: { interventionId: FLOW, completedOn: '2025-06-30' } }],
  [
    'series-ZA1-ae-4hr',
    {
      type: 'ObservationsRecorded',
      data: {
        trustCode: 'ZA1',
        metric: 'ae-4hr',
        observations: [
          { period: '2025-02', value: 71.5 },
          { period: '2025-01', value: 70.2, numerator: 7020, denominator: 10000 },
        ],
      },
    },
  ],
  [
    'series-ZA1-ae-4hr',
    { type: 'ObservationCorrected', data: { trustCode: 'ZA1', metric: 'ae-4hr', period: '2025-02', previousValue: 71.5, value: 72.5, reason: 'Late returns' } },
  ],
  ['series-ZA1-ae-4hr', { type: 'SeriesRebased', data: { trustCode: 'ZA1', metric: 'ae-4hr', fromPeriod: '2025-02', reason: 'New ED opened' } }],
  ['trust-ZB2', registered('ZB2', 'Borsetshire NHS Trust')],
  [`intervention-${WORKFORCE}`, { type: 'InterventionAbandoned', data: { interventionId: WORKFORCE, abandonedOn: '2025-03-01', reason: 'Funding ended' } }],
];

function recorded(trustCode: string, metric: string, ...months: [string, number][]): LongviewEvent {
  return { type: 'ObservationsRecorded', data: { trustCode, metric, observations: months.map(([period, value]) => ({ period, value })) } };
}

/**
 * SAMPLE_LOG with runs of series events after it: several series of one trust, a trust whose
 * series come before it is registered (ZC3, registered in the middle of a run), a series of a trust
 * never registered (ZD4), corrections and a rebase amid recordings. What the batched projections'
 * tests fold in one batch and compare with event-by-event application.
 */
export const SERIES_BATCH_LOG: readonly (readonly [string, LongviewEvent])[] = [
  ...SAMPLE_LOG,
  ['series-ZA1-ae-4hr', recorded('ZA1', 'ae-4hr', ['2025-03', 73.1])],
  ['series-ZA1-rtt-18wk', recorded('ZA1', 'rtt-18wk', ['2024-11', 61.2], ['2024-12', 60.8])],
  ['series-ZC3-ae-4hr', recorded('ZC3', 'ae-4hr', ['2025-01', 80.4])],
  ['series-ZA1-ae-4hr', recorded('ZA1', 'ae-4hr', ['2025-05', 74.9], ['2025-04', 74.0])],
  ['series-ZC3-sickness-absence', recorded('ZC3', 'sickness-absence', ['2025-01', 4.2])],
  ['series-ZD4-ae-4hr', recorded('ZD4', 'ae-4hr', ['2024-12', 66.6])],
  ['trust-ZC3', registered('ZC3', 'Casterbridge NHS Trust')],
  ['series-ZC3-ae-4hr', recorded('ZC3', 'ae-4hr', ['2025-02', 81.0])],
  [
    'series-ZA1-ae-4hr',
    { type: 'ObservationCorrected', data: { trustCode: 'ZA1', metric: 'ae-4hr', period: '2025-03', previousValue: 73.1, value: 69.0, reason: 'Audit' } },
  ],
  ['series-ZA1-rtt-18wk', recorded('ZA1', 'rtt-18wk', ['2025-01', 59.9])],
  ['series-ZA1-ae-4hr', recorded('ZA1', 'ae-4hr', ['2025-06', 76.3])],
  ['series-ZA1-ae-4hr', { type: 'SeriesRebased', data: { trustCode: 'ZA1', metric: 'ae-4hr', fromPeriod: '2025-05', reason: 'New pathway' } }],
  ['series-ZB2-sickness-absence', recorded('ZB2', 'sickness-absence', ['2024-12', 5.6], ['2025-02', 4.9])],
];

export const DISCHARGE = '7d2a0c6a-af3e-4e57-9c79-4b3c8e5a0f03';
const asha = { id: 'asha', name: 'Asha Patel', role: 'TRUST_EDITOR' as const, trustCode: 'ZA1' };
const sam = { id: 'sam', name: 'Sam Jones', role: 'TRUST_EDITOR' as const, trustCode: 'ZB2' };
const pat = { id: 'pat', name: 'Pat Doe', role: 'COMMUNITY' as const };
const priya = { id: 'priya', name: 'Priya Shah', role: 'POLICYMAKER' as const };
const admin = { id: 'admin', name: 'Alex Admin', role: 'ADMIN' as const };

function localMeasure(trustCode: string, code: string, name: string): LongviewEvent {
  return { type: 'LocalMeasureDefined', data: { trustCode, code, name, unit: 'count', direction: 'DECREASE', definedAt: NOW } };
}

/**
 * SERIES_BATCH_LOG with the collaboration around interventions after it, interleaved so that the
 * order a batch is folded in matters: a programme created, joined and linked to an intervention
 * (DISCHARGE) while that intervention is proposed, changes sharing twice, starts and is abandoned;
 * a lesson endorsed before and after such a change; one comment retracted and then hidden, another
 * hidden and then retracted; local measures defined between them. A comment, a lesson and a link
 * come before the intervention they name when the streams are reordered (distributed mode). What
 * the batched projections' tests fold and compare with event-by-event application.
 */
export const COLLABORATION_BATCH_LOG: readonly (readonly [string, LongviewEvent])[] = [
  ...SERIES_BATCH_LOG,
  ['trust-ZA1', localMeasure('ZA1', 'local-za1-falls', 'Falls with harm')],
  [
    'programme-prog-flow',
    {
      type: 'ProgrammeCreated',
      data: {
        programmeId: 'prog-flow',
        name: 'Flow collaborative',
        aim: 'Faster flow',
        category: 'PATIENT_FLOW',
        metric: 'ae-4hr',
        coordinator: priya,
        createdAt: NOW,
      },
    },
  ],
  [
    'lesson-l-flow',
    {
      type: 'LessonShared',
      data: {
        lessonId: 'l-flow',
        interventionId: FLOW,
        trustCode: 'ZA1',
        title: 'Start small',
        body: 'Pilot one stream first',
        sharing: 'PUBLIC',
        author: asha,
        sharedAt: NOW,
      },
    },
  ],
  [
    'programme-prog-flow',
    {
      type: 'TrustJoinedProgramme',
      data: { programmeId: 'prog-flow', trustCode: 'ZA1', trustName: 'Ambridge Hospitals NHS Foundation Trust', joinedBy: asha, joinedAt: NOW },
    },
  ],
  [`intervention-${DISCHARGE}`, proposed(DISCHARGE, 'ZA1', 'Discharge lounge')],
  [
    'comment-c-asks',
    { type: 'CommentPosted', data: { commentId: 'c-asks', interventionId: DISCHARGE, trustCode: 'ZA1', author: pat, body: 'Did it last?', postedAt: NOW } },
  ],
  [
    'programme-prog-flow',
    { type: 'InterventionLinkedToProgramme', data: { programmeId: 'prog-flow', interventionId: DISCHARGE, trustCode: 'ZA1', linkedBy: asha, linkedAt: NOW } },
  ],
  ['lesson-l-flow', { type: 'LessonEndorsed', data: { lessonId: 'l-flow', endorser: sam, endorsedAt: NOW } }],
  [`intervention-${DISCHARGE}`, { type: 'InterventionSharingChanged', data: { interventionId: DISCHARGE, from: 'PUBLIC', to: 'TRUSTS' } }],
  ['comment-c-asks', { type: 'CommentRetracted', data: { commentId: 'c-asks', interventionId: DISCHARGE, retractedAt: '2026-01-16T09:00:00.000Z' } }],
  ['trust-ZB2', localMeasure('ZB2', 'local-zb2-falls', 'Falls')],
  [`intervention-${DISCHARGE}`, { type: 'InterventionStarted', data: { interventionId: DISCHARGE, startedOn: '2025-04-01' } }],
  ['lesson-l-flow', { type: 'LessonEndorsed', data: { lessonId: 'l-flow', endorser: pat, endorsedAt: '2026-01-16T09:00:00.000Z' } }],
  [
    'comment-c-rude',
    { type: 'CommentPosted', data: { commentId: 'c-rude', interventionId: DISCHARGE, trustCode: 'ZA1', author: sam, body: 'Rude words', postedAt: NOW } },
  ],
  ['comment-c-rude', { type: 'CommentHidden', data: { commentId: 'c-rude', interventionId: DISCHARGE, reason: 'Abusive', hiddenBy: admin, hiddenAt: NOW } }],
  [
    'comment-c-asks',
    {
      type: 'CommentHidden',
      data: { commentId: 'c-asks', interventionId: DISCHARGE, reason: 'Off topic', hiddenBy: admin, hiddenAt: '2026-01-17T09:00:00.000Z' },
    },
  ],
  [
    'programme-prog-flow',
    {
      type: 'ProgrammeCoordinatorAppointed',
      data: { programmeId: 'prog-flow', coordinator: { id: 'omar', name: 'Omar Ali' }, appointedBy: priya, appointedAt: '2026-01-16T09:00:00.000Z' },
    },
  ],
  [
    'programme-prog-flow',
    { type: 'TrustJoinedProgramme', data: { programmeId: 'prog-flow', trustCode: 'ZB2', trustName: 'Borsetshire NHS Trust', joinedBy: sam, joinedAt: NOW } },
  ],
  ['comment-c-rude', { type: 'CommentRetracted', data: { commentId: 'c-rude', interventionId: DISCHARGE, retractedAt: '2026-01-18T09:00:00.000Z' } }],
  [`intervention-${DISCHARGE}`, { type: 'InterventionSharingChanged', data: { interventionId: DISCHARGE, from: 'TRUSTS', to: 'PUBLIC' } }],
  [
    'programme-prog-flow',
    { type: 'InterventionLinkedToProgramme', data: { programmeId: 'prog-flow', interventionId: WORKFORCE, trustCode: 'ZB2', linkedBy: sam, linkedAt: NOW } },
  ],
  [
    'lesson-l-rota',
    {
      type: 'LessonShared',
      data: { lessonId: 'l-rota', trustCode: 'ZB2', title: 'Rota fairness', body: 'Publish the rota early', sharing: 'TRUSTS', author: sam, sharedAt: NOW },
    },
  ],
  [`intervention-${DISCHARGE}`, { type: 'InterventionAbandoned', data: { interventionId: DISCHARGE, abandonedOn: '2025-09-30', reason: 'No staff' } }],
  ['trust-ZA1', localMeasure('ZA1', 'local-za1-d2a', 'Discharges to assess')],
  [
    'comment-c-flow',
    { type: 'CommentPosted', data: { commentId: 'c-flow', interventionId: FLOW, trustCode: 'ZA1', author: sam, body: 'How did you staff it?', postedAt: NOW } },
  ],
];

export const HUDDLE = '7e2a0c6f-af3e-4e57-9c79-4b3c8e5a0b03';
export const SPREAD = '8f3b1d70-b04f-4f68-8d8a-5c4d9f6b1c04';
const KIM = { id: 'kim', name: 'Kim Lee', role: 'TRUST_EDITOR' as const, trustCode: 'ZC3' };

function adoptedFrom(interventionId: string, trustCode: string, from: string, title: string): LongviewEvent {
  const base = proposed(interventionId, trustCode, title);
  return { ...base, data: { ...(base.data as object), adoptedFrom: { interventionId: from, adaptations: 'Nurse-led on weekdays' } } } as LongviewEvent;
}

function sharingChanged(interventionId: string, from: Sharing, to: Sharing): LongviewEvent {
  return { type: 'InterventionSharingChanged', data: { interventionId, from, to } };
}

function assessed(interventionId: string, trustCode: string, assessedOn: string, level: number, note?: string): LongviewEvent {
  return {
    type: 'SustainabilityAssessed',
    data: {
      interventionId,
      trustCode,
      assessedOn,
      scale: 'LONGVIEW_LINEAR_V1',
      scores: SUSTAINABILITY_FACTORS.map((factor, i) => ({ factor, level: i < 4 ? 4 : level })),
      ...(note ? { note } : {}),
      assessedBy: trustCode === 'ZC3' ? KIM : asha,
      assessedAt: NOW,
    },
  };
}

/** A driver diagram's tree: one primary driver, its change ideas linking the interventions given. */
function drivers(...ideas: [string, string[]][]): DriverDiagramPrimaryDriver[] {
  return [
    {
      text: 'Flow out of the department',
      secondaryDrivers: [
        { text: 'Beds free by noon', changeIdeas: ideas.map(([text, interventionIds]) => ({ text, interventionIds })) },
        { text: 'Senior review early', changeIdeas: [] },
      ],
    },
  ];
}

function diagramDefined(driverDiagramId: string, sharing: Sharing, primaryDrivers: DriverDiagramPrimaryDriver[]): LongviewEvent {
  return {
    type: 'DriverDiagramDefined',
    data: { driverDiagramId, trustCode: 'ZA1', aim: `Aim of ${driverDiagramId}`, measure: 'ae-4hr', sharing, primaryDrivers, definedBy: asha, definedAt: NOW },
  };
}

function diagramRevised(
  driverDiagramId: string,
  revision: number,
  sharing: Sharing,
  primaryDrivers: DriverDiagramPrimaryDriver[],
  note: string,
): LongviewEvent {
  return {
    type: 'DriverDiagramRevised',
    data: {
      driverDiagramId,
      trustCode: 'ZA1',
      revision,
      aim: `Aim of ${driverDiagramId}, revision ${revision}`,
      measure: 'ae-4hr',
      sharing,
      primaryDrivers,
      note,
      revisedBy: asha,
      revisedAt: NOW,
    },
  };
}

/**
 * SERIES_BATCH_LOG with the improvement work after it, its streams interleaved so that folding
 * order matters: an adoption (SPREAD) proposed before its source (HUDDLE), an assessment before
 * its intervention, sharing changed twice on one intervention, a diagram defined then revised
 * twice (links added, dropped and moved), mentorships requested, accepted, declined and ended
 * under one offer while another offer is withdrawn with a request pending. What the batched
 * projections' tests fold in one batch and compare with event-by-event application.
 */
export const IMPROVEMENT_BATCH_LOG: readonly (readonly [string, LongviewEvent])[] = [
  ...SERIES_BATCH_LOG,
  [`intervention-${SPREAD}`, adoptedFrom(SPREAD, 'ZC3', HUDDLE, 'Safety huddles, nurse-led')],
  [
    'mentorship-o1',
    {
      type: 'MentorshipOffered',
      data: { offerId: 'o1', mentor: asha, categories: ['PATIENT_FLOW'], metrics: ['ae-4hr'], capacity: 2, note: 'Streaming', offeredAt: NOW },
    },
  ],
  [`sustainability-${HUDDLE}`, assessed(HUDDLE, 'ZA1', '2025-06-01', 2, 'First look')],
  ['driver-diagram-d1', diagramDefined('d1', 'PUBLIC', drivers(['Discharge lounge', [FLOW, HUDDLE]]))],
  [
    'mentorship-o1',
    { type: 'MentorshipRequested', data: { offerId: 'o1', mentorshipId: 'm1', trustCode: 'ZB2', requester: sam, message: 'Help', requestedAt: NOW } },
  ],
  [`intervention-${HUDDLE}`, proposed(HUDDLE, 'ZA1', 'Safety huddles')],
  [`intervention-${SPREAD}`, sharingChanged(SPREAD, 'PUBLIC', 'TRUSTS')],
  ['mentorship-o2', { type: 'MentorshipOffered', data: { offerId: 'o2', mentor: KIM, categories: ['WORKFORCE'], metrics: [], capacity: 1, offeredAt: NOW } }],
  ['mentorship-o1', { type: 'MentorshipAccepted', data: { offerId: 'o1', mentorshipId: 'm1', respondedAt: NOW } }],
  ['driver-diagram-d1', diagramRevised('d1', 2, 'PUBLIC', drivers(['Discharge lounge', [FLOW]], ['Huddles', [HUDDLE, SPREAD]]), 'Huddles of their own')],
  [
    'mentorship-o1',
    { type: 'MentorshipRequested', data: { offerId: 'o1', mentorshipId: 'm2', trustCode: 'ZC3', requester: KIM, message: 'Us too', requestedAt: NOW } },
  ],
  [`sustainability-${HUDDLE}`, assessed(HUDDLE, 'ZA1', '2026-01-05', 3)],
  ['mentorship-o1', { type: 'MentorshipDeclined', data: { offerId: 'o1', mentorshipId: 'm2', respondedAt: NOW } }],
  ['driver-diagram-d2', diagramDefined('d2', 'TRUSTS', drivers(['Huddles', [HUDDLE]]))],
  [`intervention-${HUDDLE}`, sharingChanged(HUDDLE, 'PUBLIC', 'PRIVATE')],
  [
    'mentorship-o2',
    { type: 'MentorshipRequested', data: { offerId: 'o2', mentorshipId: 'm3', trustCode: 'ZA1', requester: asha, message: 'Rotas', requestedAt: NOW } },
  ],
  ['mentorship-o1', { type: 'MentorshipEnded', data: { offerId: 'o1', mentorshipId: 'm1', endedBy: sam, endedAt: NOW } }],
  ['driver-diagram-d1', diagramRevised('d1', 3, 'TRUSTS', drivers(['Huddles', [SPREAD]]), 'Discharge lounge closed')],
  [`intervention-${SPREAD}`, sharingChanged(SPREAD, 'TRUSTS', 'PUBLIC')],
  ['mentorship-o2', { type: 'MentorshipOfferWithdrawn', data: { offerId: 'o2', withdrawnAt: NOW } }],
  [`sustainability-${SPREAD}`, assessed(SPREAD, 'ZC3', '2026-01-05', 1)],
  [`intervention-${HUDDLE}`, { type: 'InterventionStarted', data: { interventionId: HUDDLE, startedOn: '2025-01-06' } }],
  [`sustainability-${FLOW}`, assessed(FLOW, 'ZA1', '2025-09-01', 4, 'Embedded')],
];
