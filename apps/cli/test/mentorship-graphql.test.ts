import type { DevTokenOptions } from '@longview/gateway';
import { codeOf, embeddedGraphQL } from './support';

/**
 * Mentorship end to end through GraphQL, per role, on an embedded platform whose gateway has no
 * anonymous actor. ZM1 asks; ZM2 (close context, no record), ZM3 (distant context, one TRUSTS
 * sustained patient-flow improvement) and ZM4 (close context, one PRIVATE sustained improvement,
 * which only its own editors and admins may count) offer mentorship.
 */

jest.setTimeout(180_000);

const ASKER = 'ZM1';
const MISSING = '7b000000-0000-4000-8000-0000000000ff';

const editor = (trust: string, name = `Lead at ${trust}`): DevTokenOptions => ({ role: 'TRUST_EDITOR', trust, name, sub: `lead-${trust}` });
const ROLES = {
  asker: editor(ASKER, 'Sam Jones'),
  colleague: { role: 'TRUST_EDITOR', trust: ASKER, name: 'Pat Brown', sub: 'second-ZM1' },
  near: editor('ZM2', 'Nia Evans'),
  far: editor('ZM3', 'Asha Patel'),
  hidden: editor('ZM4', 'Kim Lee'),
  community: { role: 'COMMUNITY' },
  policymaker: { role: 'POLICYMAKER' },
  admin: { role: 'ADMIN' },
} satisfies Record<string, DevTokenOptions>;
type RoleName = keyof typeof ROLES;

/** 36 months of ae-4hr from 2022-01: noise around 70, and with `step` +8 from 2023-01 (a sustained improvement after a 2023-01-01 start). */
function observations(step: boolean): { period: string; value: number }[] {
  let seed = 7;
  return Array.from({ length: 36 }, (_, i) => {
    seed = (seed * 16807) % 2147483647;
    const noise = (seed / 2147483647 - 0.5) * 1.6;
    return {
      period: `${2022 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`,
      value: Math.round((70 + noise + (step && i >= 12 ? 8 : 0)) * 100) / 100,
    };
  });
}

const OFFER_FIELDS = `id mentor { name role trustCode } categories metrics capacity available note open`;
const MENTORSHIP_FIELDS = `id status message trustCode requester { name trustCode } offer { id available mentor { name } } createdAt`;
const MENTORS = `query($trustCode: ID!, $category: InterventionCategory, $metric: String) {
  mentors(trustCode: $trustCode, category: $category, metric: $metric) { offer { id mentor { name trustCode } available } distance sustainedCount score explanation }
}`;
const OFFER = `mutation($input: OfferMentorshipInput!) { offerMentorship(input: $input) { position offer { ${OFFER_FIELDS} } } }`;
const REQUEST = `mutation($input: RequestMentorshipInput!) { requestMentorship(input: $input) { position mentorship { ${MENTORSHIP_FIELDS} } } }`;
const RESPOND = `mutation($id: ID!, $accept: Boolean!) { respondToMentorship(input: { mentorshipId: $id, accept: $accept }) { mentorship { id status offer { available } } } }`;
const END = `mutation($id: ID!) { endMentorship(input: { mentorshipId: $id }) { mentorship { id status offer { available } } } }`;
const MENTORSHIP = `query($id: ID!) { mentorship(id: $id) { ${MENTORSHIP_FIELDS} } }`;
const MENTORSHIPS = `{ mentorships { id status } }`;

interface Match {
  offer: { id: string; mentor: { name: string; trustCode: string }; available: number };
  distance: number;
  sustainedCount: number;
  score: number;
  explanation: string;
}

