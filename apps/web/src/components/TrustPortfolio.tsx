import { Link } from 'react-router';
import { useQuery } from '@apollo/client/react';
import { TRUST_PORTFOLIO_QUERY } from '../graphql/programmes';
import { Loading, QueryError } from './QueryError';
import { Portfolio } from './Portfolio';

/** A trust's progress at a glance and the programmes it belongs to (workspace and trust pages). */
export function TrustPortfolio({ trustCode }: { trustCode: string }) {
  const { data, loading, error } = useQuery(TRUST_PORTFOLIO_QUERY, { variables: { code: trustCode } });
  if (loading && !data) return <Loading what="progress at a glance" />;
  if (error && !data) return <QueryError error={error} what="progress at a glance" />;
  const trust = data?.trust;
  if (!trust) return null;
  return (
    <>
      <Portfolio portfolio={trust.portfolio} idPrefix="trust-portfolio" />
      <h2>Programmes</h2>
      {trust.programmes.length === 0 ? (
        <p>
          {trust.name} is not in any programme. <Link to="/programmes">See the programmes</Link> it could join.
        </p>
      ) : (
        <ul className="nhsuk-list nhsuk-list--bullet">
          {trust.programmes.map((p) => (
            <li key={p.id}>
              <Link to={`/programmes/${encodeURIComponent(p.id)}`}>{p.name}</Link>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
