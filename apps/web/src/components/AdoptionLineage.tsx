import { Link } from 'react-router';
import { useQuery } from '@apollo/client/react';
import type { LineageNodeFieldsFragment } from '../__generated__/graphql';
import { INTERVENTION_ADOPTION_QUERY } from '../graphql/adoption';
import { VIEWER_QUERY } from '../graphql/viewer';
import { StatusTag } from './StatusTag';

/** Who may adopt: a trust editor (for their own trust) or an admin (for any); never a visitor. */
function canAdopt(role: string | undefined): boolean {
  return role === 'TRUST_EDITOR' || role === 'ADMIN';
}

function NodeLabel({ node }: { node: LineageNodeFieldsFragment }) {
  const i = node.intervention;
  if (!i) return <span className="app-lineage__hidden">{node.placeholder ?? 'An intervention at another trust'}</span>;
  return (
    <>
      <Link to={`/interventions/${encodeURIComponent(i.id)}`}>{i.title}</Link>
      <span className="nhsuk-body-s"> at {i.trust.name}</span> <StatusTag status={i.status} />
    </>
  );
}

/**
 * The adoption tree around an intervention, as a small indented graph: its ancestors from the
 * original down, itself, then its adoptions depth first. Nodes the viewer may not see are named
 * only as "an intervention at another trust".
 */
export function AdoptionLineage({ interventionId, title, trustName }: { interventionId: string; title: string; trustName: string }) {
  const { data, loading, error } = useQuery(INTERVENTION_ADOPTION_QUERY, { variables: { id: interventionId } });
  const viewer = useQuery(VIEWER_QUERY).data?.viewer ?? null;
  const adoptLink = canAdopt(viewer?.role) ? (
    <p>
      <Link className="nhsuk-button nhsuk-button--secondary" to={`/interventions/${encodeURIComponent(interventionId)}/adopt`}>
        Adopt this intervention at {viewer?.role === 'TRUST_EDITOR' ? (viewer.trust?.name ?? 'your trust') : 'a trust'}
      </Link>
    </p>
  ) : (
    <p className="nhsuk-body-s">Trust editors can adopt this intervention for their own trust, saying what they changed to fit it.</p>
  );
  if (loading && !data) return <p className="nhsuk-body">Loading where this intervention came from and where it spread…</p>;
  const i = data?.intervention;
  if (error || !i) return adoptLink;

  const ancestors = [...i.lineage.ancestors].sort((a, b) => b.depth - a.depth);
  const descendants = i.lineage.descendants;
  const hasTree = ancestors.length > 0 || descendants.length > 0;

  return (
    <>
      {i.adoptedFrom ? (
        <p className="nhsuk-body">
          Adopted from <Link to={`/interventions/${encodeURIComponent(i.adoptedFrom.id)}`}>{i.adoptedFrom.title}</Link> at {i.adoptedFrom.trust.name}.
        </p>
      ) : ancestors.length > 0 ? (
        <p className="nhsuk-body">Adopted from an intervention at another trust that is not shared with you.</p>
      ) : null}
      {i.adaptations && (
        <div className="nhsuk-inset-text">
          <span className="nhsuk-u-visually-hidden">What was adapted: </span>
          <p className="app-pre-wrap">
            <strong>What was adapted to the local context:</strong> {i.adaptations}
          </p>
        </div>
      )}
      {hasTree ? (
        <figure className="app-lineage" aria-label="Adoption lineage">
          <ol className="app-lineage__list">
            {ancestors.map((node, index) => (
              <li key={`a-${index}`} className="app-lineage__node" style={{ marginLeft: `${(ancestors.length - node.depth) * 1.5}rem` }}>
                <NodeLabel node={node} />
              </li>
            ))}
            <li className="app-lineage__node app-lineage__node--current" style={{ marginLeft: `${ancestors.length * 1.5}rem` }}>
              <strong>{title} (this intervention)</strong>
              <span className="nhsuk-body-s"> at {trustName}</span>
            </li>
            {descendants.map((node, index) => (
              <li key={`d-${index}`} className="app-lineage__node" style={{ marginLeft: `${(ancestors.length + node.depth) * 1.5}rem` }}>
                <NodeLabel node={node} />
              </li>
            ))}
          </ol>
          <figcaption className="nhsuk-body-s">
            {i.adoptions.length === 0
              ? 'No trust has adopted this intervention yet, as far as you can see.'
              : `Adopted directly by ${i.adoptions.length} ${i.adoptions.length === 1 ? 'trust' : 'trusts'} you can see; indented entries were adopted from the one above them.`}
          </figcaption>
        </figure>
      ) : (
        <p className="nhsuk-body">No trust has adopted this intervention yet, as far as you can see.</p>
      )}
      {adoptLink}
    </>
  );
}
