import type { InterventionView, Position, SeriesView, TrustView } from '@longview/contracts';
import type { ReadOptions } from './clients/query-service.client';
import type { GatewayContext } from './context';
import { gatewayError } from './errors';
import type { InterventionFilter, PageArgs, TrustFilter } from './graphql-types';
import { compact } from './graphql-types';
import { pageRequest, toConnection, type InterventionConnection } from './pagination';
import { canSeeIntervention } from './visibility';

/**
 * Reads shared by the resolvers. Per request it remembers the position of the last write
 * (so everything a mutation's payload reads reflects it) and batches trust look-ups
 * (Intervention.trust over a page of interventions costs one call, not one per row).
 */
class RequestReads {
  minPosition: Position | undefined;
  private readonly trusts = new Map<string, Promise<TrustView | null>>();
  private pending = new Map<string, { resolve: (trust: TrustView | null) => void; reject: (error: unknown) => void }>();

  constructor(private readonly context: GatewayContext) {}

  options(): ReadOptions {
    return this.minPosition === undefined ? {} : { minPosition: this.minPosition };
  }

  /** A later write in the same request moves the read position forward (positions are decimal strings). */
  advanceTo(position: Position): void {
    if (this.minPosition === undefined || BigInt(position) > BigInt(this.minPosition)) this.minPosition = position;
    this.trusts.clear();
  }

  trust(code: string): Promise<TrustView | null> {
    const cached = this.trusts.get(code);
    if (cached) return cached;
    const promise = new Promise<TrustView | null>((resolve, reject) => {
      this.pending.set(code, { resolve, reject });
      // Every sibling resolver runs in this tick; fetch once they have all asked.
      if (this.pending.size === 1) setImmediate(() => void this.flush());
    });
    this.trusts.set(code, promise);
    return promise;
  }

  private async flush(): Promise<void> {
    const batch = this.pending;
    this.pending = new Map();
    try {
      const [only] = batch.keys();
      if (batch.size === 1 && only !== undefined) {
        const trust = await this.context.queries.getTrust(only, this.options());
        batch.get(only)?.resolve(trust);
        return;
      }
      const all = await this.context.queries.listTrusts({}, this.options());
      const byCode = new Map(all.map((trust) => [trust.code, trust]));
      for (const [code, waiter] of batch) waiter.resolve(byCode.get(code) ?? null);
    } catch (error) {
      for (const waiter of batch.values()) waiter.reject(error);
    }
  }
}

const sessions = new WeakMap<GatewayContext, RequestReads>();

export function readsOf(context: GatewayContext): RequestReads {
  let reads = sessions.get(context);
  if (!reads) {
    reads = new RequestReads(context);
    sessions.set(context, reads);
  }
  return reads;
}

export function listTrusts(context: GatewayContext, filter: TrustFilter | null | undefined): Promise<readonly TrustView[]> {
  return context.queries.listTrusts(compact(filter ?? {}), readsOf(context).options());
}

export function getTrust(context: GatewayContext, code: string): Promise<TrustView | null> {
  return context.queries.getTrust(code, readsOf(context).options());
}

/** The owning trust of an intervention: must exist (the command side checked it). */
export async function trustOf(context: GatewayContext, code: string): Promise<TrustView> {
  const trust = await readsOf(context).trust(code);
  if (!trust) throw gatewayError('INTERNAL_SERVER_ERROR', `Trust ${code} is missing from the read model`);
  return trust;
}

export async function getIntervention(context: GatewayContext, id: string): Promise<InterventionView | null> {
  const intervention = await context.queries.getIntervention(id, readsOf(context).options());
  return intervention && canSeeIntervention(context.actor, intervention) ? intervention : null;
}

export async function interventionConnection(
  context: GatewayContext,
  filter: InterventionFilter | null | undefined,
  page: PageArgs,
): Promise<InterventionConnection> {
  const request = pageRequest(page.first, page.after);
  const { skip: _skip, ...paging } = request;
  const result = await context.queries.listInterventions({ ...compact(filter ?? {}), ...paging }, readsOf(context).options());
  return toConnection(result, request, (node) => canSeeIntervention(context.actor, node));
}

export function getSeries(context: GatewayContext, trustCode: string, metric: string): Promise<SeriesView | null> {
  return context.queries.getSeries(trustCode, metric, readsOf(context).options());
}

/** All series of a trust, or the one named (as a list of zero or one). */
export async function seriesOfTrust(context: GatewayContext, trustCode: string, metric: string | null | undefined): Promise<readonly SeriesView[]> {
  if (!metric) return context.queries.listTrustSeries(trustCode, readsOf(context).options());
  const series = await getSeries(context, trustCode, metric);
  return series ? [series] : [];
}
