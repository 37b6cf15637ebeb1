import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useMutation, useQuery } from '@apollo/client/react';
import {
  CORRECT_OBSERVATION_MUTATION,
  REBASE_SERIES_MUTATION,
  RECORD_OBSERVATIONS_MUTATION,
  WORKSPACE_METRICS_QUERY,
  WORKSPACE_QUERY,
} from '../../graphql/workspace';
import { formatPeriod, formatValue } from '../../lib/format';
import { evictTrustData } from '../../lib/refresh';
import { usePageTitle } from '../../lib/usePageTitle';
import { monthFrom, valueFrom } from '../../lib/workspace';
import { latestObservation, nextPeriodToRecord } from '../../lib/workspaceSummary';
import {
  DateInput,
  SelectField,
  TextArea,
  TextField,
  datePartsOf,
  newCommandId,
  useFormErrors,
  type DateParts,
  type Errors,
} from '../../components/FormFields';
import { Loading, QueryError } from '../../components/QueryError';
import { EditorOnly, useWorkspaceHref } from './useWorkspaceTrust';
import type { WorkspaceNotice } from './WorkspacePage';

type Kind = 'record' | 'correct' | 'rebase';

const TITLES: Record<Kind, string> = { record: 'Record a month’s data', correct: 'Correct a value', rebase: 'Start a new baseline' };

/** Server field paths (`observations.0.value`, `fromPeriod`, ...) as the ids of this form's fields. */
function fieldFor(path: string): string | undefined {
  const last = path.split('.').pop() ?? path;
  if (last === 'metric') return 'metric';
  if (last === 'period' || last === 'fromPeriod') return 'period';
  if (last === 'value') return 'value';
  if (last === 'reason') return 'reason';
  return undefined;
}

