import { Link } from 'react-router';
import { useQuery } from '@apollo/client/react';
import { PROGRAMMES_QUERY } from '../../graphql/programmes';
import { VIEWER_QUERY } from '../../graphql/viewer';
import { CATEGORY_LABELS, label } from '../../lib/labels';
import { usePageTitle } from '../../lib/usePageTitle';
import { Loading, QueryError } from '../../components/QueryError';

/** `/programmes`: the collaboratives in which trusts improve the same thing together. */
export function ProgrammesPage() {
  usePageTitle('Programmes');
  const viewer = useQuery(VIEWER_QUERY).data?.viewer ?? null;
  const { data, loading, error } = useQuery(PROGRAMMES_QUERY);
  const mayCreate = viewer?.role === 'POLICYMAKER' || viewer?.role === 'ADMIN';
  return (
    <>
      <h1>Improvement programmes</h1>
      <p className="nhsuk-lede-text">
        Collaboratives in which several trusts improve the same thing together, judged, like everything in Longview, by whether the improvement lasts.
      </p>
      {mayCreate ? (
        <p>
          <Link className="nhsuk-button nhsuk-button--secondary" to="/programmes/new">
            Create a programme
          </Link>
        </p>
      ) : null}
      {loading && !data ? <Loading what="the programmes" /> : null}
      {error && !data ? <QueryError error={error} what="the programmes" /> : null}
      {data && data.programmes.length === 0 ? <p>There are no programmes yet.</p> : null}
      {data && data.programmes.length > 0 ? (
        <ul className="nhsuk-list">
          {data.programmes.map((p) => (
            <li key={p.id} className="nhsuk-card nhsuk-card--clickable">
              <div className="nhsuk-card__content">
                <h2 className="nhsuk-card__heading nhsuk-heading-m">
                  <Link className="nhsuk-card__link" to={`/programmes/${encodeURIComponent(p.id)}`}>
                    {p.name}
                  </Link>
                </h2>
                <p className="nhsuk-card__description">{p.aim}</p>
                <p className="nhsuk-body-s nhsuk-u-margin-bottom-0">
                  {label(CATEGORY_LABELS, p.category)} · {p.memberCount} {p.memberCount === 1 ? 'member trust' : 'member trusts'} · {p.interventionCount}{' '}
                  {p.interventionCount === 1 ? 'intervention' : 'interventions'}
                </p>
              </div>
            </li>
          ))}
        </ul>
      ) : null}
    </>
  );
}
