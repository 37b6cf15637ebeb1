import type { InterventionView, Position, SeriesView, SpcView, TrustView } from '@longview/contracts';
import type { ReadOptions } from './clients/query-service.client';
import type { GatewayContext } from './context';
import { gatewayError } from './errors';
import type { InterventionFilter, PageArgs, TrustFilter } from './graphql-types';
import { compact } from './graphql-types';
import { pageRequest, toConnection, type InterventionConnection } from './pagination';
import { canSeeIntervention } from './visibility';

/**
 * Loads values by key, batching every key asked for in the same tick into one `load` call and
 * remembering the answers (per request).
 */
class BatchLoader<V> {
  private readonly cache = new Map<string, Promise<V | null>>();
  private pending = new Map<string, { resolve: (value: V | null) => void; reject: (error: unknown) => void }>();

  constructor(private readonly load: (keys: readonly string[]) => Promise<ReadonlyMap<string, V>>) {}

  get(key: string): Promise<V | null> {
    const cached = this.cache.get(key);
    if (cached) return cached;
    const promise = new Promise<V | null>((resolve, reject) => {
      this.pending.set(key, { resolve, reject });
      // Every sibling resolver runs in this tick; fetch once they have all asked.
      if (this.pending.size === 1) setImmediate(() => void this.flush());
    });
    this.cache.set(key, promise);
    return promise;
  }

  clear(): void {
    this.cache.clear();
  }

  private async flush(): Promise<void> {
    const batch = this.pending;
    this.pending = new Map();
    try {
      const found = await this.load([...batch.keys()]);
      for (const [key, waiter] of batch) waiter.resolve(found.get(key) ?? null);
    } catch (error) {
      for (const waiter of batch.values()) waiter.reject(error);
    }
  }
}

/** The query service's largest intervention page. */
const INTERVENTION_PAGE = 200;

/**
 * Reads shared by the resolvers. Per request it remembers the position of the last write
 * (so everything a mutation's payload reads reflects it) and batches look-ups: trusts
 * (Intervention.trust over a page, Peer.trust, projection adopters) and interventions
 * (evidence studies) cost one call, not one per row; SPC views are fetched once per series.
 */
class RequestReads {
  minPosition: Position | undefined;
  private readonly trusts: BatchLoader<TrustView>;
  private readonly interventions: BatchLoader<InterventionView>;
  private readonly spcs = new Map<string, Promise<SpcView | null>>();

  constructor(private readonly context: GatewayContext) {
    this.trusts = new BatchLoader((codes) => this.loadTrusts(codes));
    this.interventions = new BatchLoader((ids) => this.loadInterventions(ids));
  }

  options(): ReadOptions {
    return this.minPosition === undefined ? {} : { minPosition: this.minPosition };
  }

  /** A later write in the same request moves the read position forward (positions are decimal strings). */
  advanceTo(position: Position): void {
    if (this.minPosition === undefined || BigInt(position) > BigInt(this.minPosition)) this.minPosition = position;
    this.trusts.clear();
    this.interventions.clear();
    this.spcs.clear();
  }

  trust(code: string): Promise<TrustView | null> {
    return this.trusts.get(code);
  }

  /** Unfiltered by visibility: callers check `canSeeIntervention`. */
  intervention(id: string): Promise<InterventionView | null> {
    return this.interventions.get(id);
  }

  spc(trustCode: string, metric: string): Promise<SpcView | null> {
    const key = `${trustCode}\u0000${metric}`;
    let spc = this.spcs.get(key);
    if (!spc) {
      spc = this.context.queries.getSeriesSpc(trustCode, metric, this.options());
      this.spcs.set(key, spc);
    }
    return spc;
  }

  private async loadTrusts(codes: readonly string[]): Promise<ReadonlyMap<string, TrustView>> {
    const [only] = codes;
    if (codes.length === 1 && only !== undefined) {
      const trust = await this.context.queries.getTrust(only, this.options());
      return new Map(trust ? [[only, trust]] : []);
    }
    const all = await this.context.queries.listTrusts({}, this.options());
    return new Map(all.map((trust) => [trust.code, trust]));
  }

  /** One id: a direct read; more: page through the list until every id is found. */
  private async loadInterventions(ids: readonly string[]): Promise<ReadonlyMap<string, InterventionView>> {
    const [only] = ids;
    if (ids.length === 1 && only !== undefined) {
      const intervention = await this.context.queries.getIntervention(only, this.options());
      return new Map(intervention ? [[only, intervention]] : []);
    }
    const wanted = new Set(ids);
    const found = new Map<string, InterventionView>();
    let after: string | undefined;
    for (;;) {
      const page = await this.context.queries.listInterventions({ first: INTERVENTION_PAGE, ...(after ? { after } : {}) }, this.options());
      for (const item of page.items) if (wanted.has(item.id)) found.set(item.id, item);
      if (found.size === wanted.size || !page.hasNextPage || !page.endCursor || page.endCursor === after) return found;
      after = page.endCursor;
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
