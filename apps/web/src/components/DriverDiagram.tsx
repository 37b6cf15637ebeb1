import { useId, type ReactNode } from 'react';
import { Link } from 'react-router';
import { useQuery } from '@apollo/client/react';
import type { DriverDiagramFieldsFragment } from '../__generated__/graphql';
import { TRUST_DRIVER_DIAGRAMS_QUERY } from '../graphql/driverDiagrams';
import { formatDate, formatDateTime } from '../lib/format';
import { SHARING_LABELS, label } from '../lib/labels';
import { Loading, QueryError } from './QueryError';

type Diagram = DriverDiagramFieldsFragment;
type Primary = Diagram['primaryDrivers'][number];
type Secondary = Primary['secondaryDrivers'][number];
type Idea = Secondary['changeIdeas'][number];

const interventionHref = (id: string) => `/interventions/${encodeURIComponent(id)}`;

function Node({ kind, children }: { kind: 'aim' | 'primary' | 'secondary' | 'idea' | 'intervention'; children: ReactNode }) {
  const names = { aim: 'Aim', primary: 'Primary driver', secondary: 'Secondary driver', idea: 'Change idea', intervention: 'Tested by' } as const;
  return (
    <div className={`app-dd-node app-dd-node--${kind}`}>
      <span className="app-dd-node__kind">{names[kind]}</span>
      <span className="app-dd-node__text">{children}</span>
    </div>
  );
}

function IdeaBranch({ idea }: { idea: Idea }) {
  return (
    <li className="app-dd-branch">
      <Node kind="idea">{idea.text}</Node>
      <ul className="app-dd-children">
        {idea.interventions.length === 0 ? (
          <li className="app-dd-branch">
            <div className="app-dd-node app-dd-node--untested">Not tested by an intervention yet</div>
          </li>
        ) : (
          idea.interventions.map((i) => (
            <li className="app-dd-branch" key={i.id}>
              <Node kind="intervention">
                <Link to={interventionHref(i.id)}>{i.title}</Link>
              </Node>
            </li>
          ))
        )}
      </ul>
    </li>
  );
}

function SecondaryBranch({ secondary }: { secondary: Secondary }) {
  return (
    <li className="app-dd-branch">
      <Node kind="secondary">{secondary.text}</Node>
      {secondary.changeIdeas.length > 0 && (
        <ul className="app-dd-children">
          {secondary.changeIdeas.map((idea, index) => (
            <IdeaBranch key={index} idea={idea} />
          ))}
        </ul>
      )}
    </li>
  );
}

/**
 * The diagram drawn as a left-to-right tree: aim, then its primary drivers, their secondary
 * drivers, their change ideas and the interventions that test them, each level a column. It is a
 * nested list, so it reads in order without the drawing; the region scrolls sideways (and takes
 * the keyboard) when the tree is wider than the page, and below 40em it becomes an indented,
 * stacked tree (see app.css).
 */
export function DriverDiagramTree({ diagram }: { diagram: Diagram }) {
  const labelId = useId();
  return (
    <div className="app-dd-scroll" role="region" aria-labelledby={labelId} tabIndex={0}>
      <span id={labelId} className="nhsuk-u-visually-hidden">
        Driver diagram drawn as a tree: {diagram.aim}
      </span>
      <ul className="app-dd-tree" data-testid="driver-diagram-tree">
        <li className="app-dd-branch">
          <Node kind="aim">
            {diagram.aim}
            {diagram.measureMetric && <span className="app-dd-node__measure">Measure: {diagram.measureMetric.name}</span>}
          </Node>
          <ul className="app-dd-children">
            {diagram.primaryDrivers.map((primary, p) => (
              <li className="app-dd-branch" key={p}>
                <Node kind="primary">{primary.text}</Node>
                {primary.secondaryDrivers.length > 0 && (
                  <ul className="app-dd-children">
                    {primary.secondaryDrivers.map((secondary, s) => (
                      <SecondaryBranch key={s} secondary={secondary} />
                    ))}
                  </ul>
                )}
              </li>
            ))}
          </ul>
        </li>
      </ul>
    </div>
  );
}

