import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, extname, join, resolve } from 'node:path';
import compression from 'compression';
import express from 'express';
import { clientRouteMatcher, parseRouteManifest, type ClientRouteMatcher } from './client-routes';

/** Content-hashed build output (Vite names them `name-<hash>.ext`): the same name never changes content. */
const HASHED_ASSET = /^\/assets\/.+-[A-Za-z0-9_-]{8,}\.[a-z0-9]+$/;

/** Files whose names carry their content's hash are cached for a year; everything else is checked each time. */
export const IMMUTABLE = 'public, max-age=31536000, immutable';
export const REVALIDATE = 'no-cache';

/**
 * Serves the built web client (apps/web/dist) in both modes:
 * - text (HTML, JS, CSS, SVG, JSON) compressed with brotli or gzip, as the browser accepts;
 * - `/assets/*-<hash>.*` cached for a year as immutable; index.html and the rest `no-cache`;
 * - index.html (200) for the client's own routes (dist/routes.json, from apps/web/src/routes.ts),
 *   and the same page with HTTP 404 for any other path: the client shows its not-found page.
 * API paths, and missing files with an extension, fall through to the JSON 404.
 */
export function serveWebApp(webDistDir: string): express.Router {
  const root = resolve(webDistDir);
  const index = join(root, 'index.html');
  const isClientRoute = loadClientRoutes(join(root, 'routes.json'));
  const router = express.Router();
  router.use(compression());
  router.use(
    express.static(root, {
      index: 'index.html',
      setHeaders: (res, file) => {
        const relative = `/${file
          .slice(root.length + 1)
          .split(/[\\/]/)
          .join('/')}`;
        res.setHeader('Cache-Control', HASHED_ASSET.test(relative) ? IMMUTABLE : REVALIDATE);
      },
    }),
  );
  router.use((req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    if (req.path === '/graphql' || req.path.startsWith('/graphql/') || req.path.startsWith('/auth/') || req.path === '/health') return next();
    // A path with control characters (/%00) is no page's address: the JSON 404, like any malformed path.
    if (/%(?:[01][0-9a-f]|7f)/i.test(req.path)) return next();
    // A missing asset (/assets/app.js) is a JSON 404, not the HTML page.
    if (extname(basename(req.path)) !== '' && extname(req.path) !== '.html') return next();
    if (!existsSync(index)) return next();
    readFile(index, 'utf8').then(
      (html) => {
        res.status(isClientRoute(req.path) ? 200 : 404);
        res.setHeader('Cache-Control', REVALIDATE);
        res.type('html').send(html);
      },
      (error: unknown) => next(error),
    );
  });
  return router;
}

/** Without a manifest (a client built before routes.json existed) every path is a client route, as before. */
function loadClientRoutes(manifestFile: string): ClientRouteMatcher {
  if (!existsSync(manifestFile)) return () => true;
  return clientRouteMatcher(parseRouteManifest(readFileSync(manifestFile, 'utf8')));
}
