import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { formatDate } from '../lib/format';
import { asOfProblem, todayUtc } from '../lib/asOf';

/** Says plainly that the page shows the past, with a way back to now. */
export function AsOfNotice({ asOf, nowTo }: { asOf: string; nowTo: string }) {
  return (
    <div className="nhsuk-warning-callout" role="status">
      <h2 className="nhsuk-warning-callout__label">
        <span role="text">
          <span className="nhsuk-u-visually-hidden">Important: </span>
          Showing what was known on {formatDate(asOf)}
        </span>
      </h2>
      <p>
        Figures and verdicts come from the data recorded by the end of that day; later corrections are not included. Who may see an intervention is decided by
        how it is shared today.
      </p>
      <p>
        <Link to={nowTo}>Show what is known now</Link>
      </p>
    </div>
  );
}

/** An "As of" date field: submitting sets (or, when empty, clears) the page's `?asOf=`. */
export function AsOfField({ id, asOf, onChange }: { id: string; asOf: string | null; onChange: (asOf: string | null) => void }) {
  const [draft, setDraft] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const value = draft ?? asOf ?? '';

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (value === '') {
      setProblem(null);
      setDraft(null);
      onChange(null);
      return;
    }
    const why = asOfProblem(value);
    setProblem(why);
    if (why) return;
    setDraft(null);
    onChange(value);
  }

  return (
    <form className="app-filters nhsuk-u-margin-bottom-4" onSubmit={submit} noValidate>
      <div className={`nhsuk-form-group${problem ? ' nhsuk-form-group--error' : ''}`}>
        <label className="nhsuk-label" htmlFor={id}>
          As of (optional)
        </label>
        <div className="nhsuk-hint" id={`${id}-hint`}>
          See what was known at the end of a past day
        </div>
        {problem && (
          <span className="nhsuk-error-message" id={`${id}-error`}>
            <span className="nhsuk-u-visually-hidden">Error:</span> {problem}
          </span>
        )}
        <input
          className={`nhsuk-input nhsuk-input--width-10${problem ? ' nhsuk-input--error' : ''}`}
          id={id}
          name="asOf"
          type="date"
          max={todayUtc()}
          value={value}
          aria-describedby={problem ? `${id}-hint ${id}-error` : `${id}-hint`}
          onChange={(ev) => setDraft(ev.target.value)}
        />
      </div>
      <div className="nhsuk-form-group">
        <button className="nhsuk-button nhsuk-button--secondary nhsuk-u-margin-bottom-0" type="submit">
          Show as of this date
        </button>
      </div>
    </form>
  );
}
