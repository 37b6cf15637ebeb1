import { useState } from 'react';
import { Link, useLocation } from 'react-router';
import { useQuery } from '@apollo/client/react';
import { WORKSPACE_ANALYSIS_QUERY, WORKSPACE_QUERY } from '../../graphql/workspace';
import { CQC_LABELS, REGION_LABELS, TRUST_KIND_LABELS, label } from '../../lib/labels';
import { formatDate, formatNumber, formatPeriod, formatValue } from '../../lib/format';
import { pointsFromSpc } from '../../lib/spc';
import { usePageTitle } from '../../lib/usePageTitle';
import { summariseWorkspace, type SeriesSummary } from '../../lib/workspaceSummary';
import { Loading, QueryError } from '../../components/QueryError';
import { SummaryList } from '../../components/SummaryList';
import { StatusTag } from '../../components/StatusTag';
import { SpcStatus } from '../../components/SpcStatus';
import { VerdictTag } from '../../components/Outcomes';
import { SpcChart } from '../../components/SpcChart';
import { SeriesTable } from '../../components/SeriesTable';
import { DriverDiagramsSection } from '../../components/DriverDiagram';
import { EditorOnly, useWorkspaceHref } from './useWorkspaceTrust';
import { TrustPortfolio } from '../../components/TrustPortfolio';

/** What a workspace form says after it saved (passed in the navigation state). */
export interface WorkspaceNotice {
  done?: string;
}

function Verdicts({ summary }: { summary: SeriesSummary }) {
  if (summary.verdicts.length === 0) return <>No intervention targets this measure.</>;
  return (
    <ul className="nhsuk-list nhsuk-u-margin-bottom-0">
      {summary.verdicts.map((v) => (
        <li key={v.interventionId}>
          <Link to={`/interventions/${encodeURIComponent(v.interventionId)}`}>{v.title}</Link>:{' '}
          {!v.started ? 'not started yet' : v.sustainability ? <VerdictTag sustainability={v.sustainability} /> : 'verdict not available yet'}
          {v.started && v.reason && <span className="nhsuk-body-s nhsuk-u-display-block nhsuk-u-margin-bottom-1">{v.reason}</span>}
        </li>
      ))}
    </ul>
  );
}

/** The full chart and table of a series, drawn only once its disclosure is opened. */
function SeriesDetails({ summary }: { summary: SeriesSummary }) {
  const [open, setOpen] = useState(false);
  const s = summary.series;
  return (
    <details className="nhsuk-details nhsuk-u-margin-bottom-0" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary className="nhsuk-details__summary">
        <span className="nhsuk-details__summary-text">
          Chart and monthly data<span className="nhsuk-u-visually-hidden"> for {summary.name}</span>
        </span>
      </summary>
      <div className="nhsuk-details__text">
        {open && (
          <>
            <SpcChart
              metricName={summary.name}
              unit={summary.unit}
              points={pointsFromSpc(s.observations, summary.spc)}
              target={summary.spc?.target ?? s.metricInfo?.nationalStandard ?? null}
              targetDescription={s.metricInfo?.standardDescription ?? null}
            />
            <SeriesTable
              metricName={summary.name}
              unit={summary.unit}
              observations={s.observations}
              corrections={s.corrections}
              rebasePeriods={s.rebasePeriods}
              signals={summary.spc?.points ?? null}
            />
          </>
        )}
      </div>
    </details>
  );
}

function SeriesCard({ trustCode, summary, href }: { trustCode: string; summary: SeriesSummary; href: ReturnType<typeof useWorkspaceHref> }) {
  const headingId = `workspace-${summary.metric}`;
  const latest = summary.latest;
  const corrections = summary.series.corrections;
  return (
    <section className="nhsuk-card" aria-labelledby={headingId} data-metric={summary.metric}>
      <div className="nhsuk-card__content">
        <h3 className="nhsuk-card__heading" id={headingId}>
          {summary.name}
        </h3>
        <dl className="nhsuk-summary-list">
          <div className="nhsuk-summary-list__row">
            <dt className="nhsuk-summary-list__key">Latest month</dt>
            <dd className="nhsuk-summary-list__value" data-testid="latest">
              {latest ? (
                <>
                  {formatValue(latest.value, summary.unit)} in {formatPeriod(latest.period)}
                  {latest.corrected && ' (corrected)'}
                </>
              ) : (
                'Nothing recorded yet'
              )}
            </dd>
          </div>
          <div className="nhsuk-summary-list__row">
            <dt className="nhsuk-summary-list__key">Variation and assurance</dt>
            <dd className="nhsuk-summary-list__value" data-testid="spc-status">
              <SpcStatus variation={summary.variation} assurance={summary.assurance} hasTarget={summary.hasTarget} chart={summary.spc?.chart ?? null} />
            </dd>
          </div>
          <div className="nhsuk-summary-list__row">
            <dt className="nhsuk-summary-list__key">Interventions</dt>
            <dd className="nhsuk-summary-list__value" data-testid="verdicts">
              <Verdicts summary={summary} />
            </dd>
          </div>
          {corrections.length > 0 && (
            <div className="nhsuk-summary-list__row">
              <dt className="nhsuk-summary-list__key">Corrections</dt>
              <dd className="nhsuk-summary-list__value">
                <ul className="nhsuk-list nhsuk-u-margin-bottom-0">
                  {[...corrections].reverse().map((c, index) => (
                    <li key={`${c.period}-${index}`}>
                      {formatPeriod(c.period)}: {formatValue(c.previousValue, summary.unit)} changed to {formatValue(c.value, summary.unit)} ({c.reason})
                    </li>
                  ))}
                </ul>
              </dd>
            </div>
          )}
        </dl>
        <ul className="nhsuk-list app-link-list">
          <li>
            <Link to={href('/workspace/record', { metric: summary.metric })}>
              Record a month<span className="nhsuk-u-visually-hidden"> of {summary.name}</span>
            </Link>
          </li>
          {latest && (
            <>
              <li>
                <Link to={href('/workspace/correct', { metric: summary.metric })}>
                  Correct a value<span className="nhsuk-u-visually-hidden"> of {summary.name}</span>
                </Link>
              </li>
              <li>
                <Link to={href('/workspace/rebase', { metric: summary.metric })}>
                  Start a new baseline<span className="nhsuk-u-visually-hidden"> for {summary.name}</span>
                </Link>
              </li>
            </>
          )}
          <li>
            <Link to={`/trusts/${encodeURIComponent(trustCode)}`}>
              See it on the trust page<span className="nhsuk-u-visually-hidden">: {summary.name}</span>
            </Link>
          </li>
        </ul>
        <SeriesDetails summary={summary} />
      </div>
    </section>
  );
}

