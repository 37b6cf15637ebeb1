import { openPostgres } from '../src';
import { testDatabases } from '../src/testing';

describe('testDatabases()', () => {
  const saved = { url: process.env.LONGVIEW_TEST_PG_URL, ci: process.env.CI };
  afterEach(() => {
    for (const [key, value] of [
      ['LONGVIEW_TEST_PG_URL', saved.url],
      ['CI', saved.ci],
    ] as const) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  });

  it('on CI without a URL, the postgres entry fails with instructions', async () => {
    delete process.env.LONGVIEW_TEST_PG_URL;
    process.env.CI = 'true';
    const databases = testDatabases();
    expect(databases.map((d) => d.name)).toEqual(['pglite', 'postgres']);
    await expect(databases[1]?.open()).rejects.toThrow('LONGVIEW_TEST_PG_URL is not set: run infra/postgres/start.sh');
  });

  it('off CI without a URL, only pglite is offered', () => {
    delete process.env.LONGVIEW_TEST_PG_URL;
    delete process.env.CI;
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    expect(testDatabases().map((d) => d.name)).toEqual(['pglite']);
    warn.mockRestore();
  });

  const url = saved.url;
  (url ? it : it.skip)('with a URL, each postgres open() gets its own database, dropped on close', async () => {
    const postgres = testDatabases().find((d) => d.name === 'postgres');
    if (!postgres) throw new Error('expected a postgres entry');
    const [one, two] = await Promise.all([postgres.open(), postgres.open()]);
    const nameOf = async (db: typeof one) => (await db.query<{ name: string }>('SELECT current_database() AS name')).rows[0]?.name ?? '';
    const [nameOne, nameTwo] = await Promise.all([nameOf(one), nameOf(two)]);
    expect(nameOne).toMatch(/^lv_test_[0-9a-f]{12}$/);
    expect(nameTwo).not.toBe(nameOne);
    await Promise.all([one.close(), two.close()]);
    const admin = await openPostgres(url ?? '');
    try {
      const { rows } = await admin.query('SELECT datname FROM pg_database WHERE datname = ANY($1)', [[nameOne, nameTwo]]);
      expect(rows).toEqual([]);
    } finally {
      await admin.close();
    }
  });
});
