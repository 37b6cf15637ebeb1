import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSchema as buildSdlSchema, type GraphQLSchema } from 'graphql';

/** Where the SDL lives: next to this file, in src/ (ts-jest, ts-node) and in dist/ (copied by the build). */
export const SCHEMA_PATH = join(__dirname, 'schema.graphql');

let cached: string | undefined;

/** The SDL text (schema first: schema.graphql is the source of truth). */
export function loadTypeDefs(): string {
  cached ??= readFileSync(SCHEMA_PATH, 'utf8');
  return cached;
}

/** The schema without resolvers: for tooling (codegen, introspection, schema checks). */
export function buildSchema(): GraphQLSchema {
  return buildSdlSchema(loadTypeDefs());
}
