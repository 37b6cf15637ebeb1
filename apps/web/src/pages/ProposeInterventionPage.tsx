import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { ODS_CODE } from '@longview/domain/patterns';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useMutation, useQuery } from '@apollo/client/react';
import { Approach, Direction, InterventionCategory, Sharing, TargetRole, type ProposeInterventionInput } from '../__generated__/graphql';
import { LOCAL_MEASURES_QUERY, METRICS_QUERY } from '../graphql/metrics';
import { PROPOSE_INTERVENTION_MUTATION } from '../graphql/interventions';
import { valuesOf } from '../lib/enums';
import { APPROACH_LABELS, CATEGORY_LABELS, DIRECTION_LABELS, SHARING_LABELS, TARGET_ROLE_LABELS, label } from '../lib/labels';
import { fieldId, interpretMutationError } from '../lib/serverErrors';
import { usePageTitle } from '../lib/usePageTitle';
import { VIEWER_QUERY } from '../graphql/viewer';
import { ErrorMessage, ErrorSummary, type ErrorSummaryItem } from '../components/ErrorSummary';

interface TargetDraft {
  key: number;
  metric: string;
  direction: Direction | '';
  role: TargetRole;
}

const ROLE_HINTS: Readonly<Record<TargetRole, string>> = {
  OUTCOME: 'What the intervention sets out to improve. Its verdict is the result.',
  PROCESS: 'Whether the change is being carried out as planned.',
  BALANCING: 'What might get worse elsewhere because of the change, such as length of stay.',
};

interface Draft {
  trustCode: string;
  title: string;
  summary: string;
  category: InterventionCategory | '';
  rootCause: string;
  approach: Approach | '';
  sharing: Sharing | '';
  targets: TargetDraft[];
}

type Errors = Record<string, string>;

const APPROACH_HINTS: Readonly<Record<Approach, string>> = {
  QUICK_FIX: 'A change aimed at a fast improvement, such as an extra clinic or a one-off validation exercise.',
  SYSTEMIC: 'A change to how the system works, such as a new pathway, role or way of working, meant to last.',
};

const SHARING_HINTS: Readonly<Record<Sharing, string>> = {
  PRIVATE: 'Only people in your trust can see it.',
  TRUSTS: 'People in other NHS trusts and policymakers can see it.',
  PUBLIC: 'Anyone can see it, including patients, staff and researchers.',
};

