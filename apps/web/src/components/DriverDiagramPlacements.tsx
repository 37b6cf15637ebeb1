import { Link } from 'react-router';
import { useQuery } from '@apollo/client/react';
import { INTERVENTION_PLACEMENTS_QUERY } from '../graphql/driverDiagrams';

/**
 * "Where this sits in the driver diagram": for each diagram the viewer may see that links the
 * intervention, the aim, primary and secondary drivers and the change idea it tests. Nothing is
 * shown when it sits in none the viewer may see.
 */
export function DriverDiagramPlacements({ interventionId }: { interventionId: string }) {
  const { data } = useQuery(INTERVENTION_PLACEMENTS_QUERY, { variables: { id: interventionId }, fetchPolicy: 'cache-and-network' });
  const placements = data?.intervention?.driverDiagramPlacements ?? [];
  if (placements.length === 0) return null;
  return (
    <section aria-labelledby="driver-diagram-placements-heading" data-testid="driver-diagram-placements">
      <h2 id="driver-diagram-placements-heading">Where this sits in the driver diagram</h2>
      {placements.map((p, index) => (
        <dl className="nhsuk-summary-list" key={`${p.driverDiagram.id}-${index}`}>
          <div className="nhsuk-summary-list__row">
            <dt className="nhsuk-summary-list__key">Aim</dt>
            <dd className="nhsuk-summary-list__value">
              <Link to={`/trusts/${encodeURIComponent(p.driverDiagram.trustCode)}#driver-diagrams-heading`}>{p.driverDiagram.aim}</Link>
            </dd>
          </div>
          <div className="nhsuk-summary-list__row">
            <dt className="nhsuk-summary-list__key">Primary driver</dt>
            <dd className="nhsuk-summary-list__value">{p.primaryDriver}</dd>
          </div>
          <div className="nhsuk-summary-list__row">
            <dt className="nhsuk-summary-list__key">Secondary driver</dt>
            <dd className="nhsuk-summary-list__value">{p.secondaryDriver}</dd>
          </div>
          <div className="nhsuk-summary-list__row">
            <dt className="nhsuk-summary-list__key">Change idea it tests</dt>
            <dd className="nhsuk-summary-list__value">{p.changeIdea}</dd>
          </div>
        </dl>
      ))}
    </section>
  );
}
