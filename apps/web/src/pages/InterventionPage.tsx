import { lazy, Suspense } from 'react';
import { Link, useLocation, useParams, useSearchParams } from 'react-router';
import { useQuery } from '@apollo/client/react';
import type { InterventionDetailFragment as InterventionDetail } from '../__generated__/graphql';
import { INTERVENTION_PAGE_QUERY } from '../graphql/interventions';
import { APPROACH_LABELS, CATEGORY_LABELS, DIRECTION_LABELS, SHARING_SHORT_LABELS, label, humanise, TARGET_ROLE_LABELS } from '../lib/labels';
import { formatDate, formatDateTime } from '../lib/format';
import { usePageTitle } from '../lib/usePageTitle';
import { Loading, QueryError } from '../components/QueryError';
import { SummaryList, type SummaryRow } from '../components/SummaryList';
import { StatusTag } from '../components/StatusTag';
import { Outcomes } from '../components/Outcomes';
import { AsOfField, AsOfNotice } from '../components/AsOf';
import { asOfParam } from '../lib/asOf';
import { AdoptionLineage } from '../components/AdoptionLineage';
import { InterventionLessons } from '../components/InterventionLessons';
import { DriverDiagramPlacements } from '../components/DriverDiagramPlacements';
import { InterventionComments } from '../components/InterventionComments';
import { SustainabilityPanel } from '../components/SustainabilityPanel';
import { NotFoundPage } from './NotFoundPage';

// The editor's forms load only on an intervention page, and only when it is opened.
const InterventionActions = lazy(() => import('../components/InterventionActions').then((m) => ({ default: m.InterventionActions })));

function Paragraphs({ text }: { text: string }) {
  return <p className="nhsuk-body app-pre-wrap">{text}</p>;
}

function Targets({ intervention }: { intervention: InterventionDetail }) {
  if (intervention.targets.length === 0) return <p className="nhsuk-body">No target metrics.</p>;
  return (
    <ul className="nhsuk-list nhsuk-list--bullet">
      {intervention.targets.map((t) => (
        <li key={`${t.metric}-${t.direction}`}>
          <strong className="nhsuk-tag nhsuk-tag--grey">{label(TARGET_ROLE_LABELS, t.role)}</strong> {t.metricInfo?.name ?? t.metric}:{' '}
          {label(DIRECTION_LABELS, t.direction).toLowerCase()}
          {t.metricInfo && t.metricInfo.improvement !== t.direction && (
            <span className="nhsuk-body-s"> (the catalogue counts {t.metricInfo.improvement === 'INCREASE' ? 'higher' : 'lower'} as better)</span>
          )}
        </li>
      ))}
    </ul>
  );
}

function dateRows(i: InterventionDetail): SummaryRow[] {
  const rows: SummaryRow[] = [{ key: 'Proposed', value: formatDateTime(i.proposedAt) }];
  rows.push({ key: 'Started', value: i.startedOn ? formatDate(i.startedOn) : 'Not started yet' });
  if (i.completedOn) rows.push({ key: 'Completed', value: formatDate(i.completedOn) });
  if (i.abandonedOn) {
    rows.push({ key: 'Abandoned', value: formatDate(i.abandonedOn) });
    rows.push({ key: 'Reason for abandoning', value: i.abandonReason ?? 'Not given' });
  }
  return rows;
}

function PdsaCycles({ intervention }: { intervention: InterventionDetail }) {
  const cycles = [...intervention.pdsaCycles].sort((a, b) => a.cycleNumber - b.cycleNumber);
  if (cycles.length === 0) {
    return <p className="nhsuk-body">No plan-do-study-act cycles have been logged yet.</p>;
  }
  return (
    <>
      {cycles.map((c) => (
        <div key={c.cycleNumber} className="nhsuk-card">
          <div className="nhsuk-card__content">
            <h3 className="nhsuk-card__heading">
              Cycle {c.cycleNumber}
              <span className="nhsuk-caption-m">{formatDate(c.cycleDate)}</span>
            </h3>
            <dl className="nhsuk-summary-list nhsuk-summary-list--no-last-row-border nhsuk-u-margin-bottom-0">
              {(
                [
                  ['Plan', c.plan],
                  ['Do', c.do],
                  ['Study', c.study],
                  ['Act', c.act],
                ] as const
              ).map(([key, value]) => (
                <div key={key} className="nhsuk-summary-list__row">
                  <dt className="nhsuk-summary-list__key">{key}</dt>
                  <dd className="nhsuk-summary-list__value app-pre-wrap">{value}</dd>
                </div>
              ))}
            </dl>
          </div>
        </div>
      ))}
    </>
  );
}

