import type { DevTokenOptions } from '@longview/gateway';
import { codeOf, embeddedGraphQL, peopleAt } from './support';

/**
 * Lessons, comments and moderation end to end through GraphQL, per role, on an embedded platform
 * whose gateway has no anonymous actor. ZL1 owns a PUBLIC intervention and a TRUSTS one; ZL2 is
 * another trust. The hidden cases: a TRUSTS lesson is absent, uncounted and null by id for the
 * community; a hidden comment is gone for everyone but admins, who see the reason.
 */

jest.setTimeout(180_000);

const ROLES = { ...peopleAt('ZL1', 'ZL2'), community2: { role: 'COMMUNITY', name: 'Lee Roe', sub: 'lee' } } satisfies Record<string, DevTokenOptions>;
type RoleName = keyof typeof ROLES;

const LESSON_FIELDS = `id title body author { name role trustCode } intervention { id title } endorsements endorsedByMe createdAt sharing`;
const SHARE = `mutation($input: ShareLessonInput!) { shareLesson(input: $input) { position lesson { ${LESSON_FIELDS} } } }`;
const ENDORSE = `mutation($id: ID!) { endorseLesson(input: { lessonId: $id }) { lesson { id endorsements endorsedByMe } } }`;
const LESSONS = `query($filter: LessonFilter, $first: Int, $after: String) {
  lessons(filter: $filter, first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id title } } }
}`;
const LESSON = `query($id: ID!) { lesson(id: $id) { id title } }`;
const COMMENT = `mutation($input: CommentOnInterventionInput!) { commentOnIntervention(input: $input) { comment { id body author { name role } mine moderation { reason } } } }`;
const RETRACT = `mutation($id: ID!) { retractComment(input: { commentId: $id }) { commentId position } }`;
const HIDE = `mutation($id: ID!, $reason: String!) { hideComment(input: { commentId: $id, reason: $reason }) { comment { id moderation { reason hiddenBy } } } }`;
const ON_INTERVENTION = `query($id: ID!) { intervention(id: $id) { id lessons { id title } comments { id body mine moderation { reason hiddenBy } } } }`;

type Page = {
  lessons: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    edges: { cursor: string; node: { id: string; title: string } }[];
  };
};

