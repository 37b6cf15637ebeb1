import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { mergeTypeDefs } from '@graphql-tools/merge';
import { buildASTSchema, lexicographicSortSchema, printSchema, type DocumentNode, type GraphQLSchema } from 'graphql';
import type { Resolvers } from './__generated__/resolvers-types';
import * as AREAS from './areas';

/** The registered areas, in registry order. */
export const AREA_NAMES: readonly string[] = Object.keys(AREAS);

/** Where an area's SDL lives: next to its resolvers, in src/ (ts-jest) and in dist/ (copied by the build). */
export function areaSdlPath(area: string): string {
  return join(__dirname, area, `${area}.graphql`);
}

let typeDefs: DocumentNode | undefined;

/** The public schema's SDL: every area's SDL merged (type extensions folded into their types). */
export function loadTypeDefs(): DocumentNode {
  typeDefs ??= mergeTypeDefs(AREA_NAMES.map((area) => readFileSync(areaSdlPath(area), 'utf8')));
  return typeDefs;
}

/** Every area's resolvers in one map; two areas resolving the same field is a mistake, not an override. */
export function loadResolvers(): Resolvers {
  const merged: Record<string, Record<string, unknown>> = {};
  for (const [area, resolvers] of Object.entries<Resolvers>(AREAS)) {
    for (const [typeName, fields] of Object.entries(resolvers)) {
      const target = (merged[typeName] ??= {});
      for (const [field, resolver] of Object.entries(fields as Record<string, unknown>)) {
        if (field in target) throw new Error(`${typeName}.${field} is resolved by two areas (the second is ${area})`);
        target[field] = resolver;
      }
    }
  }
  return merged;
}

/** The schema without resolvers: for tooling (introspection, schema checks). */
export function buildSchema(): GraphQLSchema {
  return buildASTSchema(loadTypeDefs());
}

/** The public schema as committed in schema.snapshot.graphql: printed with types and fields sorted. */
export function printPublicSchema(): string {
  return `${printSchema(lexicographicSortSchema(buildSchema()))}\n`;
}
