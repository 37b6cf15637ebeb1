import type { CommandAccepted, CommandRequest, InterventionPage, InterventionView, PositionView, SeriesView, TrustView } from '@longview/contracts';
import type { LongviewCommandType } from '@longview/domain';
import type { CommandServiceClient } from '../src/clients/command-service.client';
import type { InterventionQuery, QueryServiceClient, ReadOptions, TrustQuery } from '../src/clients/query-service.client';

/** In-memory stand-ins for the two services: they record every call and answer from plain arrays. */

export interface SentCommand {
  readonly type: LongviewCommandType;
  readonly request: CommandRequest;
}

export class FakeCommandService implements CommandServiceClient {
  readonly sent: SentCommand[] = [];
  private nextPosition = 100n;
  /** Runs for each command before it is accepted: throw to reject, mutate the fake query service to "project". */
  onSend: (command: SentCommand, position: string) => void = () => undefined;

  async send(type: LongviewCommandType, request: CommandRequest): Promise<CommandAccepted> {
    const command = { type, request };
    this.sent.push(command);
    this.nextPosition += 1n;
    const position = this.nextPosition.toString();
    this.onSend(command, position);
    return { streamId: `stream-for-${type}`, version: 1, position, events: [`${type}Done`] };
  }
}

export interface QueryCall {
  readonly method: keyof QueryServiceClient;
  readonly args: readonly unknown[];
  readonly options: ReadOptions | undefined;
}

export class FakeQueryService implements QueryServiceClient {
  readonly calls: QueryCall[] = [];
  trusts: TrustView[] = [];
  interventions: InterventionView[] = [];
  series: SeriesView[] = [];
  /** Answer for listInterventions; default = all interventions matching the trust filter, one page. */
  page: ((query: InterventionQuery) => InterventionPage) | undefined;
  /** Make the next calls fail. */
  failWith: Error | undefined;

  private record(method: keyof QueryServiceClient, options: ReadOptions | undefined, ...args: unknown[]): void {
    this.calls.push({ method, args, options });
    if (this.failWith) throw this.failWith;
  }

  callsTo(method: keyof QueryServiceClient): QueryCall[] {
    return this.calls.filter((call) => call.method === method);
  }

  async position(options?: ReadOptions): Promise<PositionView> {
    this.record('position', options);
    return { position: '0' };
  }

  async listTrusts(query: TrustQuery = {}, options?: ReadOptions): Promise<readonly TrustView[]> {
    this.record('listTrusts', options, query);
    return this.trusts.filter((trust) => !query.region || trust.context.region === query.region);
  }

  async getTrust(code: string, options?: ReadOptions): Promise<TrustView | null> {
    this.record('getTrust', options, code);
    return this.trusts.find((trust) => trust.code === code) ?? null;
  }

  async listTrustSeries(code: string, options?: ReadOptions): Promise<readonly SeriesView[]> {
    this.record('listTrustSeries', options, code);
    return this.series.filter((series) => series.trustCode === code);
  }

  async listInterventions(query: InterventionQuery = {}, options?: ReadOptions): Promise<InterventionPage> {
    this.record('listInterventions', options, query);
    if (this.page) return this.page(query);
    const items = this.interventions.filter((item) => !query.trustCode || item.trustCode === query.trustCode);
    return { items, totalCount: items.length, hasNextPage: false, endCursor: items.at(-1)?.id ?? null };
  }

  async getIntervention(id: string, options?: ReadOptions): Promise<InterventionView | null> {
    this.record('getIntervention', options, id);
    return this.interventions.find((item) => item.id === id) ?? null;
  }

  async getSeries(trustCode: string, metric: string, options?: ReadOptions): Promise<SeriesView | null> {
    this.record('getSeries', options, trustCode, metric);
    return this.series.find((series) => series.trustCode === trustCode && series.metric === metric) ?? null;
  }
}

export function trustView(code: string, overrides: Partial<TrustView> = {}): TrustView {
  return {
    code,
    name: `${code} NHS Foundation Trust`,
    context: { kind: 'ACUTE', region: 'LONDON', beds: 900, cqcRating: 'GOOD' },
    contextEffectiveFrom: '2024-04-01',
    contextHistory: [
      { context: { kind: 'ACUTE', region: 'LONDON', beds: 850 }, effectiveFrom: '2023-04-01' },
      { context: { kind: 'ACUTE', region: 'LONDON', beds: 900, cqcRating: 'GOOD' }, effectiveFrom: '2024-04-01', reason: 'New wing' },
    ],
    registeredAt: '2024-01-01T00:00:00.000Z',
    interventionCount: 0,
    metrics: ['ae-4hr'],
    ...overrides,
  };
}

export function interventionView(id: string, overrides: Partial<InterventionView> = {}): InterventionView {
  return {
    id,
    trustCode: 'RJ1',
    trustName: 'RJ1 NHS Foundation Trust',
    title: `Intervention ${id}`,
    summary: 'Same-day emergency care',
    category: 'PATIENT_FLOW',
    approach: 'SYSTEMIC',
    targets: [{ metric: 'ae-4hr', direction: 'INCREASE' }],
    sharing: 'PUBLIC',
    status: 'PROPOSED',
    proposedAt: '2024-05-01T09:00:00.000Z',
    pdsaCycles: [],
    history: [{ type: 'InterventionProposed', at: '2024-05-01T09:00:00.000Z', position: '7', summary: 'Proposed' }],
    ...overrides,
  };
}

export function seriesView(trustCode: string, metric: string, overrides: Partial<SeriesView> = {}): SeriesView {
  return {
    trustCode,
    metric,
    observations: [
      { period: '2024-01', value: 71.5, corrected: false },
      { period: '2024-02', value: 73.2, numerator: 732, denominator: 1000, corrected: true },
    ],
    rebasePeriods: [],
    corrections: [{ period: '2024-02', previousValue: 37.2, value: 73.2, reason: 'Transposed digits' }],
    ...overrides,
  };
}
