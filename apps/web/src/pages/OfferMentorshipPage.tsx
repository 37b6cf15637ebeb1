import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { useMutation, useQuery } from '@apollo/client/react';
import { InterventionCategory } from '../__generated__/graphql';
import { OFFER_MENTORSHIP_MUTATION } from '../graphql/mentorship';
import { METRICS_QUERY } from '../graphql/metrics';
import { VIEWER_QUERY } from '../graphql/viewer';
import { valuesOf } from '../lib/enums';
import { CATEGORY_LABELS, label } from '../lib/labels';
import { interpretMutationError } from '../lib/serverErrors';
import { usePageTitle } from '../lib/usePageTitle';
import { ErrorMessage, ErrorSummary, type ErrorSummaryItem } from '../components/ErrorSummary';

type Errors = Record<string, string>;

const MAX_NOTE = 2000;

/** Checks before sending, in the order the fields appear. */
export function validateOffer(draft: { categories: readonly string[]; capacity: string; note: string }): Errors {
  const errors: Errors = {};
  if (draft.categories.length === 0) errors.categories = 'Select at least one area you can coach on';
  const capacity = draft.capacity.trim();
  if (!capacity) errors.capacity = 'Enter how many trusts you can mentor at a time';
  else if (!/^\d+$/.test(capacity) || Number(capacity) < 1 || Number(capacity) > 20) errors.capacity = 'Enter a whole number of trusts from 1 to 20';
  if (draft.note.trim().length > MAX_NOTE) errors.note = `Your note must be ${MAX_NOTE} characters or fewer`;
  return errors;
}

