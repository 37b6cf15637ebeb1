import { graphql } from '../__generated__';

export const DRIVER_DIAGRAM_FRAGMENT = graphql(`
  fragment DriverDiagramFields on DriverDiagram {
    id
    trustCode
    aim
    measure
    measureMetric {
      code
      name
    }
    sharing
    revision
    definedAt
    updatedAt
    primaryDrivers {
      text
      secondaryDrivers {
        text
        changeIdeas {
          text
          interventions {
            id
            title
            status
          }
        }
      }
    }
    revisions {
      revision
      aim
      sharing
      note
      at
      by {
        name
      }
    }
  }
`);

export const TRUST_DRIVER_DIAGRAMS_QUERY = graphql(`
  query TrustDriverDiagrams($code: ID!) {
    trust(code: $code) {
      code
      name
      driverDiagrams {
        ...DriverDiagramFields
      }
    }
  }
`);

export const DRIVER_DIAGRAM_QUERY = graphql(`
  query DriverDiagram($id: ID!) {
    driverDiagram(id: $id) {
      ...DriverDiagramFields
    }
  }
`);

export const INTERVENTION_PLACEMENTS_QUERY = graphql(`
  query InterventionDriverDiagramPlacements($id: ID!) {
    intervention(id: $id) {
      id
      driverDiagramPlacements {
        driverDiagram {
          id
          aim
          trustCode
        }
        primaryDriver
        secondaryDriver
        changeIdea
      }
    }
  }
`);

export const DEFINE_DRIVER_DIAGRAM_MUTATION = graphql(`
  mutation DefineDriverDiagram($input: DefineDriverDiagramInput!) {
    defineDriverDiagram(input: $input) {
      position
      driverDiagram {
        ...DriverDiagramFields
      }
    }
  }
`);

export const REVISE_DRIVER_DIAGRAM_MUTATION = graphql(`
  mutation ReviseDriverDiagram($input: ReviseDriverDiagramInput!) {
    reviseDriverDiagram(input: $input) {
      position
      driverDiagram {
        ...DriverDiagramFields
      }
    }
  }
`);