function newCommandId(): string {
  if (typeof crypto !== 'undefined' && typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Required-field checks, in the order the fields appear. Keys are input paths. */
export function validateDraft(draft: Draft): Errors {
  const errors: Errors = {};
  const code = draft.trustCode.trim().toUpperCase();
  if (!code) errors.trustCode = 'Enter the ODS code of the trust';
  else if (!ODS_CODE.test(code)) errors.trustCode = 'Enter a trust ODS code of 3 to 5 letters and numbers, like RJ1';
  if (!draft.title.trim()) errors.title = 'Enter a title for the intervention';
  if (!draft.summary.trim()) errors.summary = 'Enter a summary of the intervention';
  if (!draft.category) errors.category = 'Select a category';
  if (!draft.approach) errors.approach = 'Select whether this is a quick fix or a systemic change';
  if (draft.targets.length === 0) errors.targets = 'Add at least one target metric';
  const seen = new Set<string>();
  draft.targets.forEach((t, index) => {
    if (!t.metric) errors[`targets.${index}.metric`] = `Select the metric for target ${index + 1}`;
    else if (seen.has(t.metric)) errors[`targets.${index}.metric`] = `Select a different metric for target ${index + 1}: each target needs its own metric`;
    if (t.metric) seen.add(t.metric);
    if (!t.direction) errors[`targets.${index}.direction`] = `Select whether target ${index + 1} should increase or decrease`;
  });
  if (draft.targets.length > 0 && !draft.targets.some((t) => t.role === 'OUTCOME') && !errors.targets) {
    errors.targets = 'Make at least one target an outcome measure: the result the intervention sets out to improve';
  }
  if (!draft.sharing) errors.sharing = 'Select who the intervention is shared with';
  return errors;
}

/** Form order of the fields, so the error summary lists errors top to bottom. */
function fieldOrder(path: string): number {
  const order = ['trustCode', 'title', 'summary', 'category', 'rootCause', 'approach', 'targets', 'sharing'];
  const root = path.split('.')[0] ?? path;
  const index = order.indexOf(root);
  const base = (index === -1 ? order.length : index) * 1000;
  const match = /^targets\.(\d+)\.(\w+)/.exec(path);
  if (match) return base + 1 + Number(match[1]) * 10 + (match[2] === 'metric' ? 0 : 1);
  return base;
}

/** Whether an input path names a field this form shows (so its error can sit next to it). */
function isKnownField(path: string, targets: number): boolean {
  if (['trustCode', 'title', 'summary', 'category', 'rootCause', 'approach', 'targets', 'sharing'].includes(path)) return true;
  const match = /^targets\.(\d+)\.(metric|direction|role)$/.exec(path);
  return Boolean(match && Number(match[1]) < targets);
}

function FormGroup({ error, children }: { error: string | undefined; children: ReactNode }) {
  return <div className={`nhsuk-form-group${error ? ' nhsuk-form-group--error' : ''}`}>{children}</div>;
}

function describedBy(...ids: (string | false | undefined)[]): string | undefined {
  const list = ids.filter(Boolean) as string[];
  return list.length > 0 ? list.join(' ') : undefined;
}

interface RadioGroupProps<T extends string> {
  name: string;
  legend: string;
  legendClass?: string;
  hint?: string;
  options: readonly T[];
  labels: Readonly<Record<T, string>>;
  hints?: Readonly<Record<T, string>>;
  value: T | '';
  error: string | undefined;
  inline?: boolean;
  onChange: (value: T) => void;
}

/** An NHS radios fieldset. The first radio carries the group's id so errors can link to it. */
function RadioGroup<T extends string>(props: RadioGroupProps<T>) {
  const { name, legend, legendClass = 'nhsuk-fieldset__legend--s', hint, options, labels, hints, value, error, inline, onChange } = props;
  const id = fieldId(name);
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  return (
    <FormGroup error={error}>
      <fieldset className="nhsuk-fieldset" aria-describedby={describedBy(hintId, errorId)}>
        <legend className={`nhsuk-fieldset__legend ${legendClass}`}>{legend}</legend>
        {hint && (
          <div className="nhsuk-hint" id={hintId}>
            {hint}
          </div>
        )}
        <ErrorMessage id={`${id}-error`} message={error} />
        <div className={`nhsuk-radios${inline ? ' nhsuk-radios--inline' : ''}`}>
          {options.map((option, index) => {
            const optionId = index === 0 ? id : `${id}-${option}`;
            const optionHintId = hints?.[option] ? `${optionId}-item-hint` : undefined;
            return (
              <div key={option} className="nhsuk-radios__item">
                <input
                  className="nhsuk-radios__input"
                  id={optionId}
                  name={name}
                  type="radio"
                  value={option}
                  checked={value === option}
                  aria-describedby={optionHintId}
                  onChange={() => onChange(option)}
                />
                <label className="nhsuk-label nhsuk-radios__label" htmlFor={optionId}>
                  {label(labels, option)}
                </label>
                {optionHintId && (
                  <div className="nhsuk-hint nhsuk-radios__hint" id={optionHintId}>
                    {hints?.[option]}
                  </div>
                )}
              </div>
            );
          })}
        </div>
      </fieldset>
    </FormGroup>
  );
}

/** `/interventions/new?trust=CODE`: propose an intervention for a trust. */
export function ProposeInterventionPage() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const nextKey = useRef(1);
  const [draft, setDraft] = useState<Draft>(() => ({
    trustCode: (params.get('trust') ?? '').toUpperCase(),
    title: '',
    summary: '',
    category: '',
    rootCause: '',
    approach: '',
    sharing: '',
    targets: [{ key: 0, metric: '', direction: '', role: 'OUTCOME' }],
  }));
  const [errors, setErrors] = useState<Errors>({});
  const [general, setGeneral] = useState<string[]>([]);
  const [showTokenHint, setShowTokenHint] = useState(false);
  const [attempt, setAttempt] = useState(0);
  const summaryRef = useRef<HTMLDivElement>(null);
  const lastCommand = useRef<{ key: string; id: string } | null>(null);

  const viewerResult = useQuery(VIEWER_QUERY);
  const viewer = viewerResult.data?.viewer ?? null;
  const metricsResult = useQuery(METRICS_QUERY);
  const catalogue = metricsResult.data?.metrics ?? [];
  // The trust's own local measures can be targets too (of that trust only).
  const trustForMeasures = ODS_CODE.test(draft.trustCode.trim().toUpperCase()) ? draft.trustCode.trim().toUpperCase() : '';
  const localResult = useQuery(LOCAL_MEASURES_QUERY, { variables: { code: trustForMeasures }, skip: !trustForMeasures });
  const localMeasures = localResult.data?.trust?.localMeasures ?? [];
  const metrics = [
    ...catalogue.map((m) => ({ code: m.code, name: m.name, improvement: m.improvement })),
    ...localMeasures.map((m) => ({ code: m.code, name: m.name, improvement: m.direction })),
  ];
  const [propose, { loading: submitting }] = useMutation(PROPOSE_INTERVENTION_MUTATION);

  const hasErrors = Object.keys(errors).length > 0 || general.length > 0;
  usePageTitle(`${hasErrors ? 'Error: ' : ''}Propose an intervention`);

  // A trust editor proposes for their own trust: start with it when the address names none
  // (adjusted while rendering, once per signed-in trust, as React advises over an effect).
  const viewerTrust = viewer?.trustCode ?? null;
  const [prefilledFor, setPrefilledFor] = useState<string | null>(null);
  if (viewerTrust && viewerTrust !== prefilledFor) {
    setPrefilledFor(viewerTrust);
    if (!draft.trustCode) setDraft((d) => ({ ...d, trustCode: viewerTrust }));
  }

  // Move focus to the error summary after each failed submission.
  useEffect(() => {
    if (attempt > 0 && summaryRef.current) summaryRef.current.focus();
  }, [attempt]);

  const update = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((d) => ({ ...d, [key]: value }));

  const updateTarget = (index: number, change: Partial<Omit<TargetDraft, 'key'>>) =>
    setDraft((d) => ({
      ...d,
      targets: d.targets.map((t, i) => {
        if (i !== index) return t;
        const next = { ...t, ...change };
        // Suggest the catalogue's improvement direction when a metric is first chosen.
        if (change.metric && !t.direction) {
          const info = metrics.find((m) => m.code === change.metric);
          if (info) next.direction = info.improvement;
        }
        return next;
      }),
    }));

  const addTarget = () => setDraft((d) => ({ ...d, targets: [...d.targets, { key: nextKey.current++, metric: '', direction: '', role: 'OUTCOME' }] }));

  const removeTarget = (index: number) => {
    setDraft((d) => ({ ...d, targets: d.targets.filter((_, i) => i !== index) }));
    setErrors({});
  };

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (submitting) return;
    const clientErrors = validateDraft(draft);
    if (Object.keys(clientErrors).length > 0) {
      setErrors(clientErrors);
      setGeneral([]);
      setAttempt((n) => n + 1);
      return;
    }
    const base: ProposeInterventionInput = {
      trustCode: draft.trustCode.trim().toUpperCase(),
      title: draft.title.trim(),
      summary: draft.summary.trim(),
      category: draft.category as InterventionCategory,
      rootCause: draft.rootCause.trim() || null,
      approach: draft.approach as Approach,
      targets: draft.targets.map((t) => ({ metric: t.metric, direction: t.direction as Direction, role: t.role })),
      sharing: draft.sharing as Sharing,
    };
    // Resubmitting the same proposal (say after a dropped connection) reuses its command id,
    // so the command side applies it once.
    const key = JSON.stringify(base);
    if (lastCommand.current?.key !== key) lastCommand.current = { key, id: newCommandId() };
    const input = { ...base, commandId: lastCommand.current.id };

    try {
      const result = await propose({
        variables: { input },
        update(cache) {
          // The trust's intervention list and count, and the trust list's counts, are now stale.
          const trustId = cache.identify({ __typename: 'Trust', code: input.trustCode });
          if (trustId) {
            cache.evict({ id: trustId, fieldName: 'interventions' });
            cache.evict({ id: trustId, fieldName: 'interventionCount' });
          }
          cache.evict({ id: 'ROOT_QUERY', fieldName: 'trusts' });
          cache.evict({ id: 'ROOT_QUERY', fieldName: 'interventions' });
          cache.gc();
        },
      });
      const created = result.data?.proposeIntervention.intervention;
      if (!created) throw new Error('The service did not return the new intervention.');
      void navigate(`/interventions/${encodeURIComponent(created.id)}`, { state: { proposed: true } });
    } catch (error) {
      const interpreted = interpretMutationError(error);
      const fieldErrors: Errors = {};
      const generalErrors = [...interpreted.general];
      for (const f of interpreted.fields) {
        if (isKnownField(f.path, draft.targets.length)) fieldErrors[f.path] ??= f.message;
        else generalErrors.push(f.message);
      }
      setShowTokenHint(interpreted.codes.includes('UNAUTHENTICATED') || interpreted.codes.includes('FORBIDDEN'));
      // The command was rejected, so a corrected resubmission is a new command.
      if (interpreted.codes.length > 0) lastCommand.current = null;
      setErrors(fieldErrors);
      setGeneral(generalErrors);
      setAttempt((n) => n + 1);
    }
  };

  const summaryItems: ErrorSummaryItem[] = [
    ...general.map((text) => ({ text })),
    ...Object.entries(errors)
      .sort(([a], [b]) => fieldOrder(a) - fieldOrder(b))
      .map(([path, text]) => ({ text, targetId: fieldId(path) })),
  ];

  const textError = (path: string) => errors[path];
  const signedOut = !viewerResult.loading && !viewer;

  return (
    <>
      <Link className="nhsuk-back-link" to={draft.trustCode ? `/trusts/${encodeURIComponent(draft.trustCode.trim().toUpperCase())}` : '/'}>
        Back
      </Link>
      <ErrorSummary ref={summaryRef} items={summaryItems} />
      {(signedOut || showTokenHint) && (
        <div className="nhsuk-inset-text">
          <span className="nhsuk-u-visually-hidden">Information: </span>
          <p>
            To propose an intervention, sign in as an editor of your trust.{' '}
            <Link to={`/sign-in?from=${encodeURIComponent(`/interventions/new${draft.trustCode ? `?trust=${encodeURIComponent(draft.trustCode)}` : ''}`)}`}>
              Sign in
            </Link>
            .
          </p>
        </div>
      )}

      <h1>Propose an intervention</h1>
      <p className="nhsuk-lede-text">
        Describe a change your trust plans to make, the root cause it addresses and the outcomes that should show whether it works and lasts.
      </p>

      <form onSubmit={(event) => void onSubmit(event)} noValidate>
        <FormGroup error={textError('trustCode')}>
          <label className="nhsuk-label nhsuk-label--s" htmlFor="trustCode">
            Trust code
          </label>
          <div className="nhsuk-hint" id="trustCode-hint">
            The ODS code of the trust making the change, for example RJ1
          </div>
          <ErrorMessage id="trustCode-error" message={textError('trustCode')} />
          <input
            className={`nhsuk-input nhsuk-input--width-5${textError('trustCode') ? ' nhsuk-input--error' : ''}`}
            id="trustCode"
            name="trustCode"
            type="text"
            autoComplete="off"
            spellCheck={false}
            aria-describedby={describedBy('trustCode-hint', textError('trustCode') && 'trustCode-error')}
            value={draft.trustCode}
            onChange={(e) => update('trustCode', e.target.value)}
          />
        </FormGroup>

        <FormGroup error={textError('title')}>
          <label className="nhsuk-label nhsuk-label--s" htmlFor="title">
            Title
          </label>
          <ErrorMessage id="title-error" message={textError('title')} />
          <input
            className={`nhsuk-input${textError('title') ? ' nhsuk-input--error' : ''}`}
            id="title"
            name="title"
            type="text"
            aria-describedby={describedBy(textError('title') && 'title-error')}
            value={draft.title}
            onChange={(e) => update('title', e.target.value)}
          />
        </FormGroup>

        <FormGroup error={textError('summary')}>
          <label className="nhsuk-label nhsuk-label--s" htmlFor="summary">
            Summary
          </label>
          <div className="nhsuk-hint" id="summary-hint">
            What will change, for whom, and how
          </div>
          <ErrorMessage id="summary-error" message={textError('summary')} />
          <textarea
            className={`nhsuk-textarea${textError('summary') ? ' nhsuk-textarea--error' : ''}`}
            id="summary"
            name="summary"
            rows={5}
            aria-describedby={describedBy('summary-hint', textError('summary') && 'summary-error')}
            value={draft.summary}
            onChange={(e) => update('summary', e.target.value)}
          />
        </FormGroup>

        <FormGroup error={textError('category')}>
          <label className="nhsuk-label nhsuk-label--s" htmlFor="category">
            Category
          </label>
          <ErrorMessage id="category-error" message={textError('category')} />
          <select
            className={`nhsuk-select${textError('category') ? ' nhsuk-select--error' : ''}`}
            id="category"
            name="category"
            aria-describedby={describedBy(textError('category') && 'category-error')}
            value={draft.category}
            onChange={(e) => update('category', e.target.value as InterventionCategory | '')}
          >
            <option value="">Select a category</option>
            {valuesOf(InterventionCategory).map((c) => (
              <option key={c} value={c}>
                {label(CATEGORY_LABELS, c)}
              </option>
            ))}
          </select>
        </FormGroup>

        <FormGroup error={textError('rootCause')}>
          <label className="nhsuk-label nhsuk-label--s" htmlFor="rootCause">
            Root cause addressed (optional)
          </label>
          <div className="nhsuk-hint" id="rootCause-hint">
            The underlying problem the change tackles, not just the symptom
          </div>
          <ErrorMessage id="rootCause-error" message={textError('rootCause')} />
          <textarea
            className={`nhsuk-textarea${textError('rootCause') ? ' nhsuk-textarea--error' : ''}`}
            id="rootCause"
            name="rootCause"
            rows={3}
            aria-describedby={describedBy('rootCause-hint', textError('rootCause') && 'rootCause-error')}
            value={draft.rootCause}
            onChange={(e) => update('rootCause', e.target.value)}
          />
        </FormGroup>

        <RadioGroup
          name="approach"
          legend="Approach"
          options={valuesOf(Approach)}
          labels={APPROACH_LABELS}
          hints={APPROACH_HINTS}
          value={draft.approach}
          error={textError('approach')}
          onChange={(v) => update('approach', v)}
        />

        <FormGroup error={textError('targets')}>
          <fieldset
            className="nhsuk-fieldset"
            id="targets"
            tabIndex={-1}
            aria-describedby={describedBy('targets-hint', textError('targets') && 'targets-error')}
          >
            <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--m">
              <h2 className="nhsuk-fieldset__heading">Target metrics</h2>
            </legend>
            <div className="nhsuk-hint" id="targets-hint">
              The outcomes that should change if the intervention works. Add at least one.
            </div>
            <ErrorMessage id="targets-error" message={textError('targets')} />
            {metricsResult.error && (
              <p className="nhsuk-error-message">
                <span className="nhsuk-u-visually-hidden">Error:</span> The list of metrics could not be loaded. Reload the page to try again.
              </p>
            )}

            {draft.targets.map((target, index) => {
              const metricPath = `targets.${index}.metric`;
              const metricError = errors[metricPath];
              const metricFieldId = fieldId(metricPath);
              return (
                <div key={target.key} className="app-target">
                  <h3 className="nhsuk-heading-s">Target {index + 1}</h3>
                  <FormGroup error={metricError}>
                    <label className="nhsuk-label" htmlFor={metricFieldId}>
                      Metric for target {index + 1}
                    </label>
                    <ErrorMessage id={`${metricFieldId}-error`} message={metricError} />
                    <select
                      className={`nhsuk-select${metricError ? ' nhsuk-select--error' : ''}`}
                      id={metricFieldId}
                      name={metricPath}
                      aria-describedby={describedBy(metricError && `${metricFieldId}-error`)}
                      value={target.metric}
                      disabled={metricsResult.loading && metrics.length === 0}
                      onChange={(e) => updateTarget(index, { metric: e.target.value })}
                    >
                      <option value="">{metricsResult.loading && metrics.length === 0 ? 'Loading metrics…' : 'Select a metric'}</option>
                      <optgroup label="National metric catalogue">
                        {catalogue.map((m) => (
                          <option key={m.code} value={m.code}>
                            {m.name}
                          </option>
                        ))}
                      </optgroup>
                      {localMeasures.length > 0 && (
                        <optgroup label={`Local measures of ${trustForMeasures}`}>
                          {localMeasures.map((m) => (
                            <option key={m.code} value={m.code}>
                              {m.name} ({m.unit})
                            </option>
                          ))}
                        </optgroup>
                      )}
                    </select>
                  </FormGroup>
                  <RadioGroup
                    name={`targets.${index}.role`}
                    legend={`What target ${index + 1} measures`}
                    legendClass=""
                    options={valuesOf(TargetRole)}
                    labels={TARGET_ROLE_LABELS}
                    hints={ROLE_HINTS}
                    value={target.role}
                    error={errors[`targets.${index}.role`]}
                    onChange={(v) => updateTarget(index, { role: v })}
                  />
                  <RadioGroup
                    name={`targets.${index}.direction`}
                    legend={`Desired direction for target ${index + 1}`}
                    legendClass=""
                    options={valuesOf(Direction)}
                    labels={DIRECTION_LABELS}
                    value={target.direction}
                    error={errors[`targets.${index}.direction`]}
                    inline
                    onChange={(v) => updateTarget(index, { direction: v })}
                  />
                  {draft.targets.length > 1 && (
                    <button type="button" className="nhsuk-button nhsuk-button--secondary nhsuk-button--small" onClick={() => removeTarget(index)}>
                      Remove target {index + 1}
                    </button>
                  )}
                </div>
              );
            })}

            {draft.targets.length < Math.max(2, metrics.length) && (
              <button type="button" className="nhsuk-button nhsuk-button--secondary" onClick={addTarget}>
                Add another target
              </button>
            )}
          </fieldset>
        </FormGroup>

        <RadioGroup
          name="sharing"
          legend="Who can see this intervention?"
          legendClass="nhsuk-fieldset__legend--m"
          options={valuesOf(Sharing)}
          labels={SHARING_LABELS}
          hints={SHARING_HINTS}
          value={draft.sharing}
          error={textError('sharing')}
          onChange={(v) => update('sharing', v)}
        />

        <button type="submit" className="nhsuk-button" disabled={submitting} aria-disabled={submitting}>
          {submitting ? 'Proposing…' : 'Propose intervention'}
        </button>
      </form>
    </>
  );
}
