import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { AREA_NAMES, areaSdlPath, loadResolvers, printPublicSchema } from '../src/schema';

/**
 * The public schema is pinned: the merge of the areas' SDL, printed with types and fields
 * sorted, must equal schema.snapshot.graphql. A schema change is a deliberate diff of that file:
 * `npm run schema:snapshot` (LONGVIEW_UPDATE_SCHEMA_SNAPSHOT=1) rewrites it.
 */
const SNAPSHOT = join(__dirname, '..', 'schema.snapshot.graphql');
const SRC = join(__dirname, '..', 'src');

function sdlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sdlFiles(path);
    return entry.name.endsWith('.graphql') ? [relative(SRC, path)] : [];
  });
}

describe('the public schema', () => {
  it('is the committed snapshot', () => {
    const printed = printPublicSchema();
    if (process.env.LONGVIEW_UPDATE_SCHEMA_SNAPSHOT === '1') writeFileSync(SNAPSHOT, printed);
    expect(printed).toBe(readFileSync(SNAPSHOT, 'utf8'));
  });

  it('is made of the registered areas: each has its SDL, and every SDL file under src is a registered area', () => {
    for (const area of AREA_NAMES) expect(existsSync(areaSdlPath(area))).toBe(true);
    // Codegen (and the web client) read src/**/*.graphql; the server reads the registry: they must agree.
    expect(sdlFiles(SRC).sort()).toEqual(AREA_NAMES.map((area) => join(area, `${area}.graphql`)).sort());
  });

  it('has no field resolved by two areas', () => {
    expect(() => loadResolvers()).not.toThrow();
  });
});
