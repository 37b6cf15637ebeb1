import { useState } from 'react';
import { Link } from 'react-router';
import { useMutation, useQuery } from '@apollo/client/react';
import type { MyMentorshipsQuery } from '../__generated__/graphql';
import { END_MENTORSHIP_MUTATION, MY_MENTORSHIPS_QUERY, RESPOND_TO_MENTORSHIP_MUTATION, WITHDRAW_MENTORSHIP_OFFER_MUTATION } from '../graphql/mentorship';
import { CATEGORY_LABELS, label } from '../lib/labels';
import { formatDate } from '../lib/format';
import { interpretMutationError } from '../lib/serverErrors';
import { usePageTitle } from '../lib/usePageTitle';
import { Loading, QueryError } from '../components/QueryError';

type MentorshipData = MyMentorshipsQuery['mentorships'][number];

const STATUS_TEXT: Record<MentorshipData['status'], { text: string; tag: string }> = {
  REQUESTED: { text: 'Waiting for an answer', tag: 'nhsuk-tag--yellow' },
  ACCEPTED: { text: 'Running', tag: 'nhsuk-tag--green' },
  DECLINED: { text: 'Declined', tag: 'nhsuk-tag--grey' },
  ENDED: { text: 'Ended', tag: 'nhsuk-tag--grey' },
};

/** `/mentorships`: the requests and mentorships the signed-in person is a party to, and their own offers. */
export function MentorshipsPage() {
  usePageTitle('My mentorships');
  const { data, loading, error } = useQuery(MY_MENTORSHIPS_QUERY);
  const [problem, setProblem] = useState<string | null>(null);
  const refetch = { refetchQueries: ['MyMentorships', 'Mentors'] };
  const [respond] = useMutation(RESPOND_TO_MENTORSHIP_MUTATION, refetch);
  const [end] = useMutation(END_MENTORSHIP_MUTATION, refetch);
  const [withdraw] = useMutation(WITHDRAW_MENTORSHIP_OFFER_MUTATION, refetch);

  if (loading && !data) return <Loading what="your mentorships" />;
  if (error) return <QueryError error={error} what="your mentorships" />;
  const viewer = data?.viewer ?? null;
  if (!viewer) {
    return (
      <>
        <h1>My mentorships</h1>
        <p>
          <Link to="/sign-in">Sign in</Link> to see the mentorships you are part of.
        </p>
      </>
    );
  }

  const act = async (run: () => Promise<unknown>) => {
    setProblem(null);
    try {
      await run();
    } catch (e) {
      setProblem(interpretMutationError(e).general.join(' ') || 'Something went wrong. Try again.');
    }
  };
  const mentorships = data?.mentorships ?? [];
  const offers = data?.myMentorshipOffers ?? [];
  const asMentor = mentorships.filter((m) => offers.some((o) => o.id === m.offer.id));
  const asked = mentorships.filter((m) => !asMentor.includes(m));

  const actions = (m: MentorshipData, mentor: boolean) => (
    <div className="nhsuk-button-group">
      {mentor && m.status === 'REQUESTED' ? (
        <>
          <button
            type="button"
            className="nhsuk-button nhsuk-u-margin-bottom-0"
            onClick={() => void act(() => respond({ variables: { mentorshipId: m.id, accept: true } }))}
          >
            Accept
          </button>
          <button
            type="button"
            className="nhsuk-button nhsuk-button--secondary nhsuk-u-margin-bottom-0"
            onClick={() => void act(() => respond({ variables: { mentorshipId: m.id, accept: false } }))}
          >
            Decline
          </button>
        </>
      ) : null}
      {m.status === 'ACCEPTED' || (!mentor && m.status === 'REQUESTED') ? (
        <button
          type="button"
          className="nhsuk-button nhsuk-button--secondary nhsuk-u-margin-bottom-0"
          onClick={() => void act(() => end({ variables: { mentorshipId: m.id } }))}
        >
          {m.status === 'REQUESTED' ? 'Cancel request' : 'End mentorship'}
        </button>
      ) : null}
    </div>
  );

  const card = (m: MentorshipData, mentor: boolean) => (
    <li key={m.id} className="nhsuk-card nhsuk-u-margin-bottom-3">
      <div className="nhsuk-card__content">
        <h3 className="nhsuk-card__heading nhsuk-heading-s">
          {mentor ? (
            <>
              {m.requester.name} for <Link to={`/trusts/${encodeURIComponent(m.trustCode)}`}>{m.trust?.name ?? m.trustCode}</Link>
            </>
          ) : (
            <>
              With {m.offer.mentor.name}
              {m.offer.mentor.trust ? `, ${m.offer.mentor.trust.name}` : ''}
            </>
          )}{' '}
          <strong className={`nhsuk-tag ${STATUS_TEXT[m.status].tag}`}>{STATUS_TEXT[m.status].text}</strong>
        </h3>
        <p className="nhsuk-body-s">Asked on {formatDate(m.createdAt.slice(0, 10))}</p>
        <p className="nhsuk-body">{m.message}</p>
        {actions(m, mentor)}
      </div>
    </li>
  );

  return (
    <>
      <h1>My mentorships</h1>
      {problem ? (
        <div className="nhsuk-error-summary" role="alert" tabIndex={-1}>
          <h2 className="nhsuk-error-summary__title">There is a problem</h2>
          <div className="nhsuk-error-summary__body">
            <p>{problem}</p>
          </div>
        </div>
      ) : null}
      <h2>Requests to you as a mentor</h2>
      {asMentor.length === 0 ? <p>No one has asked you yet.</p> : <ul className="nhsuk-list">{asMentor.map((m) => card(m, true))}</ul>}
      <h2>Mentorships you asked for</h2>
      {asked.length === 0 ? (
        <p>You have not asked for mentorship. Find a mentor on your trust&apos;s page.</p>
      ) : (
        <ul className="nhsuk-list">{asked.map((m) => card(m, false))}</ul>
      )}
      {viewer.role === 'TRUST_EDITOR' ? (
        <>
          <h2>Your offers</h2>
          {offers.length === 0 ? <p>You have not offered mentorship.</p> : null}
          <ul className="nhsuk-list">
            {offers.map((o) => (
              <li key={o.id} className="nhsuk-u-margin-bottom-3">
                {o.categories.map((c) => label(CATEGORY_LABELS, c)).join(', ')}: {o.open ? `${o.available} of ${o.capacity} places left` : 'withdrawn'}{' '}
                {o.open ? (
                  <button
                    type="button"
                    className="nhsuk-button nhsuk-button--secondary nhsuk-u-margin-bottom-0"
                    onClick={() => void act(() => withdraw({ variables: { offerId: o.id } }))}
                  >
                    Withdraw offer
                  </button>
                ) : null}
              </li>
            ))}
          </ul>
          <p>
            <Link to="/mentorships/offer">Offer mentorship</Link>
          </p>
        </>
      ) : null}
    </>
  );
}
