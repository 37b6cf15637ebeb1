import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import babel from '@rolldown/plugin-babel';
import { babelOptimizerPlugin } from '@graphql-codegen/client-preset';
import { routeManifest } from './src/routes';

/** Removes every `@media screen\0 ...{...}` block: IE-only hacks that lightningcss cannot parse. */
function dropIeMediaHacks(css: string): string {
  let out = '';
  let from = 0;
  for (;;) {
    const start = css.indexOf('@media screen\\0', from);
    if (start === -1) return out + css.slice(from);
    out += css.slice(from, start);
    let i = css.indexOf('{', start);
    if (i === -1) return out;
    let depth = 0;
    for (; i < css.length; i += 1) {
      if (css[i] === '{') depth += 1;
      else if (css[i] === '}') {
        depth -= 1;
        if (depth === 0) break;
      }
    }
    from = i + 1;
  }
}

/**
 * The compiled NHS.UK frontend stylesheet loads the Frutiger web font from assets.nhs.uk and
 * refers to its icons by absolute `/assets/images/...` URLs. Longview bundles everything and
 * makes no requests to CDNs, so this plugin drops the remote @font-face rules and IE-only media hacks (the font stack
 * falls back to Arial, as NHS.UK does when the font is unavailable) and points the icon URLs
 * at the images shipped in the package, which Vite then bundles with hashed names.
 */
function nhsukOffline(): Plugin {
  return {
    name: 'longview:nhsuk-offline',
    enforce: 'pre',
    transform(code, id) {
      if (!/nhsuk-frontend[\\/]dist[\\/]nhsuk[\\/]nhsuk-frontend(\.min)?\.css/.test(id)) return null;
      const out = dropIeMediaHacks(code)
        .replace(/@font-face\s*\{[^}]*assets\.nhs\.uk[^}]*\}/g, '')
        .replace(/url\(\s*["']?\/assets\/images\/([^"')]+)["']?\s*\)/g, 'url("./assets/images/$1")');
      return { code: out, map: null };
    },
  };
}

/**
 * dist/routes.json: the client's path patterns (src/routes.ts), read by the gateway to answer
 * any other path with HTTP 404.
 */
function routesManifest(): Plugin {
  return {
    name: 'longview:routes-manifest',
    apply: 'build',
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: 'routes.json', source: `${JSON.stringify(routeManifest(), null, 2)}\n` });
    },
  };
}

/**
 * codegen's client preset maps every document from one `graphql()` function, so every page
 * would carry every query. Its Babel plugin replaces each `graphql(`...`)` call with an import of
 * that one document from src/__generated__/graphql.ts, so each page's chunk holds only its own.
 */
function typedDocumentImports(): ReturnType<typeof babel> {
  return babel({
    // Every graphql(`...`) call is in src/graphql/ (the codegen documents).
    include: /[\\/]src[\\/]graphql[\\/][^\\/]+\.ts$/,
    plugins: [[babelOptimizerPlugin, { artifactDirectory: './src/__generated__', gqlTagName: 'graphql' }]],
  });
}

export default defineConfig({
  base: '/',
  plugins: [nhsukOffline(), typedDocumentImports(), react(), routesManifest()],
  // Workspace packages are compiled to CommonJS (for the Nest services) and linked, not
  // installed, so the dev server would serve their `exports.x = ...` to the browser as is:
  // pre-bundling converts them to ES modules. (The production build converts them itself.)
  optimizeDeps: { include: ['@longview/analytics/periods', '@longview/analytics/csv', '@longview/analytics/spc-rules', '@longview/domain/patterns'] },
  server: {
    port: 5173,
    proxy: {
      '/graphql': { target: 'http://localhost:4000', changeOrigin: true, ws: true },
      // The embedded mode's demo sign-in (it answers only for a loopback Host, which changeOrigin sends).
      '/auth': { target: 'http://localhost:4000', changeOrigin: true },
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    // Every browser the NHS.UK frontend supports has modulepreload: no polyfill in the first download.
    modulePreload: { polyfill: false },
    // dist/.vite/manifest.json: which chunks each page loads (the bundle-size test and `npm run bench:web`).
    manifest: true,
    // Libraries change less often than the app: separate chunks stay cached across releases.
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            { name: 'react', test: /node_modules[\\/](react|react-dom|react-router|scheduler|cookie|set-cookie-parser)[\\/]/ },
            { name: 'apollo', test: /node_modules[\\/](@apollo|graphql|rxjs|@wry|optimism|tslib|@graphql-typed-document-node)[\\/]/ },
          ],
        },
      },
    },
  },
});
