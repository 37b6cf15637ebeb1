import { useEffect, useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useQuery } from '@apollo/client/react';
import { Region, TrustKind, type TrustFilter } from '../__generated__/graphql';
import { TRUST_LIST_QUERY } from '../graphql/trusts';
import { enumValue, valuesOf } from '../lib/enums';
import { REGION_LABELS, TRUST_KIND_LABELS, label } from '../lib/labels';
import { formatNumber } from '../lib/format';
import { usePageTitle } from '../lib/usePageTitle';
import { Loading, QueryError } from '../components/QueryError';
import { ActivityFeed } from '../components/ActivityFeed';

/** `/`: every trust, searchable by code or name and filterable by region and kind. */
export function TrustListPage() {
  usePageTitle('Trusts');
  const [params, setParams] = useSearchParams();
  const region = enumValue(Region, params.get('region'));
  const kind = enumValue(TrustKind, params.get('kind'));
  const [search, setSearch] = useState(params.get('q') ?? '');

  // Keep the address in step with the filters so results can be bookmarked and Back works.
  useEffect(() => {
    const current = params.get('q') ?? '';
    if (current === search) return;
    const next = new URLSearchParams(params);
    if (search) next.set('q', search);
    else next.delete('q');
    setParams(next, { replace: true });
  }, [search, params, setParams]);

  const setFilterParam = (name: 'region' | 'kind', value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    setParams(next, { replace: true });
  };

  const filter: TrustFilter = {};
  const trimmed = search.trim();
  if (trimmed) filter.search = trimmed;
  if (region) filter.region = region;
  if (kind) filter.kind = kind;

  const { data, previousData, loading, error } = useQuery(TRUST_LIST_QUERY, { variables: { filter } });
  const trusts = (data ?? previousData)?.trusts;
  const filtered = Boolean(trimmed || region || kind);

  const onSubmit = (event: FormEvent) => event.preventDefault();

  return (
    <>
      <h1>Trusts</h1>
      <p className="nhsuk-lede-text">Find an NHS trust to see its context, its improvement interventions and how its outcomes have changed over time.</p>

      <form className="app-filters" role="search" aria-label="Filter trusts" onSubmit={onSubmit} noValidate>
        <div className="nhsuk-form-group">
          <label className="nhsuk-label" htmlFor="trust-search">
            Search trusts
          </label>
          <div className="nhsuk-hint" id="trust-search-hint">
            By name or ODS code, for example RJ1
          </div>
          <input
            className="nhsuk-input nhsuk-input--width-20"
            id="trust-search"
            name="q"
            type="search"
            autoComplete="off"
            spellCheck={false}
            aria-describedby="trust-search-hint"
            value={search}
            onChange={(event) => setSearch(event.target.value)}
          />
        </div>
        <div className="nhsuk-form-group">
          <label className="nhsuk-label" htmlFor="trust-region">
            Region
          </label>
          <select
            className="nhsuk-select"
            id="trust-region"
            name="region"
            value={region ?? ''}
            onChange={(event) => setFilterParam('region', event.target.value)}
          >
            <option value="">All regions</option>
            {valuesOf(Region).map((r) => (
              <option key={r} value={r}>
                {label(REGION_LABELS, r)}
              </option>
            ))}
          </select>
        </div>
        <div className="nhsuk-form-group">
          <label className="nhsuk-label" htmlFor="trust-kind">
            Kind of trust
          </label>
          <select className="nhsuk-select" id="trust-kind" name="kind" value={kind ?? ''} onChange={(event) => setFilterParam('kind', event.target.value)}>
            <option value="">All kinds</option>
            {valuesOf(TrustKind).map((k) => (
              <option key={k} value={k}>
                {label(TRUST_KIND_LABELS, k)}
              </option>
            ))}
          </select>
        </div>
      </form>

      {error && !trusts ? (
        <QueryError error={error} what="the list of trusts" />
      ) : !trusts ? (
        <Loading what="trusts" />
      ) : (
        <>
          <p className="nhsuk-body" role="status" aria-live="polite" aria-busy={loading}>
            {trusts.length === 1 ? '1 trust' : `${formatNumber(trusts.length)} trusts`}
            {filtered ? ' match your search' : ''}
            {loading ? ' (updating…)' : ''}
          </p>
          {error && <QueryError error={error} what="the latest results" />}
          {trusts.length === 0 ? (
            <p className="nhsuk-body">No trusts match. Check the spelling or the ODS code, or clear the region and kind filters.</p>
          ) : (
            <div className="app-table-wrapper">
              <table className="nhsuk-table">
                <caption className="nhsuk-table__caption nhsuk-u-visually-hidden">Trusts</caption>
                <thead className="nhsuk-table__head">
                  <tr>
                    <th scope="col" className="nhsuk-table__header">
                      Name
                    </th>
                    <th scope="col" className="nhsuk-table__header">
                      Code
                    </th>
                    <th scope="col" className="nhsuk-table__header">
                      Kind
                    </th>
                    <th scope="col" className="nhsuk-table__header">
                      Region
                    </th>
                    <th scope="col" className="nhsuk-table__header nhsuk-table__header--numeric">
                      Interventions
                    </th>
                  </tr>
                </thead>
                <tbody className="nhsuk-table__body">
                  {trusts.map((trust) => (
                    <tr key={trust.code} className="nhsuk-table__row">
                      <td className="nhsuk-table__cell">
                        <Link to={`/trusts/${encodeURIComponent(trust.code)}`}>{trust.name}</Link>
                      </td>
                      <td className="nhsuk-table__cell">{trust.code}</td>
                      <td className="nhsuk-table__cell">{label(TRUST_KIND_LABELS, trust.kind)}</td>
                      <td className="nhsuk-table__cell">{label(REGION_LABELS, trust.region)}</td>
                      <td className="nhsuk-table__cell nhsuk-table__cell--numeric">{formatNumber(trust.interventionCount)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
      <ActivityFeed />
    </>
  );
}
