import { useState, type FormEvent } from 'react';
import { useMutation, useQuery } from '@apollo/client/react';
import type { SustainabilityAssessmentFieldsFragment as Assessment } from '../__generated__/graphql';
import { ASSESS_SUSTAINABILITY_MUTATION, INTERVENTION_SUSTAINABILITY_QUERY, SUSTAINABILITY_FACTORS_QUERY } from '../graphql/sustainability';
import { VIEWER_QUERY } from '../graphql/viewer';
import { formatDate } from '../lib/format';
import { GROUP_LABELS, MAX_SUSTAINABILITY_NOTE, factorFieldId, fieldForPath, mayAssess, totalsTrend, validateAssessment } from '../lib/sustainability';
import { DateInput, TextArea, newCommandId, todayParts, useFormErrors, type DateParts } from './FormFields';
import { ErrorMessage } from './ErrorSummary';

const VERDICT_WORDS: Readonly<Record<string, string>> = {
  SUSTAINED: 'sustained',
  FADED: 'faded',
  NOT_YET_EVIDENT: 'not yet evident',
  NO_SIGNAL: 'no signal',
  DETERIORATED: 'deteriorated',
  INSUFFICIENT_DATA: 'not enough data',
};

const formatScore = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(1));

/**
 * "Will it last?": the team's latest sustainability self-assessment (NHS Sustainability Model
 * factors, scored on Longview's own scale) beside the data verdict, with the server's plain-English
 * verdict on whether they agree; the history of assessments; and, for the trust's editors, the form.
 */
export function SustainabilityPanel({ interventionId, trustCode }: { interventionId: string; trustCode: string }) {
  const { data, loading, error } = useQuery(INTERVENTION_SUSTAINABILITY_QUERY, { variables: { id: interventionId } });
  const viewer = useQuery(VIEWER_QUERY).data?.viewer ?? null;
  const intervention = data?.intervention;
  if (loading && !data) return <p className="nhsuk-body">Loading the sustainability self-assessment…</p>;
  if ((error && !data) || !intervention) return <p className="nhsuk-body">The sustainability self-assessment could not be loaded. Try again later.</p>;
  const assessments = intervention.sustainabilityAssessments;
  const latest = assessments[0];
  const comparison = intervention.sustainabilityComparison;
  return (
    <section aria-labelledby="sustainability-heading" className="app-sustainability">
      <h2 id="sustainability-heading">Will it last? The team’s view and the data</h2>
      <p className="nhsuk-hint">
        The team’s own view uses the ten factors of the NHS Sustainability Model, scored on Longview’s own scale out of 100. The data verdict comes from the
        outcome data only. When they disagree, that is the conversation to have.
      </p>
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-one-half">
          <div className="nhsuk-card">
            <div className="nhsuk-card__content">
              <h3 className="nhsuk-card__heading">The team’s view</h3>
              {latest ? (
                <>
                  <p className="nhsuk-body-l nhsuk-u-margin-bottom-2">
                    <strong>
                      {formatScore(latest.total)} of {latest.max}
                    </strong>
                  </p>
                  <p className="nhsuk-body">
                    {comparison.teamLikelyToLast ? 'Likely to last' : 'At risk of not lasting'} (self-assessed {formatDate(latest.assessedOn)})
                  </p>
                  <GroupScores assessment={latest} />
                </>
              ) : (
                <p className="nhsuk-body">The team has not recorded a self-assessment yet.</p>
              )}
            </div>
          </div>
        </div>
        <div className="nhsuk-grid-column-one-half">
          <div className="nhsuk-card">
            <div className="nhsuk-card__content">
              <h3 className="nhsuk-card__heading">What the data say</h3>
              {comparison.verdicts.length === 0 ? (
                <p className="nhsuk-body">No target metric has outcome data yet.</p>
              ) : (
                <ul className="nhsuk-list">
                  {comparison.verdicts.map((o) => (
                    <li key={o.metric}>
                      <strong>{o.metricName}</strong>: {VERDICT_WORDS[o.sustainability] ?? o.sustainability}
                    </li>
                  ))}
                </ul>
              )}
            </div>
          </div>
        </div>
      </div>
      <div
        className={comparison.agreement === 'DISAGREE' ? 'nhsuk-warning-callout' : 'nhsuk-inset-text'}
        data-testid="sustainability-comparison"
        data-agreement={comparison.agreement}
      >
        {comparison.agreement === 'DISAGREE' ? (
          <h3 className="nhsuk-warning-callout__label">
            <span role="text">
              <span className="nhsuk-u-visually-hidden">Important: </span>The team’s view and the data disagree
            </span>
          </h3>
        ) : (
          <span className="nhsuk-u-visually-hidden">{comparison.agreement === 'AGREE' ? 'They agree: ' : 'Nothing to compare yet: '}</span>
        )}
        <p>{comparison.explanation}</p>
      </div>
      <AssessmentHistory assessments={assessments} />
      {mayAssess(viewer, trustCode) && <AssessmentForm interventionId={interventionId} />}
    </section>
  );
}

