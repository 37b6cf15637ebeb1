import type { PortfolioView, ProgrammeSummaryView, ProgrammeView } from '@longview/contracts';
import { ProgrammeNotFoundError } from '@longview/domain';
import type { PortfolioStatusCount, VerdictCount } from '../__generated__/resolvers-types';
import type { GatewayContext } from '../context';
import { SUSTAINABILITIES } from '../shared/enums';
import { gatewayError } from '../shared/errors';

/** A programme as the list gives it (summary) or in full; the full view is fetched once per request when a field needs it. */
export type ProgrammeParent = ProgrammeSummaryView | ProgrammeView;
export type PortfolioCountsModel = PortfolioView['current'];

const PORTFOLIO_STATUSES = ['PROPOSED', 'STARTED', 'COMPLETED', 'ABANDONED'] as const;

const fullViews = new WeakMap<GatewayContext, Map<string, Promise<ProgrammeView | null>>>();

/** The programme in full: the parent itself when it is, else one read per programme per request. */
export async function full(context: GatewayContext, programme: ProgrammeParent): Promise<ProgrammeView> {
  if ('members' in programme) return programme;
  let cache = fullViews.get(context);
  if (!cache) fullViews.set(context, (cache = new Map<string, Promise<ProgrammeView | null>>()));
  let read = cache.get(programme.id);
  if (!read) cache.set(programme.id, (read = context.queries.getProgramme(programme.id, context.position.options())));
  const view = await read;
  if (!view) throw gatewayError('NOT_FOUND', new ProgrammeNotFoundError(programme.id).message);
  return view;
}

export async function trustPortfolio(context: GatewayContext, trustCode: string): Promise<PortfolioView> {
  const view = await context.queries.getTrustPortfolio(trustCode, context.position.options());
  if (!view) throw gatewayError('NOT_FOUND', `No trust with code ${trustCode}`);
  return view;
}

export function statusCounts(counts: PortfolioCountsModel['statuses']): PortfolioStatusCount[] {
  return PORTFOLIO_STATUSES.map((status) => ({ status, count: counts[status] }));
}

export function verdictCounts(counts: PortfolioCountsModel['verdicts']): VerdictCount[] {
  return SUSTAINABILITIES.map((sustainability) => ({ sustainability, count: counts[sustainability] ?? 0 }));
}
