import { Link, useParams } from 'react-router';
import { useQuery } from '@apollo/client/react';
import type { ProgrammeQuery } from '../../__generated__/graphql';
import { PROGRAMME_QUERY } from '../../graphql/programmes';
import { METRICS_QUERY } from '../../graphql/metrics';
import { VIEWER_QUERY } from '../../graphql/viewer';
import { CATEGORY_LABELS, label } from '../../lib/labels';
import { formatDate, formatDifference, formatShare } from '../../lib/format';
import { verdictMeaning } from '../../lib/spc';
import { usePageTitle } from '../../lib/usePageTitle';
import { Loading, QueryError } from '../../components/QueryError';
import { Portfolio } from '../../components/Portfolio';
import { StatusTag } from '../../components/StatusTag';
import { SummaryList } from '../../components/SummaryList';
import { NotFoundPage } from '../NotFoundPage';
import { AppointCoordinatorForm, JoinProgrammeForm, LinkInterventionForm } from './ProgrammeForms';

type Programme = NonNullable<ProgrammeQuery['programme']>;

/** `/programmes/:id`: a collaborative's members, their interventions and verdicts, the pooled evidence, progress and timeline. */
export function ProgrammePage() {
  const { id = '' } = useParams();
  const { data, loading, error } = useQuery(PROGRAMME_QUERY, { variables: { id } });
  const programme = data?.programme ?? null;
  usePageTitle(programme?.name ?? 'Programme');
  if (loading && !data) return <Loading what="the programme" />;
  if (error && !data) return <QueryError error={error} what="the programme" />;
  if (!programme) {
    return (
      <NotFoundPage heading="Programme not found">
        <p>
          There is no programme with this address. See <Link to="/programmes">all programmes</Link>.
        </p>
      </NotFoundPage>
    );
  }
  return <ProgrammeView programme={programme} />;
}

