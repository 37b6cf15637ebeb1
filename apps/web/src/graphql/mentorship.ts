import { graphql } from '../__generated__';

export const MENTORSHIP_OFFER_FRAGMENT = graphql(`
  fragment MentorshipOfferFields on MentorshipOffer {
    id
    mentor {
      name
      trustCode
      trust {
        code
        name
      }
    }
    categories
    metrics
    capacity
    available
    note
    open
  }
`);

export const MENTORS_QUERY = graphql(`
  query Mentors($trustCode: ID!, $category: InterventionCategory, $metric: String) {
    mentors(trustCode: $trustCode, category: $category, metric: $metric) {
      offer {
        ...MentorshipOfferFields
      }
      distance
      sustainedCount
      score
      explanation
    }
  }
`);

export const MY_MENTORSHIPS_QUERY = graphql(`
  query MyMentorships {
    viewer {
      id
      role
      trustCode
    }
    myMentorshipOffers {
      ...MentorshipOfferFields
    }
    mentorships {
      id
      status
      message
      trustCode
      trust {
        code
        name
      }
      requester {
        name
      }
      offer {
        ...MentorshipOfferFields
      }
      createdAt
    }
  }
`);

export const OFFER_MENTORSHIP_MUTATION = graphql(`
  mutation OfferMentorship($input: OfferMentorshipInput!) {
    offerMentorship(input: $input) {
      position
      offer {
        ...MentorshipOfferFields
      }
    }
  }
`);

export const WITHDRAW_MENTORSHIP_OFFER_MUTATION = graphql(`
  mutation WithdrawMentorshipOffer($offerId: ID!) {
    withdrawMentorshipOffer(input: { offerId: $offerId }) {
      position
      offer {
        ...MentorshipOfferFields
      }
    }
  }
`);

export const REQUEST_MENTORSHIP_MUTATION = graphql(`
  mutation RequestMentorship($input: RequestMentorshipInput!) {
    requestMentorship(input: $input) {
      position
      mentorship {
        id
        status
      }
    }
  }
`);

export const RESPOND_TO_MENTORSHIP_MUTATION = graphql(`
  mutation RespondToMentorship($mentorshipId: ID!, $accept: Boolean!) {
    respondToMentorship(input: { mentorshipId: $mentorshipId, accept: $accept }) {
      position
      mentorship {
        id
        status
      }
    }
  }
`);

export const END_MENTORSHIP_MUTATION = graphql(`
  mutation EndMentorship($mentorshipId: ID!) {
    endMentorship(input: { mentorshipId: $mentorshipId }) {
      position
      mentorship {
        id
        status
      }
    }
  }
`);