function GroupScores({ assessment }: { assessment: Assessment }) {
  return (
    <dl className="nhsuk-summary-list nhsuk-summary-list--no-last-row-border nhsuk-u-margin-bottom-0">
      {assessment.groups.map((g) => (
        <div key={g.group} className="nhsuk-summary-list__row">
          <dt className="nhsuk-summary-list__key">{GROUP_LABELS[g.group] ?? g.group}</dt>
          <dd className="nhsuk-summary-list__value">
            {formatScore(g.score)} of {formatScore(g.max)}
          </dd>
        </div>
      ))}
    </dl>
  );
}

function AssessmentHistory({ assessments }: { assessments: readonly Assessment[] }) {
  if (assessments.length === 0) return null;
  const trend = totalsTrend(assessments);
  const byDate = new Map(assessments.map((a) => [a.assessedOn, a]));
  return (
    <>
      <h3>Self-assessments over time</h3>
      <div className="app-table-wrapper" tabIndex={0} role="region" aria-label="Self-assessments over time">
        <table className="nhsuk-table">
          <caption className="nhsuk-table__caption nhsuk-u-visually-hidden">The team’s sustainability self-assessments, oldest first</caption>
          <thead className="nhsuk-table__head">
            <tr className="nhsuk-table__row">
              <th scope="col" className="nhsuk-table__header">
                Date
              </th>
              <th scope="col" className="nhsuk-table__header">
                Total of 100
              </th>
              <th scope="col" className="nhsuk-table__header">
                Change
              </th>
              <th scope="col" className="nhsuk-table__header">
                Process, staff, organisation
              </th>
              <th scope="col" className="nhsuk-table__header">
                Note
              </th>
            </tr>
          </thead>
          <tbody className="nhsuk-table__body">
            {trend.map((t) => {
              const a = byDate.get(t.assessedOn);
              return (
                <tr key={t.assessedOn} className="nhsuk-table__row">
                  <td className="nhsuk-table__cell">{formatDate(t.assessedOn)}</td>
                  <td className="nhsuk-table__cell">
                    <span className="app-sustainability__bar" aria-hidden="true" style={{ width: `${Math.max(t.total, 1) * 0.6}px` }} /> {formatScore(t.total)}
                  </td>
                  <td className="nhsuk-table__cell">
                    {t.change === null ? 'First' : t.change === 0 ? 'No change' : `${t.change > 0 ? 'Up' : 'Down'} ${formatScore(Math.abs(t.change))}`}
                  </td>
                  <td className="nhsuk-table__cell">{a?.groups.map((g) => formatScore(g.score)).join(', ')}</td>
                  <td className="nhsuk-table__cell app-pre-wrap">
                    {a?.note ?? ''}
                    {a ? (
                      <span className="nhsuk-body-s">
                        {' '}
                        {a.note ? '- ' : ''}by {a.assessedBy.name}
                      </span>
                    ) : null}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </>
  );
}

function AssessmentForm({ interventionId }: { interventionId: string }) {
  const factorsQuery = useQuery(SUSTAINABILITY_FACTORS_QUERY);
  const factors = factorsQuery.data?.sustainabilityFactors ?? [];
  const [date, setDate] = useState<DateParts>(todayParts);
  const [levels, setLevels] = useState<Record<string, number | undefined>>({});
  const [note, setNote] = useState('');
  const [commandId, setCommandId] = useState(newCommandId);
  const [saved, setSaved] = useState(false);
  const order = ['sus-date', ...factors.map((f) => factorFieldId(f.factor)), 'sus-note'];
  const form = useFormErrors(order, (path) => fieldForPath(path, factors));
  const [assess, { loading }] = useMutation(ASSESS_SUSTAINABILITY_MUTATION);
  if (factors.length === 0) return null;

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSaved(false);
    const today = new Date().toISOString().slice(0, 10);
    const { errors, assessedOn } = validateAssessment({ ...date, levels, note }, factors, today);
    if (Object.keys(errors).length > 0 || !assessedOn) {
      form.fail(errors);
      return;
    }
    try {
      await assess({
        variables: {
          input: {
            interventionId,
            assessedOn,
            scores: factors.map((f) => ({ factor: f.factor, level: levels[f.factor] as number })),
            ...(note.trim() ? { note: note.trim() } : {}),
            commandId,
          },
        },
      });
      form.clear();
      setLevels({});
      setNote('');
      setCommandId(newCommandId());
      setSaved(true);
    } catch (problem) {
      form.fail(problem);
    }
  }

  const groups = [...new Set(factors.map((f) => f.group))];
  return (
    <form onSubmit={(e) => void submit(e)} noValidate aria-labelledby="assess-sustainability-heading">
      {form.summary}
      <h3 id="assess-sustainability-heading">Record a sustainability self-assessment</h3>
      {saved && (
        <div className="nhsuk-inset-text" role="status">
          <span className="nhsuk-u-visually-hidden">Information: </span>
          <p>Your self-assessment has been recorded.</p>
        </div>
      )}
      <p className="nhsuk-body">
        For each factor, choose the level that best describes the intervention today: 1 is the weakest, 4 the strongest. Each factor is worth up to 10 points on
        Longview’s own scale.
      </p>
      <DateInput
        id="sus-date"
        label="When did the team make this assessment?"
        hint="For example, 15 3 2026"
        value={date}
        onChange={setDate}
        error={form.errors['sus-date']}
      />
      {groups.map((group) => (
        <fieldset key={group} className="nhsuk-fieldset nhsuk-u-margin-bottom-5">
          <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--m">{GROUP_LABELS[group] ?? group}</legend>
          {factors
            .filter((f) => f.group === group)
            .map((f) => (
              <FactorRadios
                key={f.factor}
                id={factorFieldId(f.factor)}
                name={f.name}
                levels={f.levels}
                value={levels[f.factor]}
                error={form.errors[factorFieldId(f.factor)]}
                onChange={(level) => setLevels((current) => ({ ...current, [f.factor]: level }))}
              />
            ))}
        </fieldset>
      ))}
      <TextArea
        id="sus-note"
        label="Note (optional)"
        hint={`Who took part, and what you would do to make it last. At most ${MAX_SUSTAINABILITY_NOTE.toLocaleString('en-GB')} characters.`}
        error={form.errors['sus-note']}
        value={note}
        onChange={setNote}
        rows={4}
      />
      <button type="submit" className="nhsuk-button" disabled={loading}>
        Record self-assessment
      </button>
    </form>
  );
}

function FactorRadios(props: {
  id: string;
  name: string;
  levels: readonly string[];
  value: number | undefined;
  error: string | undefined;
  onChange: (level: number) => void;
}) {
  const { id, name, levels, value, error, onChange } = props;
  return (
    <div className={`nhsuk-form-group${error ? ' nhsuk-form-group--error' : ''}`}>
      <fieldset className="nhsuk-fieldset" aria-describedby={error ? `${id}-error` : undefined}>
        <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">{name}</legend>
        <ErrorMessage id={`${id}-error`} message={error} />
        <div className="nhsuk-radios">
          {levels.map((description, index) => {
            const level = index + 1;
            const optionId = index === 0 ? id : `${id}-${level}`;
            return (
              <div key={level} className="nhsuk-radios__item">
                <input
                  className="nhsuk-radios__input"
                  id={optionId}
                  name={id}
                  type="radio"
                  value={level}
                  checked={value === level}
                  aria-describedby={`${optionId}-hint`}
                  onChange={() => onChange(level)}
                />
                <label className="nhsuk-label nhsuk-radios__label" htmlFor={optionId}>
                  Level {level}
                </label>
                <div className="nhsuk-hint nhsuk-radios__hint" id={`${optionId}-hint`}>
                  {description}
                </div>
              </div>
            );
          })}
        </div>
      </fieldset>
    </div>
  );
}
