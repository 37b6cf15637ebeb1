import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

/**
 * What the built web client (apps/web/dist) makes a browser download, in gzip -9 bytes (kB = 1000 bytes, as Vite reports them): the
 * first download (index.html's entry script and modulepreloads) and, for each page loaded on
 * demand, what opening it adds. Used by test/web-bundle.test.ts (the 150 kB budget) and
 * `npm run bench:web`.
 */

export interface ChunkSize {
  readonly file: string;
  readonly bytes: number;
  readonly gzip: number;
}

export interface PageBundle {
  /** The page's module, e.g. src/pages/TrustPage.tsx. */
  readonly page: string;
  /** gzip bytes of the chunks it adds to the first download's. */
  readonly gzip: number;
  readonly chunks: readonly string[];
}

interface ManifestChunk {
  readonly file: string;
  readonly isEntry?: boolean;
  readonly isDynamicEntry?: boolean;
  readonly imports?: readonly string[];
  readonly dynamicImports?: readonly string[];
}

/** The JavaScript budget for the first download, gzip -9 (issue 12). */
export const INITIAL_JS_BUDGET = 150_000;

function sizeOf(distDir: string, file: string): ChunkSize {
  const bytes = fs.readFileSync(path.join(distDir, file));
  return { file, bytes: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
}

/** The scripts index.html makes the browser fetch before the app runs: entry script and modulepreloads. */
export function initialChunks(distDir: string): ChunkSize[] {
  const html = fs.readFileSync(path.join(distDir, 'index.html'), 'utf8');
  const scripts = [...html.matchAll(/<script\b[^>]*\bsrc="\/([^"]+\.js)"/g), ...html.matchAll(/<link\b[^>]*rel="modulepreload"[^>]*\bhref="\/([^"]+\.js)"/g)];
  return [...new Set(scripts.map((match) => match[1] as string))].map((file) => sizeOf(distDir, file));
}

/** For each module the app loads on demand (each lazy page), the gzip bytes it adds to the first download. */
export function pageBundles(distDir: string): PageBundle[] {
  const manifest = JSON.parse(fs.readFileSync(path.join(distDir, '.vite', 'manifest.json'), 'utf8')) as Record<string, ManifestChunk>;
  const initial = new Set(initialChunks(distDir).map((chunk) => chunk.file));
  const staticClosure = (key: string, into: Set<string>): Set<string> => {
    const chunk = manifest[key];
    if (!chunk || into.has(chunk.file)) return into;
    into.add(chunk.file);
    for (const imported of chunk.imports ?? []) staticClosure(imported, into);
    return into;
  };
  return Object.entries(manifest)
    .filter(([key, chunk]) => chunk.isDynamicEntry && /^src\/pages\//.test(key))
    .map(([key]) => {
      const chunks = [...staticClosure(key, new Set())].filter((file) => !initial.has(file) && file.endsWith('.js'));
      return { page: key, chunks, gzip: chunks.reduce((sum, file) => sum + sizeOf(distDir, file).gzip, 0) };
    })
    .sort((a, b) => a.page.localeCompare(b.page));
}

export function kB(bytes: number): string {
  return `${(bytes / 1000).toFixed(1)} kB`;
}
