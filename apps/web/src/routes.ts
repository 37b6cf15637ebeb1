/**
 * Every page of the client, by name: its path pattern in React Router's syntax (literal
 * segments and `:param` segments). The one list of the client's addresses:
 * - App.tsx renders a route for each (its page table is keyed by these names, so the
 *   compiler insists that every route has a page and every page a route);
 * - the build writes the patterns to dist/routes.json (vite.config.ts), and the gateway
 *   answers any other path with the not-found page and HTTP 404;
 * - the browser tests visit each (axe at 1280 and 320 px, a screenshot of each).
 *
 * Adding a page: one line here and its component in App.tsx's `PAGES`.
 * No imports: the build reads this module in Node.
 */
export const ROUTES = {
  trustList: '/',
  trust: '/trusts/:code',
  proposeIntervention: '/interventions/new',
  intervention: '/interventions/:id',
  adoptIntervention: '/interventions/:id/adopt',
  evidence: '/evidence',
  projection: '/projection',
  lessons: '/lessons',
  programmes: '/programmes',
  createProgramme: '/programmes/new',
  programme: '/programmes/:id',
  offerMentorship: '/mentorships/offer',
  mentorships: '/mentorships',
  workspace: '/workspace',
  recordMonth: '/workspace/record',
  correctValue: '/workspace/correct',
  rebaseSeries: '/workspace/rebase',
  uploadCsv: '/workspace/upload',
  trustContext: '/workspace/context',
  defineDriverDiagram: '/workspace/driver-diagrams/new',
  reviseDriverDiagram: '/workspace/driver-diagrams/:id/revise',
  signIn: '/sign-in',
  // The old paste-a-token page: it sends you to the sign-in page.
  access: '/access',
} as const satisfies Record<string, `/${string}`>;

export type RouteName = keyof typeof ROUTES;

/** The shape of dist/routes.json, which the gateway reads. */
export interface RouteManifest {
  /** Path patterns of the client's pages (React Router syntax): any other path is a 404. */
  readonly routes: readonly string[];
}

export function routeManifest(): RouteManifest {
  return { routes: Object.values(ROUTES) };
}
