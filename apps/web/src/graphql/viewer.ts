import { graphql } from '../__generated__';

/** Who is signed in (null when signed out): the header asks on every page. */
export const VIEWER_QUERY = graphql(`
  query Viewer {
    viewer {
      id
      name
      role
      trustCode
      trust {
        code
        name
      }
    }
  }
`);
