import type { Actor } from '@longview/domain';
import { encodeTrustCursor } from '../src/trusts/trusts.paging';
import { FakeQueryService, trustView } from './fakes';
import { errorOf, useGatewayHarness } from './harness';

const viewer: Actor = { id: 'pat', role: 'COMMUNITY' };
const harness = useGatewayHarness(viewer);
const run = harness.run;
let queries: FakeQueryService;
beforeEach(() => {
  ({ queries } = harness);
  queries.trusts = ['RA1', 'RB2', 'RC3', 'ZA1', 'ZB2'].map((code) => trustView(code, { source: code.startsWith('Z') ? 'DEMO' : 'IMPORTED' }));
});

const PAGE = `query($filter: TrustFilter, $first: Int, $after: String, $offset: Int) {
  trustConnection(filter: $filter, first: $first, after: $after, offset: $offset) {
    totalCount pageInfo { hasNextPage endCursor } edges { cursor node { code source } }
  }
}`;

type Page = {
  trustConnection: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: { cursor: string; node: { code: string } }[] };
};

describe('trustConnection', () => {
  it('pages by offset (a link to page N), counting over all pages', async () => {
    const result = await run(PAGE, { first: 2, offset: 2 });
    expect(result.errors).toBeUndefined();
    const page = (result.data as Page).trustConnection;
    expect(page.edges.map((e) => e.node.code)).toEqual(['RC3', 'ZA1']);
    expect(page).toMatchObject({ totalCount: 5, pageInfo: { hasNextPage: true, endCursor: encodeTrustCursor(4) } });
    expect(queries.callsTo('pageTrusts')[0]?.args).toEqual([{ first: 2, offset: 2 }]);
  });

  it('resumes after a cursor, and says when the last page is reached', async () => {
    const first = (await run(PAGE, { first: 3 })).data as Page;
    const next = (await run(PAGE, { first: 3, after: first.trustConnection.pageInfo.endCursor })).data as Page;
    expect(next.trustConnection.edges.map((e) => e.node.code)).toEqual(['ZA1', 'ZB2']);
    expect(next.trustConnection.pageInfo.hasNextPage).toBe(false);
  });

  it('filters by where the trust came from', async () => {
    const result = (await run(PAGE, { filter: { source: 'DEMO' } })).data as Page;
    expect(result.trustConnection.edges.map((e) => e.node)).toEqual([
      { code: 'ZA1', source: 'DEMO' },
      { code: 'ZB2', source: 'DEMO' },
    ]);
    expect(queries.callsTo('pageTrusts')[0]?.args).toEqual([{ source: 'DEMO', first: 25, offset: 0 }]);
  });

  it.each([
    [{ first: 0 }, 'first must be between 1 and 100'],
    [{ first: 101 }, 'first must be between 1 and 100'],
    [{ offset: -1 }, 'offset must be 0 or more'],
    [{ after: encodeTrustCursor(2), offset: 4 }, 'Give after or offset, not both'],
    [{ after: 'nonsense' }, 'Invalid cursor'],
  ])('rejects %j in plain English', async (variables, message) => {
    const error = errorOf(await run(PAGE, variables));
    expect(error).toMatchObject({ message, extensions: { code: 'BAD_USER_INPUT' } });
  });
});
