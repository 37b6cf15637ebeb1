import { useId, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { useMutation, useQuery } from '@apollo/client/react';
import { InterventionCategory, type MentorsQuery } from '../__generated__/graphql';
import { MENTORS_QUERY, REQUEST_MENTORSHIP_MUTATION } from '../graphql/mentorship';
import { METRICS_QUERY } from '../graphql/metrics';
import { VIEWER_QUERY } from '../graphql/viewer';
import { valuesOf } from '../lib/enums';
import { CATEGORY_LABELS, label } from '../lib/labels';
import { interpretMutationError } from '../lib/serverErrors';
import { ErrorMessage } from './ErrorSummary';
import { Loading, QueryError } from './QueryError';

type Match = MentorsQuery['mentors'][number];

const MAX_MESSAGE = 2000;

/**
 * "Mentors for this": mentors from other trusts, ranked by the data (their trust's sustained
 * record and its context distance to this trust), with why in plain English; editors of this
 * trust can ask one for mentorship.
 */
export function MentorsPanel({ code, name }: { code: string; name: string }) {
  const ids = useId();
  const [category, setCategory] = useState<InterventionCategory | ''>('');
  const [metric, setMetric] = useState('');
  const viewer = useQuery(VIEWER_QUERY).data?.viewer ?? null;
  const metrics = useQuery(METRICS_QUERY).data?.metrics ?? [];
  const { data, loading, error } = useQuery(MENTORS_QUERY, {
    variables: { trustCode: code, ...(category ? { category } : {}), ...(metric ? { metric } : {}) },
  });
  const mayRequest = !!viewer && ((viewer.role === 'TRUST_EDITOR' && viewer.trustCode === code) || viewer.role === 'ADMIN');

  return (
    <section aria-labelledby={`${ids}-title`} className="nhsuk-u-margin-bottom-6">
      <h2 id={`${ids}-title`}>Mentors for this trust</h2>
      <p>
        Leaders at other trusts who offer coaching, ranked by what the data shows: how many improvements their trust has sustained in the area you choose, and
        how close their trust&apos;s context is to {name}&apos;s. What mentors say about themselves does not change the order.
      </p>
      {!viewer ? (
        <p>
          <Link to="/sign-in">Sign in</Link> with an NHS account to see mentors.
        </p>
      ) : (
        <>
          <div className="nhsuk-grid-row">
            <div className="nhsuk-grid-column-one-half nhsuk-form-group">
              <label className="nhsuk-label" htmlFor={`${ids}-category`}>
                Area of improvement
              </label>
              <select
                className="nhsuk-select"
                id={`${ids}-category`}
                value={category}
                onChange={(e) => setCategory(e.target.value as InterventionCategory | '')}
              >
                <option value="">Any area</option>
                {valuesOf(InterventionCategory).map((c) => (
                  <option key={c} value={c}>
                    {label(CATEGORY_LABELS, c)}
                  </option>
                ))}
              </select>
            </div>
            <div className="nhsuk-grid-column-one-half nhsuk-form-group">
              <label className="nhsuk-label" htmlFor={`${ids}-metric`}>
                Measure
              </label>
              <select className="nhsuk-select" id={`${ids}-metric`} value={metric} onChange={(e) => setMetric(e.target.value)}>
                <option value="">Any measure</option>
                {metrics.map((m) => (
                  <option key={m.code} value={m.code}>
                    {m.name}
                  </option>
                ))}
              </select>
            </div>
          </div>
          {loading && !data ? <Loading what="mentors" /> : null}
          {error ? <QueryError error={error} what="mentors" /> : null}
          {data && data.mentors.length === 0 ? <p>No mentor with a place left offers coaching in this area yet.</p> : null}
          {data && data.mentors.length > 0 ? (
            <ol className="nhsuk-list" aria-label={`Mentors for ${name}, best match first`}>
              {data.mentors.map((match) => (
                <MentorCard key={match.offer.id} match={match} trustCode={code} mayRequest={mayRequest} />
              ))}
            </ol>
          ) : null}
          {viewer.role === 'TRUST_EDITOR' ? (
            <p>
              <Link to="/mentorships/offer">Offer mentorship yourself</Link> · <Link to="/mentorships">My mentorships</Link>
            </p>
          ) : null}
        </>
      )}
    </section>
  );
}

function MentorCard({ match, trustCode, mayRequest }: { match: Match; trustCode: string; mayRequest: boolean }) {
  const { offer } = match;
  const ids = useId();
  const [open, setOpen] = useState(false);
  const [message, setMessage] = useState('');
  const [fieldError, setFieldError] = useState<string | undefined>();
  const [problem, setProblem] = useState<string | undefined>();
  const [sent, setSent] = useState(false);
  const [request, { loading }] = useMutation(REQUEST_MENTORSHIP_MUTATION, { refetchQueries: ['Mentors', 'MyMentorships'] });

  async function submit(event: FormEvent) {
    event.preventDefault();
    setProblem(undefined);
    const text = message.trim();
    if (!text) return setFieldError('Enter a message to the mentor saying what you would like help with');
    if (text.length > MAX_MESSAGE) return setFieldError(`Your message must be ${MAX_MESSAGE} characters or fewer (it is ${text.length})`);
    setFieldError(undefined);
    try {
      await request({ variables: { input: { offerId: offer.id, trustCode, message: text } } });
      setSent(true);
    } catch (error) {
      const interpreted = interpretMutationError(error);
      const field = interpreted.fields.find((f) => f.path === 'message');
      if (field) setFieldError(`Your message ${field.message}`);
      setProblem([...interpreted.general, ...interpreted.fields.filter((f) => f.path !== 'message').map((f) => f.message)].join(' ') || undefined);
    }
  }

  return (
    <li className="nhsuk-card nhsuk-u-margin-bottom-3">
      <div className="nhsuk-card__content">
        <h3 className="nhsuk-card__heading nhsuk-heading-s">
          {offer.mentor.name}
          {offer.mentor.trust ? (
            <>
              , <Link to={`/trusts/${encodeURIComponent(offer.mentor.trust.code)}`}>{offer.mentor.trust.name}</Link>
            </>
          ) : null}
        </h3>
        <p className="nhsuk-body">
          <strong>Why this mentor:</strong> {match.explanation}
        </p>
        <p className="nhsuk-body-s">
          Coaches on {offer.categories.map((c) => label(CATEGORY_LABELS, c).toLowerCase()).join(', ')}
          {offer.metrics.length > 0 ? ` (${offer.metrics.join(', ')})` : ''}. {offer.available} of {offer.capacity} {offer.capacity === 1 ? 'place' : 'places'}{' '}
          left.
        </p>
        {offer.note ? <p className="nhsuk-body-s">“{offer.note}”</p> : null}
        {sent ? (
          <div className="nhsuk-inset-text">
            <p>
              Request sent. You can follow it in <Link to="/mentorships">My mentorships</Link>.
            </p>
          </div>
        ) : mayRequest && !open ? (
          <button type="button" className="nhsuk-button nhsuk-button--secondary nhsuk-u-margin-bottom-0" onClick={() => setOpen(true)}>
            Request mentorship
          </button>
        ) : null}
        {mayRequest && open && !sent ? (
          <form onSubmit={(e) => void submit(e)} noValidate>
            {problem ? (
              <div className="nhsuk-error-summary" role="alert" tabIndex={-1}>
                <h4 className="nhsuk-error-summary__title">There is a problem</h4>
                <div className="nhsuk-error-summary__body">
                  <p>{problem}</p>
                </div>
              </div>
            ) : null}
            <div className={`nhsuk-form-group${fieldError ? ' nhsuk-form-group--error' : ''}`}>
              <label className="nhsuk-label" htmlFor={`${ids}-message`}>
                Message to {offer.mentor.name}
              </label>
              <div className="nhsuk-hint" id={`${ids}-hint`}>
                Say what you would like help with. Only you, your trust&apos;s editors, the mentor and administrators can read it.
              </div>
              <ErrorMessage id={`${ids}-error`} message={fieldError} />
              <textarea
                className={`nhsuk-textarea${fieldError ? ' nhsuk-textarea--error' : ''}`}
                id={`${ids}-message`}
                rows={4}
                value={message}
                onChange={(e) => setMessage(e.target.value)}
                aria-describedby={`${ids}-hint${fieldError ? ` ${ids}-error` : ''}`}
              />
            </div>
            <button type="submit" className="nhsuk-button nhsuk-u-margin-bottom-0" disabled={loading}>
              Send request
            </button>
          </form>
        ) : null}
      </div>
    </li>
  );
}
