import { graphql } from '../__generated__';

const LINEAGE_NODE_FIELDS = graphql(`
  fragment LineageNodeFields on LineageNode {
    depth
    placeholder
    intervention {
      id
      title
      status
      trust {
        code
        name
      }
    }
  }
`);

/** Where an intervention came from and where it went: shown on the intervention page. */
export const INTERVENTION_ADOPTION_QUERY = graphql(`
  query InterventionAdoption($id: ID!) {
    intervention(id: $id) {
      id
      adaptations
      adoptedFrom {
        id
        title
        trust {
          code
          name
        }
      }
      adoptions {
        id
      }
      lineage {
        ancestors {
          ...LineageNodeFields
        }
        descendants {
          ...LineageNodeFields
        }
      }
    }
  }
`);

/** What the adopt form needs to know about the source. */
export const ADOPT_SOURCE_QUERY = graphql(`
  query AdoptSource($id: ID!) {
    intervention(id: $id) {
      id
      title
      category
      approach
      sharing
      trust {
        code
        name
      }
    }
  }
`);

export const ADOPT_INTERVENTION_MUTATION = graphql(`
  mutation AdoptIntervention($input: AdoptInterventionInput!) {
    adoptIntervention(input: $input) {
      position
      intervention {
        id
        title
      }
    }
  }
`);

export { LINEAGE_NODE_FIELDS };
