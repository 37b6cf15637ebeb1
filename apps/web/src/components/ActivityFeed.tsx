import { useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import { useQuery, useSubscription } from '@apollo/client/react';
import type { ActivityFieldsFragment } from '../__generated__/graphql';
import { ACTIVITY_SUBSCRIPTION, RECENT_ACTIVITY_QUERY } from '../graphql/trusts';
import { restartLiveConnection } from '../apollo';
import { formatDateTime } from '../lib/format';
import { useSession } from '../session/session';

/** How many rows the feed keeps on screen. */
const SHOWN = 10;

/**
 * "What is happening now": the latest activity the viewer may see, newest first, updated without a
 * reload over the live subscription (which catches up from the last row shown, so nothing is
 * missed or shown twice). New rows are announced politely to screen readers.
 */
export function ActivityFeed() {
  const { token } = useSession();
  // Signing in or out changes what may be seen: reconnect as the new viewer and start again.
  const previous = useRef(token);
  useEffect(() => {
    if (previous.current === token) return;
    previous.current = token;
    restartLiveConnection();
  }, [token]);
  return <LiveActivity key={token ?? 'public'} />;
}

function LiveActivity() {
  const { data, loading, error } = useQuery(RECENT_ACTIVITY_QUERY, { variables: { first: SHOWN } });
  const [live, setLive] = useState<ActivityFieldsFragment[]>([]);
  const initial = data?.recentActivity;
  const since = initial ? Math.max(0, ...initial.map((row) => row.position)) : undefined;

  useSubscription(ACTIVITY_SUBSCRIPTION, {
    variables: { since: since ?? 0 },
    skip: since === undefined,
    onData: ({ data: message }) => {
      const row = message.data?.activity;
      if (!row) return;
      setLive((rows) => (rows.some((r) => r.position === row.position) ? rows : [row, ...rows].slice(0, SHOWN)));
    },
  });

  const seen = new Set<number>();
  const rows = [...live, ...(initial ?? [])].filter((row) => (seen.has(row.position) ? false : (seen.add(row.position), true))).slice(0, SHOWN);

  return (
    <section className="app-activity" aria-labelledby="activity-heading">
      <h2 id="activity-heading">Latest activity</h2>
      <p className="nhsuk-body-s">
        New interventions, starts, completions, adoptions and changed verdicts as they happen, from the trusts whose work you may see.
      </p>
      {error ? (
        <p className="nhsuk-body">The latest activity could not be loaded. Try again later.</p>
      ) : loading && !initial ? (
        <p className="nhsuk-body">Loading the latest activity…</p>
      ) : (
        <div aria-live="polite" aria-relevant="additions">
          {rows.length === 0 ? (
            <p className="nhsuk-body">Nothing has happened yet.</p>
          ) : (
            <ul className="nhsuk-list nhsuk-list--border">
              {rows.map((row) => (
                <li key={row.position}>
                  <Link to={`/interventions/${row.interventionId}`}>{row.summary}</Link>
                  <br />
                  <span className="nhsuk-body-s">
                    {row.trustName} · {formatDateTime(row.occurredAt)}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </section>
  );
}
