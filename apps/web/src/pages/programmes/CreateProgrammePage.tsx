import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { useMutation, useQuery } from '@apollo/client/react';
import { InterventionCategory } from '../../__generated__/graphql';
import { CREATE_PROGRAMME_MUTATION } from '../../graphql/programmes';
import { METRICS_QUERY } from '../../graphql/metrics';
import { VIEWER_QUERY } from '../../graphql/viewer';
import { valuesOf } from '../../lib/enums';
import { CATEGORY_LABELS, label } from '../../lib/labels';
import { interpretMutationError } from '../../lib/serverErrors';
import { usePageTitle } from '../../lib/usePageTitle';
import { ErrorMessage, ErrorSummary, type ErrorSummaryItem } from '../../components/ErrorSummary';

type Errors = Record<string, string>;
const FIELDS = ['name', 'aim', 'category', 'metric'] as const;

/** Checks before sending, in the order the fields appear (the server checks the same, and more). */
export function validateProgramme(draft: { name: string; aim: string; category: string; metric: string }): Errors {
  const errors: Errors = {};
  const name = draft.name.trim();
  if (!name) errors.name = 'Enter a name for the programme';
  else if (name.length < 3 || name.length > 120) errors.name = 'The name must be from 3 to 120 characters';
  const aim = draft.aim.trim();
  if (!aim) errors.aim = 'Enter what the members aim to achieve together';
  else if (aim.length > 1000) errors.aim = 'The aim must be 1,000 characters or fewer';
  if (!draft.category) errors.category = 'Select a category';
  if (!draft.metric) errors.metric = 'Select the outcome measure';
  return errors;
}

/** `/programmes/new`: a policymaker or admin sets up a programme, and becomes its coordinator. */
export function CreateProgrammePage() {
  usePageTitle('Create a programme');
  const viewer = useQuery(VIEWER_QUERY).data?.viewer ?? null;
  const metrics = useQuery(METRICS_QUERY).data?.metrics ?? [];
  const navigate = useNavigate();
  const [draft, setDraft] = useState({ name: '', aim: '', category: '', metric: '' });
  const [errors, setErrors] = useState<Errors>({});
  const [general, setGeneral] = useState<string[]>([]);
  const [attempt, setAttempt] = useState(0);
  const summaryRef = useRef<HTMLDivElement>(null);
  const [create, { loading }] = useMutation(CREATE_PROGRAMME_MUTATION, { refetchQueries: ['Programmes'] });

  useEffect(() => {
    if (attempt > 0 && summaryRef.current) summaryRef.current.focus();
  }, [attempt]);

  if (!viewer || (viewer.role !== 'POLICYMAKER' && viewer.role !== 'ADMIN')) {
    return (
      <>
        <h1>Create a programme</h1>
        <p>Only policymakers and administrators can create a programme. Trust editors can join one from its page.</p>
        {!viewer ? (
          <p>
            <Link to="/sign-in">Sign in</Link> as a policymaker to create a programme.
          </p>
        ) : null}
      </>
    );
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    const found = validateProgramme(draft);
    setErrors(found);
    setGeneral([]);
    if (Object.keys(found).length > 0) {
      setAttempt((a) => a + 1);
      return;
    }
    try {
      const result = await create({
        variables: {
          input: {
            name: draft.name.trim(),
            aim: draft.aim.trim(),
            category: draft.category as InterventionCategory,
            metric: draft.metric,
            commandId: crypto.randomUUID(),
          },
        },
      });
      const id = result.data?.createProgramme.programme.id;
      if (id) void navigate(`/programmes/${encodeURIComponent(id)}`);
    } catch (error) {
      const interpreted = interpretMutationError(error);
      const byField: Errors = {};
      for (const f of interpreted.fields) {
        const key = f.path.split('.')[0] ?? f.path;
        byField[key] = `The ${key} ${f.message}`;
      }
      setErrors(byField);
      setGeneral(interpreted.general);
      setAttempt((a) => a + 1);
    }
  }

  const summary: ErrorSummaryItem[] = [
    ...general.map((text) => ({ text })),
    ...FIELDS.filter((k) => errors[k]).map((k) => ({ text: errors[k] as string, targetId: k })),
  ];
  const groupClass = (key: string) => `nhsuk-form-group${errors[key] ? ' nhsuk-form-group--error' : ''}`;
  const described = (key: string, hint = true) => [hint ? `${key}-hint` : '', errors[key] ? `${key}-error` : ''].filter(Boolean).join(' ') || undefined;

  return (
    <>
      <ErrorSummary ref={summaryRef} items={summary} />
      <h1>Create a programme</h1>
      <p>You will be its coordinator: you can add member trusts and link their interventions, and appoint other coordinators.</p>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <div className={groupClass('name')}>
          <label className="nhsuk-label nhsuk-label--s" htmlFor="name">
            Name
          </label>
          <div className="nhsuk-hint" id="name-hint">
            For example, North West patient-flow collaborative (3 to 120 characters)
          </div>
          <ErrorMessage id="name-error" message={errors.name} />
          <input
            className={`nhsuk-input${errors.name ? ' nhsuk-input--error' : ''}`}
            id="name"
            value={draft.name}
            onChange={(e) => setDraft({ ...draft, name: e.target.value })}
            aria-describedby={described('name')}
          />
        </div>
        <div className={groupClass('aim')}>
          <label className="nhsuk-label nhsuk-label--s" htmlFor="aim">
            Aim
          </label>
          <div className="nhsuk-hint" id="aim-hint">
            What the members aim to achieve together, how much and by when
          </div>
          <ErrorMessage id="aim-error" message={errors.aim} />
          <textarea
            className={`nhsuk-textarea${errors.aim ? ' nhsuk-textarea--error' : ''}`}
            id="aim"
            rows={4}
            value={draft.aim}
            onChange={(e) => setDraft({ ...draft, aim: e.target.value })}
            aria-describedby={described('aim')}
          />
        </div>
        <div className={groupClass('category')}>
          <label className="nhsuk-label nhsuk-label--s" htmlFor="category">
            Category
          </label>
          <ErrorMessage id="category-error" message={errors.category} />
          <select
            className={`nhsuk-select${errors.category ? ' nhsuk-select--error' : ''}`}
            id="category"
            value={draft.category}
            onChange={(e) => setDraft({ ...draft, category: e.target.value })}
            aria-describedby={described('category', false)}
          >
            <option value="">Select a category</option>
            {valuesOf(InterventionCategory).map((c) => (
              <option key={c} value={c}>
                {label(CATEGORY_LABELS, c)}
              </option>
            ))}
          </select>
        </div>
        <div className={groupClass('metric')}>
          <label className="nhsuk-label nhsuk-label--s" htmlFor="metric">
            Outcome measure
          </label>
          <div className="nhsuk-hint" id="metric-hint">
            The measure the programme’s evidence is pooled on
          </div>
          <ErrorMessage id="metric-error" message={errors.metric} />
          <select
            className={`nhsuk-select${errors.metric ? ' nhsuk-select--error' : ''}`}
            id="metric"
            value={draft.metric}
            onChange={(e) => setDraft({ ...draft, metric: e.target.value })}
            aria-describedby={described('metric')}
          >
            <option value="">Select a measure</option>
            {metrics.map((m) => (
              <option key={m.code} value={m.code}>
                {m.name}
              </option>
            ))}
          </select>
        </div>
        <button className="nhsuk-button" type="submit" disabled={loading}>
          Create programme
        </button>
      </form>
    </>
  );
}