function Workspace({ code }: { code: string }) {
  const location = useLocation();
  const href = useWorkspaceHref();
  const done = (location.state as WorkspaceNotice | null)?.done;
  // Always asked again: the workspace is where changes land, so it shows them at once.
  const { data, loading, error } = useQuery(WORKSPACE_QUERY, { variables: { code }, fetchPolicy: 'cache-and-network' });
  const analysis = useQuery(WORKSPACE_ANALYSIS_QUERY, { variables: { code }, fetchPolicy: 'cache-and-network', skip: !data?.trust });
  const trust = data?.trust;
  usePageTitle(trust ? `Workspace: ${trust.name}` : 'Your trust’s workspace');

  if (loading && !trust) return <Loading what="your trust’s workspace" />;
  if (error && !trust) return <QueryError error={error} what="your trust’s workspace" />;
  if (!trust) {
    return (
      <>
        <h1>Your trust’s workspace</h1>
        <p>There is no trust with the ODS code {code}.</p>
      </>
    );
  }
  const summaries = summariseWorkspace(trust, analysis.data);
  const interventions = trust.interventions.edges.map(({ node }) => node);
  const c = trust.context;

  return (
    <>
      {done && (
        <div className="nhsuk-inset-text" role="status">
          <span className="nhsuk-u-visually-hidden">Information: </span>
          <p>{done}</p>
        </div>
      )}
      <h1>
        <span className="nhsuk-caption-l">
          {trust.name} ({trust.code})<span className="nhsuk-u-visually-hidden"> - </span>
        </span>
        Your trust’s workspace
      </h1>
      <p className="nhsuk-lede-text">Where your trust’s measures stand, how its interventions are doing, and what to record next.</p>

      <div className="app-workspace-actions">
        <Link className="nhsuk-button" to={href('/workspace/record')}>
          Record a month’s data
        </Link>
        <Link className="nhsuk-button nhsuk-button--secondary" to={href('/workspace/upload')}>
          Upload a CSV file
        </Link>
        <Link className="nhsuk-button nhsuk-button--secondary" to={`/interventions/new?trust=${encodeURIComponent(trust.code)}`}>
          Propose an intervention
        </Link>
      </div>

      <h2>Measures</h2>
      {analysis.error && <p className="nhsuk-body-s">The statistical analyses could not be loaded; the values are shown without them.</p>}
      {summaries.length === 0 ? (
        <p>No outcome data has been recorded for {trust.name} yet. Record a month’s data or upload a CSV file to start.</p>
      ) : (
        summaries.map((s) => <SeriesCard key={s.metric} trustCode={trust.code} summary={s} href={href} />)
      )}

      <h2>Interventions</h2>
      {interventions.length === 0 ? (
        <p>Your trust has no interventions yet.</p>
      ) : (
        <ul className="nhsuk-list nhsuk-list--border">
          {interventions.map((i) => (
            <li key={i.id}>
              <Link to={`/interventions/${encodeURIComponent(i.id)}`}>{i.title}</Link> <StatusTag status={i.status} />
              <span className="nhsuk-body-s nhsuk-u-display-block nhsuk-u-margin-bottom-0">
                {i.startedOn ? `Started ${formatDate(i.startedOn)}` : 'Not started yet'}
              </span>
            </li>
          ))}
        </ul>
      )}

      <TrustPortfolio trustCode={trust.code} />
      <DriverDiagramsSection
        trustCode={trust.code}
        defineHref={href('/workspace/driver-diagrams/new')}
        reviseHref={(id) => href(`/workspace/driver-diagrams/${encodeURIComponent(id)}/revise`)}
      />

      <h2>Context</h2>
      <SummaryList
        rows={[
          { key: 'Kind', value: label(TRUST_KIND_LABELS, c.kind) },
          { key: 'Region', value: label(REGION_LABELS, c.region) },
          { key: 'Beds', value: c.beds === null || c.beds === undefined ? 'Not known' : formatNumber(c.beds) },
          { key: 'CQC rating', value: c.cqcRating ? label(CQC_LABELS, c.cqcRating) : 'Not known' },
          { key: 'Effective from', value: formatDate(c.effectiveFrom) + (c.reason ? ` (${c.reason})` : '') },
        ]}
      />
      <p>
        <Link to={href('/workspace/context')}>Update your trust’s context</Link>
      </p>
    </>
  );
}

/** `/workspace`: a trust editor's summary of their trust, and the way in to every change. */
export default function WorkspacePage() {
  return <EditorOnly what="Your trust’s workspace">{(code) => <Workspace code={code} />}</EditorOnly>;
}
