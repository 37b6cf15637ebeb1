import { graphql } from '../__generated__';

export const LESSON_FRAGMENT = graphql(`
  fragment LessonFields on Lesson {
    id
    title
    body
    author {
      name
      role
      trustCode
      trust {
        code
        name
      }
    }
    intervention {
      id
      title
      status
      trust {
        code
        name
      }
    }
    trust {
      code
      name
    }
    sharing
    endorsements
    endorsedByMe
    createdAt
  }
`);

export const COMMENT_FRAGMENT = graphql(`
  fragment CommentFields on Comment {
    id
    body
    author {
      name
      role
      trustCode
      trust {
        code
        name
      }
    }
    createdAt
    mine
    moderation {
      reason
      hiddenBy
      hiddenAt
    }
  }
`);

export const INTERVENTION_LESSONS_QUERY = graphql(`
  query InterventionLessons($id: ID!) {
    intervention(id: $id) {
      id
      lessons {
        ...LessonFields
      }
    }
  }
`);

export const INTERVENTION_COMMENTS_QUERY = graphql(`
  query InterventionComments($id: ID!) {
    intervention(id: $id) {
      id
      comments {
        ...CommentFields
      }
    }
  }
`);

export const LESSONS_QUERY = graphql(`
  query Lessons($filter: LessonFilter, $first: Int, $after: String) {
    lessons(filter: $filter, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        cursor
        node {
          ...LessonFields
        }
      }
    }
  }
`);

export const SHARE_LESSON_MUTATION = graphql(`
  mutation ShareLesson($input: ShareLessonInput!) {
    shareLesson(input: $input) {
      position
      lesson {
        ...LessonFields
      }
    }
  }
`);

export const ENDORSE_LESSON_MUTATION = graphql(`
  mutation EndorseLesson($lessonId: ID!) {
    endorseLesson(input: { lessonId: $lessonId }) {
      position
      lesson {
        ...LessonFields
      }
    }
  }
`);

export const COMMENT_ON_INTERVENTION_MUTATION = graphql(`
  mutation CommentOnIntervention($input: CommentOnInterventionInput!) {
    commentOnIntervention(input: $input) {
      position
      comment {
        ...CommentFields
      }
    }
  }
`);

export const RETRACT_COMMENT_MUTATION = graphql(`
  mutation RetractComment($commentId: ID!) {
    retractComment(input: { commentId: $commentId }) {
      position
      commentId
    }
  }
`);

export const HIDE_COMMENT_MUTATION = graphql(`
  mutation HideComment($commentId: ID!, $reason: String!) {
    hideComment(input: { commentId: $commentId, reason: $reason }) {
      position
      comment {
        ...CommentFields
      }
    }
  }
`);