function ProgrammeView({ programme }: { programme: Programme }) {
  const viewer = useQuery(VIEWER_QUERY).data?.viewer ?? null;
  const metric = useQuery(METRICS_QUERY).data?.metrics.find((m) => m.code === programme.metric);
  const memberCodes = programme.members.map((m) => m.code);
  const isMemberEditor = viewer?.role === 'TRUST_EDITOR' && !!viewer.trustCode && memberCodes.includes(viewer.trustCode);
  const mayJoin = viewer?.role === 'TRUST_EDITOR' && !!viewer.trustCode && !memberCodes.includes(viewer.trustCode);
  const mayAppoint = programme.coordinatedByMe || viewer?.role === 'ADMIN';
  const linkable = programme.coordinatedByMe || viewer?.role === 'ADMIN' ? memberCodes : isMemberEditor && viewer?.trustCode ? [viewer.trustCode] : [];
  const { evidence } = programme;
  return (
    <>
      <span className="nhsuk-caption-l">Improvement programme</span>
      <h1>{programme.name}</h1>
      <p className="nhsuk-lede-text app-pre-wrap">{programme.aim}</p>
      <SummaryList
        rows={[
          { key: 'Category', value: label(CATEGORY_LABELS, programme.category) },
          { key: 'Outcome measure', value: metric?.name ?? programme.metric },
          { key: 'Coordinated by', value: programme.coordinators.map((c) => c.name).join(', ') },
          { key: 'Set up', value: formatDate(programme.createdAt) },
        ]}
      />
      {mayAppoint ? <AppointCoordinatorForm programmeId={programme.id} coordinatorIds={programme.coordinators.map((c) => c.id)} /> : null}
      {viewer && !mayAppoint ? (
        <p className="nhsuk-body-s">
          Your sign-in id is <code>{viewer.id}</code>: a coordinator needs it to appoint you as a coordinator of this programme.
        </p>
      ) : null}

      <section aria-labelledby="evidence-heading" className="nhsuk-u-margin-bottom-6">
        <h2 id="evidence-heading">Does it work, and does it last?</h2>
        {evidence.k === 0 ? (
          <p>No linked intervention you can see has enough {metric?.name ?? programme.metric} data before and after its start to pool yet.</p>
        ) : (
          <div className="nhsuk-card">
            <div className="nhsuk-card__content">
              <p className="nhsuk-body-l nhsuk-u-margin-bottom-2">
                Pooled effect: <strong>{formatDifference(evidence.pooledEffect, metric?.unit)}</strong>
                {evidence.ciLow !== null && evidence.ciLow !== undefined && evidence.ciHigh !== null && evidence.ciHigh !== undefined
                  ? ` (95% confidence interval ${formatDifference(evidence.ciLow, metric?.unit)} to ${formatDifference(evidence.ciHigh, metric?.unit)})`
                  : ''}
              </p>
              <p>
                Over {evidence.k} {evidence.k === 1 ? 'intervention' : 'interventions'} of member trusts. Positive is an improvement. Sustained share:{' '}
                <strong>{formatShare(evidence.sustainedShare)}</strong> of those the data can judge.
              </p>
              <p className="nhsuk-body-s nhsuk-u-margin-bottom-0">Method: {evidence.method.description}</p>
            </div>
          </div>
        )}
      </section>

      <section aria-labelledby="members-heading" className="nhsuk-u-margin-bottom-6">
        <h2 id="members-heading">Member trusts</h2>
        {programme.members.length === 0 ? (
          <p>No trust has joined yet.</p>
        ) : (
          <div className="app-table-wrapper" tabIndex={0} role="region" aria-label="Member trusts, table">
            <table className="nhsuk-table">
              <caption className="nhsuk-u-visually-hidden">Member trusts, when they joined and how many of their interventions are linked</caption>
              <thead className="nhsuk-table__head">
                <tr>
                  <th scope="col">Trust</th>
                  <th scope="col">Joined</th>
                  <th scope="col" className="nhsuk-table__header--numeric">
                    Interventions
                  </th>
                </tr>
              </thead>
              <tbody className="nhsuk-table__body">
                {programme.members.map((m) => (
                  <tr key={m.code}>
                    <td>
                      <Link to={`/trusts/${encodeURIComponent(m.code)}`}>{m.name}</Link>
                    </td>
                    <td>{formatDate(m.joinedAt)}</td>
                    <td className="nhsuk-table__cell--numeric">{m.interventionCount}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {mayJoin && viewer?.trustCode ? (
          <JoinProgrammeForm programmeId={programme.id} trustCode={viewer.trustCode} trustName={viewer.trust?.name ?? viewer.trustCode} />
        ) : null}
      </section>

      <section aria-labelledby="interventions-heading" className="nhsuk-u-margin-bottom-6">
        <h2 id="interventions-heading">Interventions</h2>
        {programme.interventions.length === 0 ? (
          <p>No intervention you can see is linked yet.</p>
        ) : (
          <ul className="nhsuk-list">
            {programme.interventions.map((i) => {
              const verdict = i.verdict ? verdictMeaning(i.verdict) : null;
              return (
                <li key={i.id} className="nhsuk-u-margin-bottom-3">
                  <Link to={`/interventions/${encodeURIComponent(i.id)}`}>{i.title}</Link>
                  <br />
                  <span className="nhsuk-body-s">
                    {i.trustName} · <StatusTag status={i.status} /> {i.startedOn ? `· started ${formatDate(i.startedOn)} ` : ''}
                    {verdict ? (
                      <>
                        · verdict <strong className={`nhsuk-tag ${verdict.tag}`}>{verdict.label}</strong>
                      </>
                    ) : (
                      '· no verdict until it starts'
                    )}
                  </span>
                </li>
              );
            })}
          </ul>
        )}
        {linkable.length > 0 ? (
          <LinkInterventionForm programmeId={programme.id} trustCodes={linkable} linked={programme.interventions.map((i) => i.id)} />
        ) : null}
      </section>

      <Portfolio portfolio={programme.portfolio} idPrefix="programme-portfolio" />

      <section aria-labelledby="timeline-heading" className="nhsuk-u-margin-bottom-6">
        <h2 id="timeline-heading">Timeline</h2>
        <ol className="app-timeline">
          {programme.timeline.map((e, index) => (
            <li className="app-timeline__item" key={`${e.date}-${e.type}-${index}`}>
              <p className="app-timeline__heading nhsuk-u-margin-bottom-1">{e.summary}</p>
              <p className="app-timeline__time nhsuk-u-margin-bottom-0">{formatDate(e.date)}</p>
            </li>
          ))}
        </ol>
      </section>
    </>
  );
}
