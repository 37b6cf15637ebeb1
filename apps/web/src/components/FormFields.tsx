import { useEffect, useRef, useState, type ReactNode } from 'react';
import { ErrorMessage, ErrorSummary } from './ErrorSummary';
import { interpretMutationError } from '../lib/serverErrors';

/**
 * NHS.UK form building blocks for the trust workspace: a question with its hint and inline
 * error, text inputs, textareas, selects and the month/date inputs, and a hook that keeps a
 * form's errors, shows them in the error summary at the top and moves focus to it.
 */

export type Errors = Record<string, string>;

function describedBy(...ids: (string | false | undefined)[]): string | undefined {
  const list = ids.filter(Boolean) as string[];
  return list.length > 0 ? list.join(' ') : undefined;
}

interface FieldProps {
  id: string;
  label: string;
  hint?: string;
  error?: string | undefined;
}

export function TextField(props: FieldProps & { value: string; onChange: (value: string) => void; width?: string; inputMode?: 'decimal' | 'text' }) {
  const { id, label, hint, error, value, onChange, width, inputMode } = props;
  return (
    <div className={`nhsuk-form-group${error ? ' nhsuk-form-group--error' : ''}`}>
      <label className="nhsuk-label nhsuk-label--s" htmlFor={id}>
        {label}
      </label>
      {hint && (
        <div className="nhsuk-hint" id={`${id}-hint`}>
          {hint}
        </div>
      )}
      <ErrorMessage id={`${id}-error`} message={error} />
      <input
        className={`nhsuk-input${width ? ` nhsuk-input--width-${width}` : ''}${error ? ' nhsuk-input--error' : ''}`}
        id={id}
        name={id}
        type="text"
        inputMode={inputMode}
        autoComplete="off"
        aria-describedby={describedBy(hint && `${id}-hint`, error && `${id}-error`)}
        value={value}
        onChange={(e) => onChange(e.target.value)}
      />
    </div>
  );
}

export function TextArea(props: FieldProps & { value: string; onChange: (value: string) => void; rows?: number }) {
  const { id, label, hint, error, value, onChange, rows = 3 } = props;
  return (
    <div className={`nhsuk-form-group${error ? ' nhsuk-form-group--error' : ''}`}>
      <label className="nhsuk-label nhsuk-label--s" htmlFor={id}>
        {label}
      </label>
      {hint && (
        <div className="nhsuk-hint" id={`${id}-hint`}>
          {hint}
        </div>
      )}
      <ErrorMessage id={`${id}-error`} message={error} />
      <textarea
        className={`nhsuk-textarea${error ? ' nhsuk-textarea--error' : ''}`}
        id={id}
        name={id}
        rows={rows}
        aria-describedby={describedBy(hint && `${id}-hint`, error && `${id}-error`)}
        value={value}
        onChange={(e) => onChange(e.target.value)}
      />
    </div>
  );
}

export function SelectField(
  props: FieldProps & { value: string; onChange: (value: string) => void; options: readonly { value: string; text: string }[]; placeholder?: string },
) {
  const { id, label, hint, error, value, onChange, options, placeholder } = props;
  return (
    <div className={`nhsuk-form-group${error ? ' nhsuk-form-group--error' : ''}`}>
      <label className="nhsuk-label nhsuk-label--s" htmlFor={id}>
        {label}
      </label>
      {hint && (
        <div className="nhsuk-hint" id={`${id}-hint`}>
          {hint}
        </div>
      )}
      <ErrorMessage id={`${id}-error`} message={error} />
      <select
        className={`nhsuk-select${error ? ' nhsuk-select--error' : ''}`}
        id={id}
        name={id}
        aria-describedby={describedBy(hint && `${id}-hint`, error && `${id}-error`)}
        value={value}
        onChange={(e) => onChange(e.target.value)}
      >
        {placeholder !== undefined && <option value="">{placeholder}</option>}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.text}
          </option>
        ))}
      </select>
    </div>
  );
}

export interface DateParts {
  day: string;
  month: string;
  year: string;
}

