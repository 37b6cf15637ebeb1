import { lazy, Suspense, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useQuery } from '@apollo/client/react';
import { Region, TrustKind, TrustSource, type TrustFilter } from '../__generated__/graphql';
import { TRUST_LIST_PAGE_QUERY } from '../graphql/trusts';
import { enumValue, valuesOf } from '../lib/enums';
import { REGION_LABELS, TRUST_KIND_LABELS, TRUST_SOURCE_LABELS, TRUST_SOURCE_TAG_CLASSES, label } from '../lib/labels';
import { formatNumber } from '../lib/format';
import { countOf, pageCount, pageParam } from '../lib/paging';
import { usePageTitle } from '../lib/usePageTitle';
import { Loading, QueryError } from '../components/QueryError';

/** The live feed below the list loads after the list (its own chunk): the first download stays small. */
const ActivityFeed = lazy(() => import('../components/ActivityFeed').then((m) => ({ default: m.ActivityFeed })));
import { Pagination } from '../components/Pagination';

/** Trusts per page. */
export const TRUSTS_PER_PAGE = 25;

type FilterName = 'region' | 'kind' | 'source';

/**
 * `/`: every trust a page at a time, searchable by code or name and filterable by region, kind
 * and where the trust came from (demo or real, imported data). The address holds the filters
 * and the page (`?q=&region=&kind=&source=&page=`), so Back, Forward, reload and a shared link
 * all show the same list.
 */
export function TrustListPage() {
  const [params, setParams] = useSearchParams();
  const search = params.get('q') ?? '';
  const region = enumValue(Region, params.get('region'));
  const kind = enumValue(TrustKind, params.get('kind'));
  const source = enumValue(TrustSource, params.get('source'));
  const page = pageParam(params.get('page'));
  usePageTitle(page > 1 ? `Trusts (page ${page})` : 'Trusts');

  /** The address with some parameters changed; a new filter starts again at page 1. */
  const withParams = (changes: Partial<Record<FilterName | 'q' | 'page', string>>) => {
    const next = new URLSearchParams(params);
    for (const [name, value] of Object.entries(changes)) {
      if (value) next.set(name, value);
      else next.delete(name);
    }
    if (!('page' in changes)) next.delete('page');
    if (next.get('page') === '1') next.delete('page');
    return next;
  };
  // Typing replaces the entry (one per search, not per key); a filter or a page is a step Back undoes.
  const setSearch = (value: string) => setParams(withParams({ q: value }), { replace: true });
  const setFilterParam = (name: FilterName, value: string) => setParams(withParams({ [name]: value }));
  const pageHref = (n: number) => {
    const next = withParams({ page: String(n) });
    const query = next.toString();
    return query ? `/?${query}` : '/';
  };

  const filter: TrustFilter = {};
  const trimmed = search.trim();
  if (trimmed) filter.search = trimmed;
  if (region) filter.region = region;
  if (kind) filter.kind = kind;
  if (source) filter.source = source;

  const { data, previousData, loading, error } = useQuery(TRUST_LIST_PAGE_QUERY, {
    variables: { filter, first: TRUSTS_PER_PAGE, offset: (page - 1) * TRUSTS_PER_PAGE },
  });
  const connection = (data ?? previousData)?.trustConnection;
  const trusts = connection?.edges.map((e) => e.node);
  const total = connection?.totalCount ?? 0;
  const pages = pageCount(total, TRUSTS_PER_PAGE);
  const filtered = Boolean(trimmed || region || kind || source);
  const firstShown = (page - 1) * TRUSTS_PER_PAGE + 1;

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
        <div className="nhsuk-form-group">
          <label className="nhsuk-label" htmlFor="trust-source">
            Data
          </label>
          <div className="nhsuk-hint" id="trust-source-hint">
            Real trusts come from imported NHS data; demo trusts are generated examples
          </div>
          <select
            className="nhsuk-select"
            id="trust-source"
            name="source"
            aria-describedby="trust-source-hint"
            value={source ?? ''}
            onChange={(event) => setFilterParam('source', event.target.value)}
          >
            <option value="">Real and demo</option>
            {valuesOf(TrustSource).map((s) => (
              <option key={s} value={s}>
                {label(TRUST_SOURCE_LABELS, s)}
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
          <p className="nhsuk-body app-pagination-summary" role="status" aria-live="polite" aria-busy={loading}>
            {filtered ? `${countOf(total, 'trust matches', 'trusts match')} your search` : countOf(total, 'trust', 'trusts')}
            {trusts.length > 0 && pages > 1
              ? `. Showing ${formatNumber(firstShown)} to ${formatNumber(firstShown + trusts.length - 1)} (page ${page} of ${pages})`
              : ''}
            {loading ? ' (updating…)' : ''}
          </p>
          {error && <QueryError error={error} what="the latest results" />}
          {trusts.length === 0 ? (
            total > 0 ? (
              <p className="nhsuk-body">
                There is no page {page}. <Link to={pageHref(1)}>Go to the first page</Link>.
              </p>
            ) : (
              <p className="nhsuk-body">No trusts match. Check the spelling or the ODS code, or clear the region, kind and data filters.</p>
            )
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
                    <th scope="col" className="nhsuk-table__header">
                      Data
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
                      <td className="nhsuk-table__cell">
                        <strong className={`nhsuk-tag ${TRUST_SOURCE_TAG_CLASSES[trust.source] ?? 'nhsuk-tag--grey'}`}>
                          {label(TRUST_SOURCE_LABELS, trust.source)}
                        </strong>
                      </td>
                      <td className="nhsuk-table__cell nhsuk-table__cell--numeric">{formatNumber(trust.interventionCount)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <Pagination current={page} total={pages} href={pageHref} label="Pages of trusts" />
        </>
      )}
      <Suspense fallback={<Loading what="the latest activity" />}>
        <ActivityFeed />
      </Suspense>
    </>
  );
}
