/**
 * The web client's addresses, as the build lists them in dist/routes.json (from
 * apps/web/src/routes.ts): a path that matches none of them is answered with HTTP 404.
 *
 * Patterns use the part of React Router's syntax the client's routes use — literal segments and
 * `:param` segments — and match as React Router matches them: case-insensitive, a trailing slash
 * allowed, a parameter being one non-empty segment. Any other syntax is refused when the manifest
 * is read, so a route the gateway cannot match fails loudly at start rather than answering 404.
 */
export type ClientRouteMatcher = (pathname: string) => boolean;

const PARAM = /^:[A-Za-z_][A-Za-z0-9_]*$/;
const LITERAL = /^[A-Za-z0-9._~-]+$/;

type Segment = { readonly param: true } | { readonly param: false; readonly text: string };

function parsePattern(pattern: string): Segment[] {
  if (!pattern.startsWith('/')) throw new Error(`A client route must start with "/": ${JSON.stringify(pattern)}`);
  return pattern
    .split('/')
    .filter((part) => part !== '')
    .map((part): Segment => {
      if (PARAM.test(part)) return { param: true };
      if (LITERAL.test(part)) return { param: false, text: part.toLowerCase() };
      throw new Error(`The gateway matches literal and :param segments only; route ${JSON.stringify(pattern)} has ${JSON.stringify(part)}`);
    });
}

function segmentsOf(pathname: string): string[] | undefined {
  const parts = pathname.split('/').slice(1);
  if (parts.length > 0 && parts[parts.length - 1] === '') parts.pop(); // a trailing slash
  if (parts.some((part) => part === '')) return undefined; // "//" matches no route
  try {
    return parts.map((part) => decodeURIComponent(part));
  } catch {
    return undefined;
  }
}

/** A matcher for these patterns (from dist/routes.json). */
export function clientRouteMatcher(patterns: readonly string[]): ClientRouteMatcher {
  const routes = patterns.map(parsePattern);
  return (pathname) => {
    const segments = segmentsOf(pathname);
    if (!segments) return false;
    return routes.some(
      (route) => route.length === segments.length && route.every((segment, i) => segment.param || segment.text === segments[i]?.toLowerCase()),
    );
  };
}

/** Reads the build's manifest: `{ "routes": ["/", "/trusts/:code", ...] }`. */
export function parseRouteManifest(json: string): readonly string[] {
  const manifest = JSON.parse(json) as { routes?: unknown };
  if (!Array.isArray(manifest.routes) || !manifest.routes.every((route): route is string => typeof route === 'string')) {
    throw new Error('routes.json must be { "routes": [path patterns] }');
  }
  return manifest.routes;
}