/** The same diagram as a plain nested list: the text view. */
export function DriverDiagramText({ diagram }: { diagram: Diagram }) {
  return (
    <div data-testid="driver-diagram-text">
      <p>
        <strong>Aim:</strong> {diagram.aim}
        {diagram.measureMetric && <> (measured by {diagram.measureMetric.name})</>}
      </p>
      <ul>
        {diagram.primaryDrivers.map((primary, p) => (
          <li key={p}>
            Primary driver: {primary.text}
            {primary.secondaryDrivers.length > 0 && (
              <ul>
                {primary.secondaryDrivers.map((secondary, s) => (
                  <li key={s}>
                    Secondary driver: {secondary.text}
                    {secondary.changeIdeas.length > 0 && (
                      <ul>
                        {secondary.changeIdeas.map((idea, c) => (
                          <li key={c}>
                            Change idea: {idea.text}
                            {idea.interventions.length === 0 ? (
                              ' (not tested by an intervention yet)'
                            ) : (
                              <ul>
                                {idea.interventions.map((i) => (
                                  <li key={i.id}>
                                    Tested by <Link to={interventionHref(i.id)}>{i.title}</Link>
                                  </li>
                                ))}
                              </ul>
                            )}
                          </li>
                        ))}
                      </ul>
                    )}
                  </li>
                ))}
              </ul>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** One diagram: heading, the tree, the text view and the history (and a revise link for its editors). */
export function DriverDiagramCard({ diagram, reviseHref }: { diagram: Diagram; reviseHref?: string }) {
  const headingId = useId();
  return (
    <section className="nhsuk-card app-dd-card" aria-labelledby={headingId} data-driver-diagram={diagram.id}>
      <div className="nhsuk-card__content">
        <h3 className="nhsuk-card__heading" id={headingId}>
          {diagram.aim}
        </h3>
        <p className="nhsuk-body-s">
          {label(SHARING_LABELS, diagram.sharing)} ·{' '}
          {diagram.revision === 1 ? `Defined ${formatDate(diagram.definedAt)}` : `Revision ${diagram.revision}, ${formatDate(diagram.updatedAt)}`}
        </p>
        <DriverDiagramTree diagram={diagram} />
        <details className="nhsuk-details">
          <summary className="nhsuk-details__summary">
            <span className="nhsuk-details__summary-text">
              Text view<span className="nhsuk-u-visually-hidden"> of the driver diagram: {diagram.aim}</span>
            </span>
          </summary>
          <div className="nhsuk-details__text">
            <DriverDiagramText diagram={diagram} />
          </div>
        </details>
        {diagram.revisions.length > 1 && (
          <details className="nhsuk-details">
            <summary className="nhsuk-details__summary">
              <span className="nhsuk-details__summary-text">
                History ({diagram.revisions.length} versions)<span className="nhsuk-u-visually-hidden"> of the driver diagram: {diagram.aim}</span>
              </span>
            </summary>
            <div className="nhsuk-details__text">
              <ol>
                {diagram.revisions.map((r) => (
                  <li key={r.revision}>
                    {r.revision === 1 ? 'Defined' : 'Revised'} {formatDateTime(r.at)} by {r.by.name}: “{r.aim}” ({label(SHARING_LABELS, r.sharing)})
                    {r.note && <> — {r.note}</>}
                  </li>
                ))}
              </ol>
            </div>
          </details>
        )}
        {reviseHref && (
          <p className="nhsuk-u-margin-bottom-0">
            <Link to={reviseHref}>
              Revise this driver diagram<span className="nhsuk-u-visually-hidden">: {diagram.aim}</span>
            </Link>
          </p>
        )}
      </div>
    </section>
  );
}

/**
 * The "Driver diagrams" section of a trust page or the workspace: the trust's diagrams the viewer
 * may see. In the workspace (`defineHref`, `reviseHref`) it offers defining and revising one.
 */
export function DriverDiagramsSection({
  trustCode,
  defineHref,
  reviseHref,
  headingLevel = 2,
}: {
  trustCode: string;
  defineHref?: string;
  reviseHref?: (id: string) => string;
  headingLevel?: 2 | 3;
}) {
  const { data, loading, error } = useQuery(TRUST_DRIVER_DIAGRAMS_QUERY, { variables: { code: trustCode }, fetchPolicy: 'cache-and-network' });
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const diagrams = data?.trust?.driverDiagrams ?? [];
  return (
    <section aria-labelledby="driver-diagrams-heading" data-testid="driver-diagrams">
      <Heading id="driver-diagrams-heading">Driver diagrams</Heading>
      <p className="nhsuk-body-s">The trust’s improvement aims, what drives them, and the change ideas its interventions test (the Model for Improvement).</p>
      {loading && !data ? (
        <Loading what="the driver diagrams" />
      ) : error && !data ? (
        <QueryError error={error} what="the driver diagrams" />
      ) : diagrams.length === 0 ? (
        <p>No driver diagrams {defineHref ? 'yet' : 'that you can see'}.</p>
      ) : (
        diagrams.map((d) => <DriverDiagramCard key={d.id} diagram={d} {...(reviseHref ? { reviseHref: reviseHref(d.id) } : {})} />)
      )}
      {defineHref && (
        <p>
          <Link className="nhsuk-button nhsuk-button--secondary" to={defineHref}>
            Define a driver diagram
          </Link>
        </p>
      )}
    </section>
  );
}