function History({ intervention }: { intervention: InterventionDetail }) {
  if (intervention.history.length === 0) return <p className="nhsuk-body">No history recorded.</p>;
  return (
    <ol className="app-timeline">
      {intervention.history.map((h) => (
        <li key={`${h.position}-${h.type}`} className="app-timeline__item">
          <p className="app-timeline__heading">{humanise(h.type.replace(/([a-z])([A-Z])/g, '$1 $2'))}</p>
          <p className="nhsuk-body nhsuk-u-margin-bottom-1">{h.summary}</p>
          <time className="app-timeline__time" dateTime={h.at}>
            {formatDateTime(h.at)}
          </time>
        </li>
      ))}
    </ol>
  );
}

/** `/interventions/:id`: what an intervention is, where it stands and what has happened to it. */
export function InterventionPage() {
  const { id = '' } = useParams();
  const location = useLocation();
  const state = location.state as { proposed?: boolean; adopted?: boolean } | null;
  const justProposed = state?.proposed === true || state?.adopted === true;
  const [params, setParams] = useSearchParams();
  const asOf = asOfParam(params);
  const { data, loading, error } = useQuery(INTERVENTION_PAGE_QUERY, { variables: { id, asOf } });
  const intervention = data?.intervention;
  usePageTitle(intervention ? intervention.title : loading ? 'Intervention' : error ? 'Intervention could not be loaded' : 'Intervention not found');

  if (loading && !intervention) return <Loading what="the intervention" />;
  if (error && !intervention) return <QueryError error={error} what="this intervention" />;
  if (!intervention) {
    return (
      <NotFoundPage heading="Intervention not found">
        {asOf ? (
          <p>
            Nothing was known about this intervention on {formatDate(asOf)}, or it is not shared with you.{' '}
            <Link to={`/interventions/${encodeURIComponent(id)}`}>Show what is known now</Link>
          </p>
        ) : (
          <p>The intervention does not exist, or it is not shared with you.</p>
        )}
      </NotFoundPage>
    );
  }
  const i = intervention;

  return (
    <>
      <Link className="nhsuk-back-link" to={`/trusts/${encodeURIComponent(i.trust.code)}`}>
        Back to {i.trust.name}
      </Link>

      {justProposed && (
        <div className="nhsuk-inset-text" role="status">
          <span className="nhsuk-u-visually-hidden">Information: </span>
          <p>{state?.adopted ? 'Your adoption has been proposed. It is linked to the intervention it came from.' : 'Your intervention has been proposed.'}</p>
        </div>
      )}

      <h1>
        <span className="nhsuk-caption-l">
          {i.trust.name}
          <span className="nhsuk-u-visually-hidden"> - </span>
        </span>
        {i.title}
      </h1>
      <p>
        <StatusTag status={i.status} />
      </p>

      <AsOfField id="intervention-as-of" asOf={asOf} onChange={(date) => setParams(date ? { asOf: date } : {})} />
      {asOf && <AsOfNotice asOf={asOf} nowTo={`/interventions/${encodeURIComponent(i.id)}`} />}

      <SummaryList
        rows={[
          {
            key: 'Trust',
            value: (
              <Link to={`/trusts/${encodeURIComponent(i.trust.code)}`}>
                {i.trust.name} ({i.trust.code})
              </Link>
            ),
          },
          { key: 'Category', value: label(CATEGORY_LABELS, i.category) },
          { key: 'Approach', value: label(APPROACH_LABELS, i.approach) },
          { key: 'Sharing', value: label(SHARING_SHORT_LABELS, i.sharing) },
        ]}
      />

      {/* Changes are made to the intervention as it is now, not to a past view of it. */}
      {!asOf && (
        <Suspense fallback={null}>
          <InterventionActions intervention={i} />
        </Suspense>
      )}

      <h2>Summary</h2>
      <Paragraphs text={i.summary} />

      <h2>Outcomes</h2>
      <Outcomes interventionId={i.id} asOf={asOf} />

      <SustainabilityPanel interventionId={i.id} trustCode={i.trust.code} />

      <h2>Root cause addressed</h2>
      {i.rootCause ? <Paragraphs text={i.rootCause} /> : <p className="nhsuk-body">Not recorded.</p>}

      <h2>Target metrics</h2>
      <Targets intervention={i} />

      <DriverDiagramPlacements interventionId={i.id} />

      <h2>Adoption</h2>
      <AdoptionLineage interventionId={i.id} title={i.title} trustName={i.trust.name} />

      <h2>Dates</h2>
      <SummaryList rows={dateRows(i)} />

      <h2>Plan-do-study-act cycles</h2>
      <PdsaCycles intervention={i} />

      <h2>Lessons</h2>
      <InterventionLessons interventionId={i.id} trustCode={i.trust.code} />

      <h2>Comments</h2>
      <InterventionComments interventionId={i.id} />

      <h2>History</h2>
      <History intervention={i} />
    </>
  );
}
