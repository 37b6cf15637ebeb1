import type { InterventionPage, InterventionStatus, InterventionView, Position, PositionView, SeriesView, TrustView } from '@longview/contracts';
import type { InterventionCategory, Region, TrustKind } from '@longview/domain';
import { ServiceError } from './service-error';
import { fetchJson, joinUrl } from './http';

/** Read-your-writes: the query service waits until its projections have reached this position. */
export interface ReadOptions {
  readonly minPosition?: Position;
}

export interface TrustQuery {
  readonly search?: string;
  readonly region?: Region;
  readonly kind?: TrustKind;
}

export interface InterventionQuery {
  readonly trustCode?: string;
  readonly status?: InterventionStatus;
  readonly category?: InterventionCategory;
  readonly first?: number;
  readonly after?: string;
}

/** One method per query-service GET (see @longview/contracts http.ts). A 404 on a single object is `null`. */
export interface QueryServiceClient {
  position(options?: ReadOptions): Promise<PositionView>;
  listTrusts(query?: TrustQuery, options?: ReadOptions): Promise<readonly TrustView[]>;
  getTrust(code: string, options?: ReadOptions): Promise<TrustView | null>;
  listTrustSeries(code: string, options?: ReadOptions): Promise<readonly SeriesView[]>;
  listInterventions(query?: InterventionQuery, options?: ReadOptions): Promise<InterventionPage>;
  getIntervention(id: string, options?: ReadOptions): Promise<InterventionView | null>;
  getSeries(trustCode: string, metric: string, options?: ReadOptions): Promise<SeriesView | null>;
}

type QueryValue = string | number | undefined;

export class HttpQueryServiceClient implements QueryServiceClient {
  constructor(
    private readonly baseUrl: string,
    /** Longer than the service's own default wait (5 s) for `minPosition`. */
    private readonly timeoutMs = 15_000,
  ) {}

  position(options?: ReadOptions): Promise<PositionView> {
    return this.get<PositionView>('/position', {}, options);
  }

  listTrusts(query: TrustQuery = {}, options?: ReadOptions): Promise<readonly TrustView[]> {
    return this.get<TrustView[]>('/trusts', { search: query.search, region: query.region, kind: query.kind }, options);
  }

  getTrust(code: string, options?: ReadOptions): Promise<TrustView | null> {
    return this.getOrNull<TrustView>(`/trusts/${encodeURIComponent(code)}`, options);
  }

  listTrustSeries(code: string, options?: ReadOptions): Promise<readonly SeriesView[]> {
    return this.get<SeriesView[]>(`/trusts/${encodeURIComponent(code)}/series`, {}, options);
  }

  listInterventions(query: InterventionQuery = {}, options?: ReadOptions): Promise<InterventionPage> {
    const { trustCode, status, category, first, after } = query;
    return this.get<InterventionPage>('/interventions', { trustCode, status, category, first, after }, options);
  }

  getIntervention(id: string, options?: ReadOptions): Promise<InterventionView | null> {
    return this.getOrNull<InterventionView>(`/interventions/${encodeURIComponent(id)}`, options);
  }

  getSeries(trustCode: string, metric: string, options?: ReadOptions): Promise<SeriesView | null> {
    return this.getOrNull<SeriesView>(`/series/${encodeURIComponent(trustCode)}/${encodeURIComponent(metric)}`, options);
  }

  private async getOrNull<T>(path: string, options?: ReadOptions): Promise<T | null> {
    try {
      return await this.get<T>(path, {}, options);
    } catch (error) {
      if (error instanceof ServiceError && error.status === 404) return null;
      throw error;
    }
  }

  private async get<T>(path: string, query: Record<string, QueryValue>, options?: ReadOptions): Promise<T> {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries({ ...query, minPosition: options?.minPosition })) {
      if (value !== undefined && value !== '') params.set(key, String(value));
    }
    const search = params.size > 0 ? `?${params.toString()}` : '';
    const { body } = await fetchJson<T>('query-service', joinUrl(this.baseUrl, path + search), { method: 'GET', timeoutMs: this.timeoutMs });
    if (body === undefined) throw new Error(`query-service answered ${path} without a body`);
    return body;
  }
}