function DataForm({ code, kind }: { code: string; kind: Kind }) {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const href = useWorkspaceHref();
  const workspace = useQuery(WORKSPACE_QUERY, { variables: { code } });
  const metrics = useQuery(WORKSPACE_METRICS_QUERY);
  const [metric, setMetric] = useState(params.get('metric') ?? '');
  const [month, setMonth] = useState<DateParts | null>(null);
  const [period, setPeriod] = useState(params.get('period') ?? '');
  const [value, setValue] = useState('');
  const [reason, setReason] = useState('');
  const form = useFormErrors(['metric', 'period', 'value', 'reason'], fieldFor);
  const options = { update: (cache: Parameters<typeof evictTrustData>[0]) => evictTrustData(cache, code) };
  const [record, recordState] = useMutation(RECORD_OBSERVATIONS_MUTATION, options);
  const [correct, correctState] = useMutation(CORRECT_OBSERVATION_MUTATION, options);
  const [rebase, rebaseState] = useMutation(REBASE_SERIES_MUTATION, options);
  usePageTitle(TITLES[kind]);

  const trust = workspace.data?.trust;
  if (workspace.loading && !trust) return <Loading what="your trust’s data" />;
  if (workspace.error && !trust) return <QueryError error={workspace.error} what="your trust’s data" />;
  if (!trust) return <p>There is no trust with the ODS code {code}.</p>;

  const catalogue = metrics.data?.metrics ?? [];
  const choices =
    kind === 'record'
      ? catalogue.map((m) => ({ value: m.code, text: m.name }))
      : trust.series.map((s) => ({ value: s.metric, text: s.metricInfo?.name ?? s.metric }));
  const series = trust.series.find((s) => s.metric === metric);
  const info = catalogue.find((m) => m.code === metric) ?? series?.metricInfo ?? undefined;
  const recorded = [...(series?.observations ?? [])].reverse();
  const monthParts = month ?? datePartsOf(nextPeriodToRecord(series?.observations ?? [], new Date().toISOString().slice(0, 10)));
  const chosenPeriod = kind === 'record' ? '' : period || latestObservation(series?.observations ?? [])?.period || '';
  const current = series?.observations.find((o) => o.period === chosenPeriod);
  const submitting = recordState.loading || correctState.loading || rebaseState.loading;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const errors: Errors = {};
    if (!metric) errors.metric = 'Select the measure';
    let p = chosenPeriod;
    if (kind === 'record') {
      const m = monthFrom(monthParts.month, monthParts.year);
      if ('error' in m) errors.period = m.error;
      else if (series?.observations.some((o) => o.period === m.period))
        errors.period = `${formatPeriod(m.period)} is already recorded: correct it instead, with a reason`;
      else p = m.period;
    } else if (!p) errors.period = 'Select the month';
    let v = 0;
    if (kind !== 'rebase') {
      const r = valueFrom(value, info ? { code: metric, name: info.name, unit: info.unit, validMin: info.validMin, validMax: info.validMax } : undefined);
      if ('error' in r) errors.value = r.error;
      else v = r.value;
    }
    if (kind !== 'record' && !reason.trim()) errors.reason = kind === 'correct' ? 'Enter why the value is being corrected' : 'Enter why the process changed';
    if (Object.keys(errors).length > 0) return form.fail(errors);
    const commandId = newCommandId();
    const name = info?.name ?? metric;
    try {
      if (kind === 'record') await record({ variables: { input: { trustCode: code, metric, observations: [{ period: p, value: v }], commandId } } });
      else if (kind === 'correct') await correct({ variables: { input: { trustCode: code, metric, period: p, value: v, reason: reason.trim(), commandId } } });
      else await rebase({ variables: { input: { trustCode: code, metric, fromPeriod: p, reason: reason.trim(), commandId } } });
      const done =
        kind === 'record'
          ? `${formatPeriod(p)} has been recorded for ${name}.`
          : kind === 'correct'
            ? `${formatPeriod(p)} of ${name} has been corrected.`
            : `${name} has a new baseline from ${formatPeriod(p)}.`;
      void navigate(href('/workspace'), { state: { done } satisfies WorkspaceNotice });
    } catch (error) {
      form.fail(error);
    }
  };

  return (
    <>
      <Link className="nhsuk-back-link" to={href('/workspace')}>
        Back to your workspace
      </Link>
      {form.summary}
      <h1>
        <span className="nhsuk-caption-l">
          {trust.name}
          <span className="nhsuk-u-visually-hidden"> - </span>
        </span>
        {TITLES[kind]}
      </h1>
      {kind === 'record' && (
        <p>
          To add many months at once, <Link to={href('/workspace/upload', metric ? { metric } : {})}>upload a CSV file</Link>.
        </p>
      )}
      <form onSubmit={(e) => void submit(e)} noValidate>
        <SelectField
          id="metric"
          label="Measure"
          value={metric}
          onChange={setMetric}
          options={choices}
          placeholder="Select a measure"
          error={form.errors.metric}
        />
        {kind === 'record' ? (
          <DateInput id="period" label="Which month?" hint="For example, 3 2025" monthOnly value={monthParts} onChange={setMonth} error={form.errors.period} />
        ) : (
          <SelectField
            id="period"
            label={kind === 'correct' ? 'Which month?' : 'First month of the new baseline'}
            hint={kind === 'rebase' ? 'The month the process changed: the mean and limits are worked out again from this month' : undefined}
            value={chosenPeriod}
            onChange={setPeriod}
            options={recorded.map((o) => ({ value: o.period, text: `${formatPeriod(o.period)} (${formatValue(o.value, info?.unit)})` }))}
            placeholder="Select a month"
            error={form.errors.period}
          />
        )}
        {kind !== 'rebase' && (
          <TextField
            id="value"
            label={kind === 'correct' ? 'Correct value' : 'Value'}
            hint={
              kind === 'correct' && current
                ? `Now ${formatValue(current.value, info?.unit)}`
                : info
                  ? `Between ${info.validMin} and ${info.validMax}${info.unit === '%' ? '%' : ` ${info.unit}`}`
                  : undefined
            }
            width="5"
            inputMode="decimal"
            value={value}
            onChange={setValue}
            error={form.errors.value}
          />
        )}
        {kind !== 'record' && (
          <TextArea
            id="reason"
            label={kind === 'correct' ? 'Why is it being corrected?' : 'Why did the process change?'}
            hint="Everyone who reads the series sees this with the change"
            value={reason}
            onChange={setReason}
            error={form.errors.reason}
          />
        )}
        <button className="nhsuk-button" type="submit" disabled={submitting}>
          {kind === 'record' ? 'Record the month' : kind === 'correct' ? 'Correct the value' : 'Start the new baseline'}
        </button>
      </form>
    </>
  );
}

export function RecordMonthPage() {
  return <EditorOnly what={TITLES.record}>{(code) => <DataForm code={code} kind="record" />}</EditorOnly>;
}

export function CorrectValuePage() {
  return <EditorOnly what={TITLES.correct}>{(code) => <DataForm code={code} kind="correct" />}</EditorOnly>;
}

export function RebaseSeriesPage() {
  return <EditorOnly what={TITLES.rebase}>{(code) => <DataForm code={code} kind="rebase" />}</EditorOnly>;
}
