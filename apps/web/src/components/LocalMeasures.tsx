import { useRef, useState, type FormEvent } from 'react';
import { useMutation, useQuery } from '@apollo/client/react';
import { Direction } from '../__generated__/graphql';
import { DEFINE_LOCAL_MEASURE_MUTATION, LOCAL_MEASURES_QUERY } from '../graphql/metrics';
import { VIEWER_QUERY } from '../graphql/viewer';
import { valuesOf } from '../lib/enums';
import { DIRECTION_LABELS } from '../lib/labels';
import { fieldId, interpretMutationError } from '../lib/serverErrors';
import { ErrorMessage, ErrorSummary, type ErrorSummaryItem } from './ErrorSummary';

type Errors = Partial<Record<'name' | 'unit' | 'direction', string>>;
const BETTER: Readonly<Record<Direction, string>> = { INCREASE: 'Higher is better', DECREASE: 'Lower is better' };

/**
 * A trust's own measures, and (for its editors and admins) a form to define one: it can then be a
 * target of the trust's interventions (say, a process or balancing measure) and have data recorded.
 */
export function LocalMeasures({ code, name }: { code: string; name: string }) {
  const { data } = useQuery(LOCAL_MEASURES_QUERY, { variables: { code } });
  const viewer = useQuery(VIEWER_QUERY).data?.viewer ?? null;
  const mayDefine = viewer !== null && (viewer.role === 'ADMIN' || (viewer.role === 'TRUST_EDITOR' && viewer.trustCode === code));
  const measures = data?.trust?.localMeasures ?? [];
  const [draft, setDraft] = useState<{ name: string; unit: string; direction: Direction | '' }>({ name: '', unit: '', direction: '' });
  const [errors, setErrors] = useState<Errors>({});
  const [general, setGeneral] = useState<string[]>([]);
  const [done, setDone] = useState<string | null>(null);
  const summary = useRef<HTMLDivElement>(null);
  const [define, { loading }] = useMutation(DEFINE_LOCAL_MEASURE_MUTATION, { refetchQueries: [{ query: LOCAL_MEASURES_QUERY, variables: { code } }] });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setDone(null);
    const found: Errors = {};
    if (!draft.name.trim()) found.name = 'Enter the name of the measure';
    if (!draft.unit.trim()) found.unit = 'Enter the unit, such as % or days';
    if (!draft.direction) found.direction = 'Select whether higher or lower is better';
    setErrors(found);
    setGeneral([]);
    if (Object.keys(found).length > 0) {
      setTimeout(() => summary.current?.focus());
      return;
    }
    try {
      const result = await define({
        variables: { input: { trustCode: code, name: draft.name.trim(), unit: draft.unit.trim(), direction: draft.direction as Direction } },
      });
      setDone(result.data?.defineLocalMeasure.localMeasure.name ?? draft.name.trim());
      setDraft({ name: '', unit: '', direction: '' });
    } catch (error) {
      const interpreted = interpretMutationError(error);
      const fields: Errors = {};
      for (const f of interpreted.fields)
        if (f.path === 'name' || f.path === 'unit' || f.path === 'direction')
          fields[f.path] = `${f.path === 'name' ? 'Name' : f.path === 'unit' ? 'Unit' : 'Direction'} ${f.message}`;
      setErrors(fields);
      setGeneral(interpreted.general);
      setTimeout(() => summary.current?.focus());
    }
  };

  const items: ErrorSummaryItem[] = [
    ...(['name', 'unit', 'direction'] as const).flatMap((k) => (errors[k] ? [{ text: errors[k], targetId: fieldId(`local-${k}`) }] : [])),
    ...general.map((text) => ({ text })),
  ];

  return (
    <>
      {measures.length === 0 ? (
        <p className="nhsuk-body">{name} has not defined any measures of its own.</p>
      ) : (
        <ul className="nhsuk-list nhsuk-list--bullet" aria-label="Local measures">
          {measures.map((m) => (
            <li key={m.code}>
              {m.name} ({m.unit}, {BETTER[m.direction].toLowerCase()}) {/* A generated code is one long word: let it wrap on a narrow screen. */}
              <span className="nhsuk-body-s app-secondary-text" style={{ overflowWrap: 'anywhere' }}>
                code {m.code}
              </span>
            </li>
          ))}
        </ul>
      )}
      {mayDefine && (
        <details className="nhsuk-details" open={items.length > 0 || undefined}>
          <summary className="nhsuk-details__summary">
            <span className="nhsuk-details__summary-text">Define a local measure</span>
          </summary>
          <div className="nhsuk-details__text">
            <ErrorSummary ref={summary} items={items} />
            {done && (
              <p className="nhsuk-body" role="status">
                {done} is defined. It can now be a target of {name}&apos;s interventions.
              </p>
            )}
            <form onSubmit={(e) => void submit(e)} noValidate>
              {(['name', 'unit'] as const).map((k) => (
                <div key={k} className={`nhsuk-form-group${errors[k] ? ' nhsuk-form-group--error' : ''}`}>
                  <label className="nhsuk-label" htmlFor={fieldId(`local-${k}`)}>
                    {k === 'name' ? 'Name of the measure' : 'Unit'}
                  </label>
                  {k === 'unit' && (
                    <div className="nhsuk-hint" id={`${fieldId('local-unit')}-hint`}>
                      For example %, days or per 1,000 bed days
                    </div>
                  )}
                  <ErrorMessage id={`${fieldId(`local-${k}`)}-error`} message={errors[k]} />
                  <input
                    className={`nhsuk-input${errors[k] ? ' nhsuk-input--error' : ''}`}
                    id={fieldId(`local-${k}`)}
                    name={k}
                    type="text"
                    value={draft[k]}
                    aria-describedby={
                      [k === 'unit' ? `${fieldId('local-unit')}-hint` : '', errors[k] ? `${fieldId(`local-${k}`)}-error` : ''].filter(Boolean).join(' ') ||
                      undefined
                    }
                    onChange={(e) => setDraft((d) => ({ ...d, [k]: e.target.value }))}
                  />
                </div>
              ))}
              <div className={`nhsuk-form-group${errors.direction ? ' nhsuk-form-group--error' : ''}`}>
                <fieldset className="nhsuk-fieldset" aria-describedby={errors.direction ? `${fieldId('local-direction')}-error` : undefined}>
                  <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">Which way is better?</legend>
                  <ErrorMessage id={`${fieldId('local-direction')}-error`} message={errors.direction} />
                  <div className="nhsuk-radios nhsuk-radios--inline">
                    {valuesOf(Direction).map((d, i) => (
                      <div key={d} className="nhsuk-radios__item">
                        <input
                          className="nhsuk-radios__input"
                          id={i === 0 ? fieldId('local-direction') : `${fieldId('local-direction')}-${d}`}
                          name="local-direction"
                          type="radio"
                          value={d}
                          checked={draft.direction === d}
                          onChange={() => setDraft((x) => ({ ...x, direction: d }))}
                        />
                        <label
                          className="nhsuk-label nhsuk-radios__label"
                          htmlFor={i === 0 ? fieldId('local-direction') : `${fieldId('local-direction')}-${d}`}
                        >
                          {BETTER[d]} ({DIRECTION_LABELS[d].toLowerCase()})
                        </label>
                      </div>
                    ))}
                  </div>
                </fieldset>
              </div>
              <button className="nhsuk-button" type="submit" disabled={loading}>
                Define the measure
              </button>
            </form>
          </div>
        </details>
      )}
    </>
  );
}
