/**
 * The trust workspace's summary, worked out from the workspace queries: for each series its
 * latest month, its SPC variation and assurance, and the verdicts of the trust's
 * interventions that target it. Pure, so it is tested without a browser.
 */
import { addMonths, monthIndexOrNaN } from '@longview/analytics/periods';
import type { Role, Sustainability, WorkspaceAnalysisQuery, WorkspaceQuery } from '../__generated__/graphql';

type WorkspaceTrust = NonNullable<WorkspaceQuery['trust']>;
export type WorkspaceSeries = WorkspaceTrust['series'][number];
type AnalysisSeries = NonNullable<WorkspaceAnalysisQuery['trust']>['series'][number];
type AnalysisOutcome = WorkspaceAnalysisQuery['interventions']['edges'][number]['node']['outcomes'][number];

export interface Verdict {
  readonly interventionId: string;
  readonly title: string;
  /** Null while the analyses load (or when they failed). */
  readonly sustainability: Sustainability | null;
  readonly reason: string | null;
  readonly started: boolean;
}

export interface SeriesSummary {
  readonly metric: string;
  readonly name: string;
  readonly unit: string;
  readonly hasTarget: boolean;
  readonly latest: { readonly period: string; readonly value: number; readonly corrected: boolean } | null;
  readonly variation: string | null;
  readonly assurance: string | null;
  readonly verdicts: Verdict[];
  readonly series: WorkspaceSeries;
  readonly spc: AnalysisSeries['spc'] | null;
}

/** The series of a trust, by metric name, each with its latest month, SPC icons and verdicts. */
export function summariseWorkspace(trust: WorkspaceTrust, analysis: WorkspaceAnalysisQuery | undefined): SeriesSummary[] {
  const spcByMetric = new Map((analysis?.trust?.series ?? []).map((s) => [s.metric, s.spc]));
  const outcomesById = new Map<string, readonly AnalysisOutcome[]>((analysis?.interventions.edges ?? []).map(({ node }) => [node.id, node.outcomes]));
  const interventions = trust.interventions.edges.map(({ node }) => node);
  return [...trust.series]
    .map((series): SeriesSummary => {
      const latest = latestObservation(series.observations);
      const spc = spcByMetric.get(series.metric) ?? null;
      const verdicts = interventions
        .filter((i) => i.targets.some((t) => t.metric === series.metric))
        .map((i): Verdict => {
          const outcome = outcomesById.get(i.id)?.find((o) => o.metric === series.metric);
          return {
            interventionId: i.id,
            title: i.title,
            sustainability: outcome?.sustainability ?? null,
            reason: outcome?.reason ?? null,
            started: i.startedOn !== null && i.startedOn !== undefined,
          };
        });
      return {
        metric: series.metric,
        name: series.metricInfo?.name ?? series.metric,
        unit: series.metricInfo?.unit ?? '',
        hasTarget: (spc?.target ?? series.metricInfo?.nationalStandard ?? null) !== null,
        latest: latest ? { period: latest.period, value: latest.value, corrected: latest.corrected } : null,
        variation: spc?.variation ?? null,
        assurance: spc?.assurance ?? null,
        verdicts,
        series,
        spc,
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

export function latestObservation<T extends { period: string }>(observations: readonly T[]): T | undefined {
  let latest: T | undefined;
  for (const o of observations) {
    if (!latest || monthIndexOrNaN(o.period) > monthIndexOrNaN(latest.period)) latest = o;
  }
  return latest;
}

/** The month to record next: the one after the latest recorded, else last month (from `today`, YYYY-MM-DD). */
export function nextPeriodToRecord(observations: readonly { period: string }[], today: string): string {
  const thisMonth = today.slice(0, 7);
  const latest = latestObservation(observations);
  if (!latest) return addMonths(thisMonth, -1);
  const next = addMonths(latest.period, 1);
  return monthIndexOrNaN(next) > monthIndexOrNaN(thisMonth) ? thisMonth : next;
}

/**
 * The trust whose workspace the viewer may use: a trust editor's own; an administrator's
 * chosen one (`?trust=`); nobody else edits a trust's data.
 */
export function workspaceTrustOf(viewer: { role: Role; trustCode?: string | null } | null | undefined, requested: string | null): string | null {
  if (!viewer) return null;
  if (viewer.role === 'TRUST_EDITOR') return viewer.trustCode ?? null;
  if (viewer.role === 'ADMIN') return requested ? requested.trim().toUpperCase() || null : null;
  return null;
}

/** Whether the viewer may change an intervention of `trustCode`: an editor of that trust, or an administrator. */
export function canEditTrust(viewer: { role: Role; trustCode?: string | null } | null | undefined, trustCode: string): boolean {
  if (!viewer) return false;
  return viewer.role === 'ADMIN' || (viewer.role === 'TRUST_EDITOR' && viewer.trustCode === trustCode);
}
