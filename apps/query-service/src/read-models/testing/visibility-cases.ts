import type { LongviewEvent, Sharing, Viewer } from '@longview/domain';
import { proposed, registered } from './sample-log';

/**
 * Every kind of viewer, and which sharing levels of one trust's (`owner`'s) interventions it may
 * see: written out, not derived from the rule under test, so a change to either shows here.
 */
export function viewersOf(owner: string, other: string): readonly (readonly [string, Viewer, ReadonlySet<Sharing>])[] {
  const all = new Set<Sharing>(['PRIVATE', 'TRUSTS', 'PUBLIC']);
  const nhs = new Set<Sharing>(['TRUSTS', 'PUBLIC']);
  const open = new Set<Sharing>(['PUBLIC']);
  return [
    ['anonymous', null, open],
    ['community', { id: 'community-1', role: 'COMMUNITY' }, open],
    ['policymaker', { id: 'policy-1', role: 'POLICYMAKER' }, nhs],
    [`editor of ${owner} (the owner)`, { id: 'editor-own', role: 'TRUST_EDITOR', trustCode: owner }, all],
    [`editor of ${other}`, { id: 'editor-other', role: 'TRUST_EDITOR', trustCode: other }, nhs],
    ['admin', { id: 'admin-1', role: 'ADMIN' }, all],
  ];
}

/** One intervention of each sharing level at ZA1 (the private one became private by a change), each started and with outcome data. */
export const HIDDEN = {
  PRIVATE: '7a000000-0000-4000-8000-000000000001',
  TRUSTS: '7a000000-0000-4000-8000-000000000002',
  PUBLIC: '7a000000-0000-4000-8000-000000000003',
} as const satisfies Record<Sharing, string>;

export const VISIBILITY_LOG: readonly (readonly [string, LongviewEvent])[] = [
  ['trust-ZA1', registered('ZA1', 'Ambridge Hospitals NHS Foundation Trust')],
  ['trust-ZB2', registered('ZB2', 'Borsetshire NHS Trust')],
  ...(['PRIVATE', 'TRUSTS', 'PUBLIC'] as const).flatMap((sharing): [string, LongviewEvent][] => {
    const id = HIDDEN[sharing];
    const proposal = proposed(id, 'ZA1', `${sharing} flow work`);
    const initial: Sharing = sharing === 'PRIVATE' ? 'PUBLIC' : sharing;
    return [
      [`intervention-${id}`, { ...proposal, data: { ...(proposal.data as object), sharing: initial } } as LongviewEvent],
      [`intervention-${id}`, { type: 'InterventionStarted', data: { interventionId: id, startedOn: '2025-01-06' } }],
      ...(sharing === 'PRIVATE'
        ? [
            [`intervention-${id}`, { type: 'InterventionSharingChanged', data: { interventionId: id, from: 'PUBLIC', to: 'PRIVATE' } }] as [
              string,
              LongviewEvent,
            ],
          ]
        : []),
    ];
  }),
  [
    'series-ZA1-ae-4hr',
    {
      type: 'ObservationsRecorded',
      data: {
        trustCode: 'ZA1',
        metric: 'ae-4hr',
        observations: Array.from({ length: 24 }, (_, i) => ({
          period: `${2024 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`,
          value: 70 + (i >= 12 ? 5 : 0) + (i % 3) * 0.4,
        })),
      },
    },
  ],
];

/** The ids of `HIDDEN` a viewer that sees `sharings` may see, in the order newest first (PUBLIC, TRUSTS, PRIVATE were proposed last to first). */
export function visibleIds(sharings: ReadonlySet<Sharing>): string[] {
  return (['PUBLIC', 'TRUSTS', 'PRIVATE'] as const).filter((s) => sharings.has(s)).map((s) => HIDDEN[s]);
}
