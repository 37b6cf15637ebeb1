// After `graphql-codegen`: each typed document of src/__generated__/graphql.ts moves to a module of
// its own (src/__generated__/documents/<Name>.ts), and graphql.ts re-exports it. The documents'
// imports stay the same, but the bundler can now put each document in the chunk of the page
// that uses it: before, the one shared module carried every page's queries into the first download.
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = new URL('../src/__generated__/', import.meta.url).pathname;
const file = join(dir, 'graphql.ts');
const out = join(dir, 'documents');
const DOCUMENT = /^export const (\w+) = (\{.*\}) as unknown as DocumentNode<(.*)>;$/;

const REEXPORT = /^export \{ \w+ \} from '\.\/documents\/\w+';$/;

/**
 * Writes through a temporary file and a rename: turbo runs codegen for build, typecheck and lint
 * at once, so another run may read these files while this one writes them.
 */
function writeAtomically(path, text) {
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, text);
  renameSync(temporary, path);
}

const lines = readFileSync(file, 'utf8').split('\n');
mkdirSync(out, { recursive: true });
let moved = 0;
const kept = lines.map((line) => {
  const match = DOCUMENT.exec(line);
  if (!match) return line;
  const [, name, body, typeArgs] = match;
  const types = [...new Set(typeArgs.match(/\b[A-Z]\w*\b/g) ?? [])];
  writeAtomically(
    join(out, `${name}.ts`),
    [
      '/* eslint-disable */',
      "import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';",
      ...(types.length > 0 ? [`import type { ${types.join(', ')} } from '../graphql';`] : []),
      `export const ${name} = ${body} as unknown as DocumentNode<${typeArgs}>;`,
      '',
    ].join('\n'),
  );
  moved++;
  return `export { ${name} } from './documents/${name}';`;
});
if (moved === 0) {
  // Already split (codegen left an unchanged file alone, or a concurrent run split it first).
  if (lines.some((line) => REEXPORT.test(line))) process.exit(0);
  throw new Error(`split-documents: no typed documents found in ${file} (has codegen's output changed?)`);
}
writeAtomically(file, kept.join('\n'));
// Documents of queries that no longer exist would keep importing types that are gone.
const current = new Set(lines.flatMap((line) => DOCUMENT.exec(line)?.[1] ?? []).map((name) => `${name}.ts`));
for (const entry of readdirSync(out)) if (entry.endsWith('.ts') && !current.has(entry)) rmSync(join(out, entry), { force: true });
console.log(`split-documents: ${moved} documents, one module each, in src/__generated__/documents/`);
