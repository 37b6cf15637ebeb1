import fs from 'node:fs';
import path from 'node:path';

/** The repository root (the folder holding turbo.json) above this file, where infra/ lives. */
export function findRepoRoot(from: string = __dirname): string {
  let dir = from;
  while (!fs.existsSync(path.join(dir, 'turbo.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`no turbo.json above ${from}: run longview from a Longview checkout`);
    dir = parent;
  }
  return dir;
}
