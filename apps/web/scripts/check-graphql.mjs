// Validates the client's GraphQL operations (gql`...` blocks in src/graphql/*.ts) against the
// gateway schema, so a renamed or removed field is caught without a running server.
// Usage: node scripts/check-graphql.mjs   (exit code 1 on any validation error)
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSchema, parse, validate } from 'graphql';

const here = dirname(fileURLToPath(import.meta.url));
const schemaPath = join(here, '..', '..', 'gateway', 'src', 'schema.graphql');
const operationsDir = join(here, '..', 'src', 'graphql');

const schema = buildSchema(readFileSync(schemaPath, 'utf8'));
const blocks = [];
for (const file of readdirSync(operationsDir).filter((name) => name.endsWith('.ts'))) {
  const source = readFileSync(join(operationsDir, file), 'utf8');
  for (const match of source.matchAll(/gql`([\s\S]*?)`/g)) {
    blocks.push(match[1].replace(/\$\{[^}]*\}/g, ''));
  }
}
// One document holding every operation and fragment: names must be unique, fragments resolve.
const errors = validate(schema, parse(blocks.join('\n')));
for (const error of errors) console.error(`GraphQL: ${error.message}`);
if (errors.length > 0) process.exit(1);
console.log(`GraphQL: ${blocks.length} documents valid against ${schemaPath}`);
