import * as fs from 'node:fs';
import * as path from 'node:path';
import { main } from '../src/main';

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

/** Runs `longview ARGS` in this process; what it wrote to stdout and stderr, and its exit code. */
export async function longview(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const out = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stdout += chunk.toString();
    return true;
  });
  const err = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stderr += chunk.toString();
    return true;
  });
  try {
    return { code: await main(args), stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}
