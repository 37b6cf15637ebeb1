import { Link } from 'react-router';
import { useQuery } from '@apollo/client/react';
import type { TrustPeersQuery } from '../__generated__/graphql';
import { TRUST_PEERS_QUERY } from '../graphql/trusts';
import { REGION_LABELS, TRUST_KIND_LABELS, label } from '../lib/labels';
import { formatFixed } from '../lib/format';

type PeerContributionData = NonNullable<TrustPeersQuery['trust']>['peers'][number]['contributions'][number];

/** A standardised difference (peer minus this trust) in words, or null when it is small. */
function differenceInWords(c: PeerContributionData): string | null {
  const d = c.difference;
  if (d === null) return null;
  switch (c.feature) {
    case 'kind':
      return d === 0 ? null : 'a different kind of trust';
    case 'region':
      return d === 0 ? null : 'a different region';
    default:
      break;
  }
  if (Math.abs(d) < 0.25) return null;
  const much = Math.abs(d) >= 1 ? 'much ' : '';
  const more = d > 0;
  switch (c.feature) {
    case 'beds':
      return more ? `${much}larger (more beds)` : `${much}smaller (fewer beds)`;
    case 'baselinePerformance':
      return more ? `${much}higher recent performance` : `${much}lower recent performance`;
    case 'deprivation':
      return more ? `${much}more deprived catchment` : `${much}less deprived catchment`;
    case 'oversightSegment':
      return more ? 'more oversight support needed' : 'less oversight support needed';
    default:
      return `${more ? 'higher' : 'lower'} ${c.feature}`;
  }
}

const ALIKE_WORDS: Record<string, string> = {
  kind: 'same kind',
  region: 'same region',
  beds: 'similar size',
  baselinePerformance: 'similar recent performance',
  deprivation: 'similar deprivation',
  oversightSegment: 'same oversight segment',
};

/** How this peer differs, biggest contributions to the distance first, and what it shares. */
function explain(contributions: readonly PeerContributionData[]): { differs: string[]; alike: string[] } {
  const ranked = [...contributions].map((c) => ({ c, share: c.weight * (c.difference ?? 0) ** 2 })).sort((a, b) => b.share - a.share);
  const differs = ranked
    .map(({ c }) => differenceInWords(c))
    .filter((w): w is string => w !== null)
    .slice(0, 2);
  const alike = contributions
    .filter((c) => c.difference !== null && differenceInWords(c) === null && c.weight > 0)
    .sort((a, b) => b.weight - a.weight)
    .map((c) => ALIKE_WORDS[c.feature] ?? `similar ${c.feature}`)
    .slice(0, 3);
  return { differs, alike };
}

function sentence(words: string[]): string {
  if (words.length === 0) return '';
  const text = words.length === 1 ? words[0]! : `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** "Trusts like this one": nearest neighbours on context, with why in words. */
export function Peers({ code, name }: { code: string; name: string }) {
  const { data, loading, error } = useQuery(TRUST_PEERS_QUERY, { variables: { code, limit: 5 } });
  const peers = data?.trust?.peers;
  if (loading && !peers) return <p className="nhsuk-body">Finding similar trusts…</p>;
  if (error || !peers) return <p className="nhsuk-body">Similar trusts could not be found just now.</p>;
  if (peers.length === 0) return <p className="nhsuk-body">There are no other trusts to compare {name} with yet.</p>;
  return (
    <>
      <p className="nhsuk-body">
        The trusts most like {name} in kind, region, size, recent performance, deprivation and oversight segment. A smaller distance means more alike; kind of
        trust counts most.
      </p>
      <ol className="app-peers">
        {peers.map((p) => {
          const { differs, alike } = explain(p.contributions);
          return (
            <li key={p.trust.code} className="app-peers__item">
              <Link to={`/trusts/${encodeURIComponent(p.trust.code)}`}>{p.trust.name}</Link>{' '}
              <span className="app-secondary-text">
                ({p.trust.code}, {label(TRUST_KIND_LABELS, p.trust.kind).toLowerCase()}, {label(REGION_LABELS, p.trust.region)})
              </span>
              <span className="nhsuk-body-s nhsuk-u-display-block nhsuk-u-margin-bottom-0">
                Distance {formatFixed(p.distance, 2)}.{alike.length > 0 && ` ${sentence(alike)}.`}
                {differs.length > 0 ? ` Differs most in: ${differs.join('; ')}.` : ' No notable differences.'}
              </span>
            </li>
          );
        })}
      </ol>
    </>
  );
}