/** `/mentorships/offer`: a trust editor offers coaching, as themselves at their trust. */
export function OfferMentorshipPage() {
  usePageTitle('Offer mentorship');
  const viewer = useQuery(VIEWER_QUERY).data?.viewer ?? null;
  const metrics = useQuery(METRICS_QUERY).data?.metrics ?? [];
  const [categories, setCategories] = useState<InterventionCategory[]>([]);
  const [chosenMetrics, setChosenMetrics] = useState<string[]>([]);
  const [capacity, setCapacity] = useState('1');
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [general, setGeneral] = useState<string[]>([]);
  const [attempt, setAttempt] = useState(0);
  const [done, setDone] = useState(false);
  const summaryRef = useRef<HTMLDivElement>(null);
  const [offer, { loading }] = useMutation(OFFER_MENTORSHIP_MUTATION, { refetchQueries: ['MyMentorships', 'Mentors'] });

  useEffect(() => {
    if (attempt > 0 && summaryRef.current) summaryRef.current.focus();
  }, [attempt]);

  if (!viewer || viewer.role !== 'TRUST_EDITOR') {
    return (
      <>
        <h1>Offer mentorship</h1>
        <p>Only trust editors can offer mentorship, as a person at their own trust.</p>
        {!viewer ? (
          <p>
            <Link to="/sign-in">Sign in</Link> as a trust editor to offer mentorship.
          </p>
        ) : null}
      </>
    );
  }

  if (done) {
    return (
      <>
        <div className="nhsuk-panel">
          <h1 className="nhsuk-panel__title">Your offer is published</h1>
          <div className="nhsuk-panel__body">Trusts looking for a mentor can now find it.</div>
        </div>
        <p>
          <Link to="/mentorships">Go to my mentorships</Link>
        </p>
      </>
    );
  }

  const toggle = <T extends string>(list: T[], value: T): T[] => (list.includes(value) ? list.filter((v) => v !== value) : [...list, value]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const found = validateOffer({ categories, capacity, note });
    setErrors(found);
    setGeneral([]);
    if (Object.keys(found).length > 0) {
      setAttempt((a) => a + 1);
      return;
    }
    try {
      await offer({
        variables: {
          input: { categories, metrics: chosenMetrics, capacity: Number(capacity.trim()), ...(note.trim() ? { note: note.trim() } : {}) },
        },
      });
      setDone(true);
    } catch (error) {
      const interpreted = interpretMutationError(error);
      const byField: Errors = {};
      for (const f of interpreted.fields) byField[f.path.split('.')[0] ?? f.path] = `${humanField(f.path)} ${f.message}`;
      setErrors(byField);
      setGeneral(interpreted.general);
      setAttempt((a) => a + 1);
    }
  }

  const summary: ErrorSummaryItem[] = [
    ...general.map((text) => ({ text })),
    ...['categories', 'metrics', 'capacity', 'note']
      .filter((k) => errors[k])
      .map((k) => ({ text: errors[k] as string, targetId: k === 'categories' ? 'category-0' : k })),
  ];

  return (
    <>
      <ErrorSummary ref={summaryRef} items={summary} />
      <h1>Offer mentorship</h1>
      <p>
        You offer coaching as yourself, {viewer.name}, at {viewer.trust?.name ?? viewer.trustCode}. Trusts that ask are matched to you by your trust&apos;s
        sustained record and how alike your contexts are.
      </p>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <div className={`nhsuk-form-group${errors.categories ? ' nhsuk-form-group--error' : ''}`}>
          <fieldset className="nhsuk-fieldset" aria-describedby="categories-hint">
            <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--m">Which areas can you coach on?</legend>
            <div className="nhsuk-hint" id="categories-hint">
              Select all that apply.
            </div>
            <ErrorMessage id="categories-error" message={errors.categories} />
            <div className="nhsuk-checkboxes">
              {valuesOf(InterventionCategory).map((c, i) => (
                <div className="nhsuk-checkboxes__item" key={c}>
                  <input
                    className="nhsuk-checkboxes__input"
                    id={`category-${i}`}
                    type="checkbox"
                    checked={categories.includes(c)}
                    onChange={() => setCategories((list) => toggle(list, c))}
                  />
                  <label className="nhsuk-label nhsuk-checkboxes__label" htmlFor={`category-${i}`}>
                    {label(CATEGORY_LABELS, c)}
                  </label>
                </div>
              ))}
            </div>
          </fieldset>
        </div>

        <div className={`nhsuk-form-group${errors.metrics ? ' nhsuk-form-group--error' : ''}`}>
          <fieldset className="nhsuk-fieldset" aria-describedby="metrics-hint">
            <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">Which measures? (optional)</legend>
            <div className="nhsuk-hint" id="metrics-hint">
              Leave all unticked to coach on any measure in the areas above.
            </div>
            <ErrorMessage id="metrics-error" message={errors.metrics} />
            <div className="nhsuk-checkboxes nhsuk-checkboxes--small" id="metrics">
              {metrics.map((m, i) => (
                <div className="nhsuk-checkboxes__item" key={m.code}>
                  <input
                    className="nhsuk-checkboxes__input"
                    id={`metric-${i}`}
                    type="checkbox"
                    checked={chosenMetrics.includes(m.code)}
                    onChange={() => setChosenMetrics((list) => toggle(list, m.code))}
                  />
                  <label className="nhsuk-label nhsuk-checkboxes__label" htmlFor={`metric-${i}`}>
                    {m.name}
                  </label>
                </div>
              ))}
            </div>
          </fieldset>
        </div>

        <div className={`nhsuk-form-group${errors.capacity ? ' nhsuk-form-group--error' : ''}`}>
          <label className="nhsuk-label nhsuk-label--s" htmlFor="capacity">
            How many trusts can you mentor at a time?
          </label>
          <div className="nhsuk-hint" id="capacity-hint">
            From 1 to 20. Requests are not accepted once this many mentorships are running.
          </div>
          <ErrorMessage id="capacity-error" message={errors.capacity} />
          <input
            className={`nhsuk-input nhsuk-input--width-2${errors.capacity ? ' nhsuk-input--error' : ''}`}
            id="capacity"
            inputMode="numeric"
            value={capacity}
            onChange={(e) => setCapacity(e.target.value)}
            aria-describedby={`capacity-hint${errors.capacity ? ' capacity-error' : ''}`}
          />
        </div>

        <div className={`nhsuk-form-group${errors.note ? ' nhsuk-form-group--error' : ''}`}>
          <label className="nhsuk-label nhsuk-label--s" htmlFor="note">
            A note for trusts (optional)
          </label>
          <div className="nhsuk-hint" id="note-hint">
            For example, what you have worked on and how you like to coach. It does not change how you are ranked.
          </div>
          <ErrorMessage id="note-error" message={errors.note} />
          <textarea
            className={`nhsuk-textarea${errors.note ? ' nhsuk-textarea--error' : ''}`}
            id="note"
            rows={4}
            value={note}
            onChange={(e) => setNote(e.target.value)}
            aria-describedby={`note-hint${errors.note ? ' note-error' : ''}`}
          />
        </div>

        <button type="submit" className="nhsuk-button" disabled={loading}>
          Publish offer
        </button>
      </form>
    </>
  );
}

function humanField(path: string): string {
  const root = path.split('.')[0] ?? path;
  return { categories: 'Areas:', metrics: 'Measures:', capacity: 'Number of trusts', note: 'Your note' }[root] ?? `${root}:`;
}
