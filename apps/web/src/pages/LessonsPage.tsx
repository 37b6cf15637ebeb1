import { useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router';
import { useQuery } from '@apollo/client/react';
import { InterventionCategory, type LessonFilter } from '../__generated__/graphql';
import { LESSONS_QUERY } from '../graphql/lessons';
import { METRICS_QUERY } from '../graphql/metrics';
import { VIEWER_QUERY } from '../graphql/viewer';
import { enumValue, valuesOf } from '../lib/enums';
import { CATEGORY_LABELS, label } from '../lib/labels';
import { usePageTitle } from '../lib/usePageTitle';
import { Loading, QueryError } from '../components/QueryError';
import { LessonCard } from '../components/LessonCard';

const PAGE_SIZE = 10;

/** The filter the address asks for (unknown categories are ignored). */
function filterOf(params: URLSearchParams): LessonFilter {
  const filter: LessonFilter = {};
  const category = enumValue(InterventionCategory, params.get('category'));
  if (category) filter.category = category;
  const metric = params.get('metric')?.trim();
  if (metric) filter.metric = metric;
  const trustCode = params.get('trust')?.trim().toUpperCase();
  if (trustCode) filter.trustCode = trustCode;
  const search = params.get('q')?.trim();
  if (search) filter.search = search;
  return filter;
}

/** `/lessons`: the lessons library, what trusts learned from interventions that lasted and ones that did not. */
export function LessonsPage() {
  usePageTitle('Lessons');
  const [params, setParams] = useSearchParams();
  const catalogue = useQuery(METRICS_QUERY).data?.metrics ?? [];
  const [draft, setDraft] = useState(() => ({
    category: params.get('category') ?? '',
    metric: params.get('metric') ?? '',
    trust: params.get('trust') ?? '',
    q: params.get('q') ?? '',
  }));
  const filter = filterOf(params);
  const filterKey = JSON.stringify(filter);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const next = new URLSearchParams();
    for (const [key, value] of Object.entries(draft)) if (value.trim()) next.set(key, value.trim());
    setParams(next);
  }

  return (
    <>
      <h1>Lessons from improvement work</h1>
      <p className="nhsuk-lede-text">
        What trusts learned from their interventions, shared so others need not learn it the hard way. What did not last is as useful to others as what did.
      </p>
      <form className="app-filters nhsuk-u-margin-bottom-6" role="search" aria-label="Filter lessons" onSubmit={submit} noValidate>
        <div className="nhsuk-form-group">
          <label className="nhsuk-label" htmlFor="lessons-search">
            Search lessons
          </label>
          <div className="nhsuk-hint" id="lessons-search-hint">
            Words in the title or text
          </div>
          <input
            className="nhsuk-input nhsuk-input--width-20"
            id="lessons-search"
            name="q"
            type="search"
            autoComplete="off"
            aria-describedby="lessons-search-hint"
            value={draft.q}
            onChange={(e) => setDraft({ ...draft, q: e.target.value })}
          />
        </div>
        <div className="nhsuk-form-group">
          <label className="nhsuk-label" htmlFor="lessons-category">
            Category
          </label>
          <select
            className="nhsuk-select"
            id="lessons-category"
            name="category"
            value={draft.category}
            onChange={(e) => setDraft({ ...draft, category: e.target.value })}
          >
            <option value="">All categories</option>
            {valuesOf(InterventionCategory).map((c) => (
              <option key={c} value={c}>
                {label(CATEGORY_LABELS, c)}
              </option>
            ))}
          </select>
        </div>
        <div className="nhsuk-form-group">
          <label className="nhsuk-label" htmlFor="lessons-metric">
            Measure
          </label>
          <select
            className="nhsuk-select"
            id="lessons-metric"
            name="metric"
            value={draft.metric}
            onChange={(e) => setDraft({ ...draft, metric: e.target.value })}
          >
            <option value="">All measures</option>
            {catalogue.map((m) => (
              <option key={m.code} value={m.code}>
                {m.name}
              </option>
            ))}
          </select>
        </div>
        <div className="nhsuk-form-group">
          <label className="nhsuk-label" htmlFor="lessons-trust">
            Trust code
          </label>
          <div className="nhsuk-hint" id="lessons-trust-hint">
            For example, RJ1
          </div>
          <input
            className="nhsuk-input nhsuk-input--width-5"
            id="lessons-trust"
            name="trust"
            type="text"
            autoComplete="off"
            spellCheck={false}
            aria-describedby="lessons-trust-hint"
            value={draft.trust}
            onChange={(e) => setDraft({ ...draft, trust: e.target.value })}
          />
        </div>
        <div className="nhsuk-form-group">
          <button className="nhsuk-button nhsuk-u-margin-bottom-0" type="submit">
            Show lessons
          </button>
        </div>
      </form>
      <LessonResults key={filterKey} filter={filter} />
    </>
  );
}

/** The matching lessons, one page at a time: each "More lessons" adds the page after the last one shown. */
function LessonResults({ filter }: { filter: LessonFilter }) {
  const [afters, setAfters] = useState<(string | null)[]>([null]);
  const first = useQuery(LESSONS_QUERY, { variables: { filter, first: PAGE_SIZE } });
  const total = first.data?.lessons.totalCount;
  if (first.loading && !first.data) return <Loading what="the lessons" />;
  if (first.error && !first.data) return <QueryError error={first.error} what="the lessons" />;
  return (
    <>
      <p className="nhsuk-body" role="status">
        {total === 0 ? 'No lessons match.' : total === 1 ? '1 lesson matches.' : `${total ?? 0} lessons match.`}
      </p>
      {afters.map((after, index) => (
        <LessonPage
          key={after ?? 'first'}
          filter={filter}
          after={after}
          isLast={index === afters.length - 1}
          onMore={(cursor) => setAfters((list) => (list.includes(cursor) ? list : [...list, cursor]))}
        />
      ))}
    </>
  );
}

function LessonPage({ filter, after, isLast, onMore }: { filter: LessonFilter; after: string | null; isLast: boolean; onMore: (cursor: string) => void }) {
  const viewer = useQuery(VIEWER_QUERY).data?.viewer ?? null;
  const { data, loading, error } = useQuery(LESSONS_QUERY, { variables: { filter, first: PAGE_SIZE, ...(after ? { after } : {}) } });
  if (loading && !data) return <Loading what="more lessons" />;
  if (error && !data) return <QueryError error={error} what="more lessons" />;
  const connection = data?.lessons;
  if (!connection) return null;
  const next = connection.pageInfo.hasNextPage ? connection.pageInfo.endCursor : null;
  return (
    <>
      {connection.edges.map((edge) => (
        <LessonCard key={edge.node.id} lesson={edge.node} viewer={viewer} showIntervention headingLevel={2} />
      ))}
      {isLast && next && (
        <button type="button" className="nhsuk-button nhsuk-button--secondary" onClick={() => onMore(next)}>
          More lessons
        </button>
      )}
    </>
  );
}