/** The NHS.UK date input: day (unless `monthOnly`), month and year boxes in one fieldset. The first box carries `id`. */
export function DateInput(props: FieldProps & { value: DateParts; onChange: (value: DateParts) => void; monthOnly?: boolean }) {
  const { id, label, hint, error, value, onChange, monthOnly } = props;
  const parts: (keyof DateParts)[] = monthOnly ? ['month', 'year'] : ['day', 'month', 'year'];
  return (
    <div className={`nhsuk-form-group${error ? ' nhsuk-form-group--error' : ''}`}>
      <fieldset className="nhsuk-fieldset" role="group" aria-describedby={describedBy(hint && `${id}-hint`, error && `${id}-error`)}>
        <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">{label}</legend>
        {hint && (
          <div className="nhsuk-hint" id={`${id}-hint`}>
            {hint}
          </div>
        )}
        <ErrorMessage id={`${id}-error`} message={error} />
        <div className="nhsuk-date-input">
          {parts.map((part, index) => {
            const partId = index === 0 ? id : `${id}-${part}`;
            return (
              <div key={part} className="nhsuk-date-input__item">
                <div className="nhsuk-form-group">
                  <label className="nhsuk-label nhsuk-date-input__label" htmlFor={partId}>
                    {part === 'day' ? 'Day' : part === 'month' ? 'Month' : 'Year'}
                  </label>
                  <input
                    className={`nhsuk-input nhsuk-date-input__input nhsuk-input--width-${part === 'year' ? '4' : '2'}${error ? ' nhsuk-input--error' : ''}`}
                    id={partId}
                    name={`${id}-${part}`}
                    type="text"
                    inputMode="numeric"
                    value={value[part]}
                    onChange={(e) => onChange({ ...value, [part]: e.target.value })}
                  />
                </div>
              </div>
            );
          })}
        </div>
      </fieldset>
    </div>
  );
}

export function datePartsOf(iso: string | null | undefined): DateParts {
  const match = /^(\d{4})-(\d{2})(?:-(\d{2}))?/.exec(iso ?? '');
  if (!match) return { day: '', month: '', year: '' };
  return { day: match[3] ? String(Number(match[3])) : '', month: String(Number(match[2])), year: match[1]! };
}

/** Today (UTC) as date-input boxes. */
export function todayParts(): DateParts {
  return datePartsOf(new Date().toISOString().slice(0, 10));
}

/**
 * A form's errors: field errors keyed by element id, general ones for the summary only. `fail`
 * takes client-side errors or a failed mutation (its field paths mapped to ids by `fieldFor`).
 */
export function useFormErrors(order: readonly string[], fieldFor: (path: string) => string | undefined = (path) => (order.includes(path) ? path : undefined)) {
  const [errors, setErrors] = useState<Errors>({});
  const [general, setGeneral] = useState<string[]>([]);
  const [attempt, setAttempt] = useState(0);
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (attempt > 0) ref.current?.focus();
  }, [attempt]);
  const fail = (problem: unknown) => {
    if (problem && typeof problem === 'object' && !(problem instanceof Error) && Object.values(problem).every((v) => typeof v === 'string')) {
      setErrors(problem as Errors);
      setGeneral([]);
    } else {
      const interpreted = interpretMutationError(problem);
      const fields: Errors = {};
      const rest = [...interpreted.general];
      for (const f of interpreted.fields) {
        const id = fieldFor(f.path);
        if (id) fields[id] ??= capitaliseFirst(f.message);
        else rest.push(capitaliseFirst(f.message));
      }
      setErrors(fields);
      setGeneral(rest);
    }
    setAttempt((n) => n + 1);
  };
  const clear = () => {
    setErrors({});
    setGeneral([]);
  };
  const summary: ReactNode = (
    <ErrorSummary
      ref={ref}
      items={[
        ...general.map((text) => ({ text })),
        ...Object.entries(errors)
          .sort(([a], [b]) => order.indexOf(a) - order.indexOf(b))
          .map(([id, text]) => ({ text, targetId: id })),
      ]}
    />
  );
  return { errors, hasErrors: Object.keys(errors).length > 0 || general.length > 0, fail, clear, summary };
}

function capitaliseFirst(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** A new command id, so a resubmission after a dropped connection is applied once. */
export function newCommandId(): string {
  return crypto.randomUUID();
}