describe('mentorship through GraphQL (embedded)', () => {
  const offers = {} as Record<'near' | 'far' | 'hidden' | 'own', string>;
  let mentorshipId = '';

  const api = embeddedGraphQL(ROLES);
  const { ask, must } = api;
  const mentorsFor = async (role: RoleName | null, variables: Record<string, unknown>) => {
    const answer = await ask<{ mentors: Match[] }>(role, MENTORS, variables);
    expect(answer.errors).toBeUndefined();
    return answer.data?.mentors ?? [];
  };

  beforeAll(async () => {
    await api.start();
    const contexts: Record<string, Record<string, unknown>> = {
      ZM1: { kind: 'ACUTE', region: 'NORTH_WEST', beds: 500, deprivation: 30, oversightSegment: 3 },
      ZM2: { kind: 'ACUTE', region: 'NORTH_WEST', beds: 520, deprivation: 31, oversightSegment: 3 },
      ZM3: { kind: 'ACUTE', region: 'LONDON', beds: 1500, deprivation: 10, oversightSegment: 1 },
      ZM4: { kind: 'ACUTE', region: 'NORTH_WEST', beds: 480, deprivation: 29, oversightSegment: 3 },
    };
    for (const [code, context] of Object.entries(contexts)) {
      await must('admin', `mutation($input: RegisterTrustInput!) { registerTrust(input: $input) { position } }`, {
        input: { code, name: `${code} Hospitals NHS Trust`, context, effectiveFrom: '2020-04-01' },
      });
      await must('admin', `mutation($input: RecordObservationsInput!) { recordObservations(input: $input) { position } }`, {
        input: { trustCode: code, metric: 'ae-4hr', observations: observations(code === 'ZM3' || code === 'ZM4') },
      });
    }
    for (const [role, sharing] of [
      ['far', 'TRUSTS'],
      ['hidden', 'PRIVATE'],
    ] as const) {
      const proposed = await must<{ proposeIntervention: { intervention: { id: string } } }>(
        role,
        `mutation($input: ProposeInterventionInput!) { proposeIntervention(input: $input) { intervention { id } } }`,
        {
          input: {
            trustCode: ROLES[role].trust,
            title: 'Same-day emergency care streaming',
            summary: 'Stream ambulatory patients at the front door',
            category: 'PATIENT_FLOW',
            approach: 'SYSTEMIC',
            targets: [{ metric: 'ae-4hr', direction: 'INCREASE' }],
            sharing,
          },
        },
      );
      const id = proposed.proposeIntervention.intervention.id;
      const started = await must<{ startIntervention: { intervention: { outcomes: { sustainability: string }[] } } }>(
        role,
        `mutation($id: ID!) { startIntervention(input: { interventionId: $id, startedOn: "2023-01-01" }) { intervention { outcomes { sustainability } } } }`,
        { id },
      );
      // The data shows it: the fixture is a sustained improvement.
      expect(started.startIntervention.intervention.outcomes).toEqual([{ sustainability: 'SUSTAINED' }]);
    }
  });
  afterAll(() => api.stop());

  describe('offerMentorship', () => {
    it.each([
      ['community', 'FORBIDDEN'],
      ['policymaker', 'FORBIDDEN'],
      ['admin', 'FORBIDDEN'],
      [null, 'UNAUTHENTICATED'],
    ] as const)('is refused to %s (%s)', async (role, code) => {
      const answer = await ask(role, OFFER, { input: { categories: ['PATIENT_FLOW'], metrics: [], capacity: 1 } });
      expect(codeOf(answer)).toBe(code);
      expect(answer.errors?.[0]?.message).not.toMatch(/OfferMentorship/);
    });

    it('validates the input with plain-English messages for every bad field', async () => {
      const answer = await ask('far', OFFER, { input: { categories: [], metrics: ['no-such'], capacity: 0, note: 'x'.repeat(2001) } });
      expect(codeOf(answer)).toBe('BAD_USER_INPUT');
      expect(answer.errors?.[0]?.extensions?.fields?.map((f) => f.path)).toEqual(['categories', 'metrics.0', 'capacity', 'note']);
      expect(answer.errors?.[0]?.message).toMatch(/^The mentorship offer is invalid: categories: must have at least one entry/);
      expect(answer.errors?.[0]?.message).toContain('capacity: must be between 1 and 20');
    });

    it('records trust editors as themselves (the verified name and trust), never from the input', async () => {
      const make = async (role: RoleName, capacity: number) =>
        (
          await must<{ offerMentorship: { offer: { id: string } & Record<string, unknown> } }>(role, OFFER, {
            input: { categories: ['PATIENT_FLOW'], metrics: ['ae-4hr'], capacity, note: `Coaching from ${String((ROLES[role] as DevTokenOptions).trust)}` },
          })
        ).offerMentorship.offer;
      const far = await make('far', 1);
      expect(far).toMatchObject({ mentor: { name: 'Asha Patel', role: 'TRUST_EDITOR', trustCode: 'ZM3' }, capacity: 1, available: 1, open: true });
      offers.far = far.id;
      offers.near = (await make('near', 2)).id;
      offers.hidden = (await make('hidden', 2)).id;
      offers.own = (await make('asker', 3)).id;
    });
  });

  describe('mentors', () => {
    it('ranks by the documented score (1 + sustained) / (1 + distance), and excludes the asking trust’s own offers', async () => {
      const matches = await mentorsFor('asker', { trustCode: ASKER, category: 'PATIENT_FLOW', metric: 'ae-4hr' });
      expect(matches.map((m) => m.offer.mentor.trustCode).sort()).toEqual(['ZM2', 'ZM3', 'ZM4']);
      for (const m of matches) expect(m.score).toBeCloseTo((1 + m.sustainedCount) / (1 + m.distance), 2);
      for (let i = 1; i < matches.length; i++) expect((matches[i - 1] as Match).score).toBeGreaterThanOrEqual((matches[i] as Match).score);
      const by = Object.fromEntries(matches.map((m) => [m.offer.mentor.trustCode, m]));
      // ZM2's context is closer than ZM3's, but ZM3's sustained record lifts it.
      expect(by['ZM2']?.distance).toBeLessThan(by['ZM3']?.distance as number);
      expect(by['ZM3']?.sustainedCount).toBe(1);
      expect(by['ZM2']?.sustainedCount).toBe(0);
    });

    it('counts only the record the viewer may see: a PRIVATE sustained improvement is not revealed', async () => {
      const asAsker = await mentorsFor('asker', { trustCode: ASKER, category: 'PATIENT_FLOW' });
      const asAdmin = await mentorsFor('admin', { trustCode: ASKER, category: 'PATIENT_FLOW' });
      const hidden = (list: Match[]) => list.find((m) => m.offer.mentor.trustCode === 'ZM4') as Match;
      expect(hidden(asAsker).sustainedCount).toBe(0);
      expect(hidden(asAsker).explanation).toMatch(/^No sustained patient-flow improvements you can see yet/);
      expect(hidden(asAdmin).sustainedCount).toBe(1);
      // The same offers either way: only the count differs, so nothing about the private record leaks through the list.
      expect(asAsker.map((m) => m.offer.id).sort()).toEqual(asAdmin.map((m) => m.offer.id).sort());
    });

    it('explains each result in plain English, naming the numbers', async () => {
      const matches = await mentorsFor('asker', { trustCode: ASKER, category: 'PATIENT_FLOW', metric: 'ae-4hr' });
      const far = matches.find((m) => m.offer.mentor.trustCode === 'ZM3') as Match;
      expect(far.explanation).toMatch(/^1 sustained patient-flow improvement on A&E 4-hour performance; context distance \d+\.\d: /);
      expect(far.explanation).toContain(`context distance ${far.distance.toFixed(1)}`);
      const near = matches.find((m) => m.offer.mentor.trustCode === 'ZM2') as Match;
      expect(near.explanation).toMatch(/similar .*size/);
    });

    it('filters by category and metric, and shows nothing to the community and the public', async () => {
      expect(await mentorsFor('asker', { trustCode: ASKER, category: 'WORKFORCE' })).toEqual([]);
      expect(await mentorsFor('asker', { trustCode: ASKER, metric: 'rtt-18wk' })).toEqual([]);
      expect(await mentorsFor('community', { trustCode: ASKER })).toEqual([]);
      expect(await mentorsFor(null, { trustCode: ASKER })).toEqual([]);
      expect(codeOf(await ask('asker', MENTORS, { trustCode: 'ZZZ9' }))).toBe('NOT_FOUND');
      expect(codeOf(await ask('asker', MENTORS, { trustCode: ASKER, metric: 'nope' }))).toBe('BAD_USER_INPUT');
    });
  });

  describe('requests and mentorships', () => {
    it('is not for your own offer, nor for the community', async () => {
      const own = await ask('far', REQUEST, { input: { offerId: offers.far, trustCode: 'ZM3', message: 'Me?' } });
      expect(codeOf(own)).toBe('CONFLICT');
      expect(codeOf(await ask('community', REQUEST, { input: { offerId: offers.far, trustCode: ASKER, message: 'Hi' } }))).toBe('FORBIDDEN');
      expect(codeOf(await ask('near', REQUEST, { input: { offerId: offers.far, trustCode: ASKER, message: 'For them' } }))).toBe('FORBIDDEN');
    });

    it('records an editor’s request for their trust', async () => {
      const answer = await must<{ requestMentorship: { mentorship: { id: string } & Record<string, unknown> } }>('asker', REQUEST, {
        input: { offerId: offers.far, trustCode: ASKER, message: 'Our 4-hour performance fell after winter' },
      });
      expect(answer.requestMentorship.mentorship).toMatchObject({
        status: 'REQUESTED',
        trustCode: ASKER,
        requester: { name: 'Sam Jones', trustCode: ASKER },
        offer: { id: offers.far, available: 1, mentor: { name: 'Asha Patel' } },
      });
      mentorshipId = answer.requestMentorship.mentorship.id;
    });

    it.each(['near', 'hidden', 'policymaker', 'community'] as const)(
      'a third party (%s) cannot see the request: it answers exactly as a missing one',
      async (role) => {
        const hidden = await ask(role, MENTORSHIP, { id: mentorshipId });
        expect(hidden).toEqual({ data: { mentorship: null } });
        expect(await ask(role, MENTORSHIP, { id: MISSING })).toEqual(hidden);
        expect((await must<{ mentorships: { id: string }[] }>(role, MENTORSHIPS)).mentorships.map((m) => m.id)).not.toContain(mentorshipId);
        const respond = await ask(role, RESPOND, { id: mentorshipId, accept: true });
        const missing = await ask(role, RESPOND, { id: MISSING, accept: true });
        expect(codeOf(respond)).toBe(codeOf(missing));
        expect(respond.errors?.[0]?.message.replace(mentorshipId, 'X')).toBe(missing.errors?.[0]?.message.replace(MISSING, 'X'));
      },
    );

    it.each(['asker', 'colleague', 'far', 'admin'] as const)('its parties and admins see it (%s)', async (role) => {
      expect((await must<{ mentorship: { id: string } }>(role, MENTORSHIP, { id: mentorshipId })).mentorship.id).toBe(mentorshipId);
      expect((await must<{ mentorships: { id: string }[] }>(role, MENTORSHIPS)).mentorships.map((m) => m.id)).toContain(mentorshipId);
    });

    it('only the mentor responds', async () => {
      expect(codeOf(await ask('asker', RESPOND, { id: mentorshipId, accept: true }))).toBe('FORBIDDEN');
      expect(codeOf(await ask('admin', RESPOND, { id: mentorshipId, accept: true }))).toBe('FORBIDDEN');
      const accepted = await must<{ respondToMentorship: { mentorship: { status: string; offer: { available: number } } } }>('far', RESPOND, {
        id: mentorshipId,
        accept: true,
      });
      expect(accepted.respondToMentorship.mentorship).toEqual({ id: mentorshipId, status: 'ACCEPTED', offer: { available: 0 } });
      expect(codeOf(await ask('far', RESPOND, { id: mentorshipId, accept: false }))).toBe('CONFLICT');
    });

    it('respects capacity: a full offer takes no request and leaves the mentors list', async () => {
      const full = await ask('near', REQUEST, { input: { offerId: offers.far, trustCode: 'ZM2', message: 'Us too' } });
      expect(codeOf(full)).toBe('CONFLICT');
      expect(full.errors?.[0]?.message).toMatch(/already mentoring 1 trust/);
      const list = await mentorsFor('near', { trustCode: 'ZM2', category: 'PATIENT_FLOW' });
      expect(list.map((m) => m.offer.id)).not.toContain(offers.far);
      expect(list.map((m) => m.offer.id)).toContain(offers.hidden);
    });

    it('either party ends it, and the place is free again', async () => {
      expect(codeOf(await ask('near', END, { id: mentorshipId }))).toBe('NOT_FOUND');
      const ended = await must<{ endMentorship: { mentorship: { status: string; offer: { available: number } } } }>('asker', END, { id: mentorshipId });
      expect(ended.endMentorship.mentorship).toEqual({ id: mentorshipId, status: 'ENDED', offer: { available: 1 } });
      expect((await mentorsFor('near', { trustCode: 'ZM2', category: 'PATIENT_FLOW' })).map((m) => m.offer.id)).toContain(offers.far);
    });

    it('lets the mentor withdraw an offer, which then takes no requests', async () => {
      const withdrawn = await must<{ withdrawMentorshipOffer: { offer: { open: boolean } } }>(
        'near',
        `mutation($id: ID!) { withdrawMentorshipOffer(input: { offerId: $id }) { offer { open } } }`,
        { id: offers.near },
      );
      expect(withdrawn.withdrawMentorshipOffer.offer.open).toBe(false);
      expect(codeOf(await ask('asker', REQUEST, { input: { offerId: offers.near, trustCode: ASKER, message: 'Hi' } }))).toBe('CONFLICT');
      const mine = await must<{ myMentorshipOffers: { id: string; open: boolean }[] }>('near', `{ myMentorshipOffers { id open } }`);
      expect(mine.myMentorshipOffers).toEqual([{ id: offers.near, open: false }]);
    });
  });
});