describe('lessons and comments through GraphQL (embedded)', () => {
  let publicId = '';
  let trustsId = '';
  const lessons = {} as Record<'public' | 'trusts' | 'general', string>;

  const api = embeddedGraphQL(ROLES);
  const { ask, must } = api;
  const list = async (role: RoleName | null, variables: Record<string, unknown> = {}) => {
    const answer = await ask<Page>(role, LESSONS, variables);
    expect(answer.errors).toBeUndefined();
    return answer.data?.lessons as Page['lessons'];
  };

  beforeAll(async () => {
    await api.start();
    for (const code of ['ZL1', 'ZL2']) {
      await must('admin', `mutation($input: RegisterTrustInput!) { registerTrust(input: $input) { position } }`, {
        input: { code, name: `${code} Hospitals NHS Trust`, context: { kind: 'ACUTE', region: 'LONDON' }, effectiveFrom: '2020-04-01' },
      });
    }
    const propose = async (sharing: string, category: string, metric: string) =>
      (
        await must<{ proposeIntervention: { intervention: { id: string } } }>(
          'owner',
          `mutation($input: ProposeInterventionInput!) { proposeIntervention(input: $input) { intervention { id } } }`,
          {
            input: {
              trustCode: 'ZL1',
              title: `${category} work`,
              summary: 'A test intervention',
              category,
              approach: 'SYSTEMIC',
              targets: [{ metric, direction: metric === 'ae-4hr' ? 'INCREASE' : 'DECREASE' }],
              sharing,
            },
          },
        )
      ).proposeIntervention.intervention.id;
    publicId = await propose('PUBLIC', 'PATIENT_FLOW', 'ae-4hr');
    trustsId = await propose('TRUSTS', 'WORKFORCE', 'nel-los');
  });
  afterAll(() => api.stop());

  it('a trust editor shares lessons; the author comes from the sign-in, never the input', async () => {
    const shared = await must<{ shareLesson: { lesson: Record<string, unknown> & { id: string } } }>('owner', SHARE, {
      input: { interventionId: publicId, title: 'It faded when we spread it too fast', body: 'Start with <b>two</b> wards.', sharing: 'PUBLIC' },
    });
    expect(shared.shareLesson.lesson).toMatchObject({
      title: 'It faded when we spread it too fast',
      body: 'Start with <b>two</b> wards.',
      author: { name: 'Asha Patel', role: 'TRUST_EDITOR', trustCode: 'ZL1' },
      intervention: { id: publicId },
      endorsements: 0,
      endorsedByMe: false,
    });
    lessons.public = shared.shareLesson.lesson.id;
    lessons.trusts = (
      await must<{ shareLesson: { lesson: { id: string } } }>('owner', SHARE, {
        input: { interventionId: trustsId, title: 'Rotas', body: 'Ask staff first.', sharing: 'TRUSTS' },
      })
    ).shareLesson.lesson.id;
    lessons.general = (
      await must<{ shareLesson: { lesson: { id: string } } }>('other', SHARE, { input: { title: 'Board support matters', body: 'Weekly.', sharing: 'PUBLIC' } })
    ).shareLesson.lesson.id;
  });

  it.each<[RoleName | null, string]>([
    ['community', 'FORBIDDEN'],
    ['policymaker', 'FORBIDDEN'],
    ['other', 'FORBIDDEN'],
    [null, 'UNAUTHENTICATED'],
  ])('shareLesson on ZL1’s intervention by %s -> %s', async (role, code) => {
    const answer = await ask(role, SHARE, { input: { interventionId: publicId, title: 'T', body: 'B', sharing: 'PUBLIC' } });
    expect(codeOf(answer)).toBe(code);
  });

  it('limits lengths with a plain-English error, and a hidden intervention is NOT_FOUND', async () => {
    const long = await ask('owner', SHARE, { input: { interventionId: publicId, title: 'x'.repeat(201), body: 'y'.repeat(5001), sharing: 'PUBLIC' } });
    expect(codeOf(long)).toBe('BAD_USER_INPUT');
    expect(long.errors?.[0]?.message).toBe(
      'The lesson is invalid: title: must be at most 200 characters (it is 201); body: must be at most 5000 characters (it is 5001)',
    );
    const comment = await ask('community', COMMENT, { input: { interventionId: publicId, body: 'z'.repeat(2001) } });
    expect(comment.errors?.[0]?.message).toBe('The comment is invalid: body: must be at most 2000 characters (it is 2001)');
    expect(codeOf(await ask('community', COMMENT, { input: { interventionId: trustsId, body: 'hello' } }))).toBe('NOT_FOUND');
    expect(codeOf(await ask('owner', SHARE, { input: { interventionId: publicId, title: 'NUL \u0000', body: 'b', sharing: 'PUBLIC' } }))).toBe(
      'BAD_USER_INPUT',
    );
  });

  it.each<[RoleName | null, string[]]>([
    [null, ['general', 'public']],
    ['community', ['general', 'public']],
    ['policymaker', ['general', 'trusts', 'public']],
    ['other', ['general', 'trusts', 'public']],
    ['admin', ['general', 'trusts', 'public']],
  ])('Query.lessons for %s: only what they may see, and counted so', async (role, expected) => {
    const page = await list(role);
    const names = Object.fromEntries(Object.entries(lessons).map(([k, v]) => [v, k]));
    expect(page.edges.map((e) => names[e.node.id])).toEqual(expected);
    expect(page.totalCount).toBe(expected.length);
    const byId = await ask<{ lesson: { id: string } | null }>(role, LESSON, { id: lessons.trusts });
    expect(byId.data?.lesson?.id ?? null).toBe(expected.includes('trusts') ? lessons.trusts : null);
  });

  it('filters by category, metric, trust and search, and pages', async () => {
    expect((await list('other', { filter: { category: 'WORKFORCE' } })).edges.map((e) => e.node.id)).toEqual([lessons.trusts]);
    expect((await list('other', { filter: { metric: 'ae-4hr' } })).edges.map((e) => e.node.id)).toEqual([lessons.public]);
    expect((await list('other', { filter: { trustCode: 'ZL2' } })).edges.map((e) => e.node.id)).toEqual([lessons.general]);
    expect((await list('other', { filter: { search: 'faded' } })).edges.map((e) => e.node.id)).toEqual([lessons.public]);
    expect((await list('community', { filter: { category: 'WORKFORCE' } })).totalCount).toBe(0);
    const first = await list('admin', { first: 2 });
    expect(first.pageInfo.hasNextPage).toBe(true);
    const rest = await list('admin', { first: 2, after: first.pageInfo.endCursor });
    expect(rest.edges.map((e) => e.node.id)).toEqual([lessons.public]);
    expect(codeOf(await ask('admin', LESSONS, { filter: { metric: 'no-such-metric' } }))).toBe('BAD_USER_INPUT');
  });

  it('endorseLesson: once per person (a second is a no-op), not your own, not one you cannot see', async () => {
    const once = await must<{ endorseLesson: { lesson: { endorsements: number; endorsedByMe: boolean } } }>('community', ENDORSE, { id: lessons.public });
    expect(once.endorseLesson.lesson).toMatchObject({ endorsements: 1, endorsedByMe: true });
    const twice = await must<{ endorseLesson: { lesson: { endorsements: number } } }>('community', ENDORSE, { id: lessons.public });
    expect(twice.endorseLesson.lesson.endorsements).toBe(1);
    await must('other', ENDORSE, { id: lessons.public });
    const events = await api.platform.eventStore.readStream(`lesson-${lessons.public}`);
    expect(events.events.map((e) => e.type)).toEqual(['LessonShared', 'LessonEndorsed', 'LessonEndorsed']);
    expect(codeOf(await ask('owner', ENDORSE, { id: lessons.public }))).toBe('CONFLICT');
    expect(codeOf(await ask('community', ENDORSE, { id: lessons.trusts }))).toBe('NOT_FOUND');
    expect(codeOf(await ask(null, ENDORSE, { id: lessons.public }))).toBe('UNAUTHENTICATED');
  });

  it('comments: any signed-in role comments; only the author retracts; only an admin hides; hidden ones for admins only', async () => {
    type Posted = { commentOnIntervention: { comment: { id: string; body: string; author: { name: string }; mine: boolean; moderation: null } } };
    const byCommunity = await must<Posted>('community', COMMENT, { input: { interventionId: publicId, body: 'Did it last? <script>x</script>' } });
    expect(byCommunity.commentOnIntervention.comment).toMatchObject({
      body: 'Did it last? <script>x</script>',
      author: { name: 'Pat Doe' },
      mine: true,
      moderation: null,
    });
    const rude = (await must<Posted>('policymaker', COMMENT, { input: { interventionId: publicId, body: 'Rude words' } })).commentOnIntervention.comment.id;
    const oops = (await must<Posted>('other', COMMENT, { input: { interventionId: publicId, body: 'Oops' } })).commentOnIntervention.comment.id;
    expect(codeOf(await ask(null, COMMENT, { input: { interventionId: publicId, body: 'anon' } }))).toBe('UNAUTHENTICATED');

    expect(codeOf(await ask('community2', RETRACT, { id: oops }))).toBe('FORBIDDEN');
    expect(codeOf(await ask('admin', RETRACT, { id: oops }))).toBe('FORBIDDEN');
    await must('other', RETRACT, { id: oops });

    expect(codeOf(await ask('owner', HIDE, { id: rude, reason: 'Abusive' }))).toBe('FORBIDDEN');
    expect(codeOf(await ask('admin', HIDE, { id: rude, reason: ' ' }))).toBe('BAD_USER_INPUT');
    const hidden = await must<{ hideComment: { comment: { moderation: { reason: string; hiddenBy: string } } } }>('admin', HIDE, {
      id: rude,
      reason: 'Abusive',
    });
    expect(hidden.hideComment.comment.moderation).toEqual({ reason: 'Abusive', hiddenBy: 'Alex Admin' });
    // The author of a hidden comment no longer finds it either.
    expect(codeOf(await ask('community', RETRACT, { id: rude }))).toBe('NOT_FOUND');

    type Seen = { intervention: { comments: { id: string; moderation: { reason: string } | null }[]; lessons: { id: string }[] } };
    for (const role of [null, 'community', 'policymaker', 'owner', 'other'] as const) {
      const seen = await ask<Seen>(role, ON_INTERVENTION, { id: publicId });
      expect(seen.data?.intervention.comments.map((c) => c.id)).toEqual([byCommunity.commentOnIntervention.comment.id]);
      expect(seen.data?.intervention.lessons.map((l) => l.id)).toEqual([lessons.public]);
    }
    const asAdmin = await must<Seen>('admin', ON_INTERVENTION, { id: publicId });
    expect(asAdmin.intervention.comments.map((c) => [c.id, c.moderation?.reason ?? null])).toEqual([
      [byCommunity.commentOnIntervention.comment.id, null],
      [rude, 'Abusive'],
    ]);
    // Every step stays in the history.
    expect((await api.platform.eventStore.readStream(`comment-${rude}`)).events.map((e) => e.type)).toEqual(['CommentPosted', 'CommentHidden']);
    expect((await api.platform.eventStore.readStream(`comment-${oops}`)).events.map((e) => e.type)).toEqual(['CommentPosted', 'CommentRetracted']);
  });
});
