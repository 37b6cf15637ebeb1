import * as fs from 'node:fs';
import * as path from 'node:path';

/** The repository root: the nearest folder above this file holding turbo.json. */
export function findRepoRoot(from: string = __dirname): string {
  let dir = from;
  while (!fs.existsSync(path.join(dir, 'turbo.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`no turbo.json above ${from}`);
    dir = parent;
  }
  return dir;
}

export const sharedDataDir = path.resolve(findRepoRoot(), '../shared/data');
export const aeFile = path.join(sharedDataDir, 'ae-attendances-2016-2019.csv');
export const odsFile = path.join(sharedDataDir, 'nhs-trusts-ods-2017.csv');
export const onCi = process.env.CI === 'true';

/**
 * For suites that need something outside the repository (the NHS open data, Chromium):
 * returns whether it is there. When it is not, the suite skips with a clear message, except
 * under CI=true, where one failing test says what is missing.
 */
export function requireOrSkip(available: boolean, what: string): boolean {
  if (available) return true;
  if (onCi) {
    test(`${what} is present under CI`, () => {
      throw new Error(`${what} is missing, and under CI (CI=true) these tests must run.`);
    });
  } else {
    console.warn(`${what} is missing: these tests are skipped.`);
  }
  return false;
}

export interface GraphQLResponse<T> {
  data?: T;
  errors?: { message: string; extensions?: { code?: string; fields?: { path: string; message: string }[] } }[];
}

export async function graphql<T = Record<string, unknown>>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Promise<GraphQLResponse<T>> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as GraphQLResponse<T>;
}

/** The data of a response that must have succeeded. */
export async function graphqlData<T = Record<string, unknown>>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Promise<T> {
  const result = await graphql<T>(url, query, variables, headers);
  if (result.errors?.length || !result.data) throw new Error(`GraphQL errors: ${JSON.stringify(result.errors)}`);
  return result.data;
}
