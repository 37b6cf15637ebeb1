import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { useMutation, useQuery } from '@apollo/client/react';
import { CqcRating, Region, TrustKind } from '../../__generated__/graphql';
import { UPDATE_TRUST_CONTEXT_MUTATION, WORKSPACE_QUERY } from '../../graphql/workspace';
import { valuesOf } from '../../lib/enums';
import { CQC_LABELS, REGION_LABELS, TRUST_KIND_LABELS, label } from '../../lib/labels';
import { formatDate } from '../../lib/format';
import { evictTrustData } from '../../lib/refresh';
import { usePageTitle } from '../../lib/usePageTitle';
import { dateFrom } from '../../lib/workspace';
import { DateInput, SelectField, TextArea, TextField, newCommandId, todayParts, useFormErrors, type DateParts, type Errors } from '../../components/FormFields';
import { Loading, QueryError } from '../../components/QueryError';
import { EditorOnly, useWorkspaceHref } from './useWorkspaceTrust';
import type { WorkspaceNotice } from './WorkspacePage';

const NUMBERS = [
  ['beds', 'Beds', 'integer', 0, 100000],
  ['catchmentPopulation', 'Catchment population', 'integer', 0, 100000000],
  ['aeAttendances', 'A&E attendances a year', 'integer', 0, 100000000],
  ['deprivation', 'Deprivation (IMD score, 0 to 100)', 'number', 0, 100],
  ['oversightSegment', 'Oversight segment (1 is best, 5 most support)', 'integer', 1, 5],
] as const;
type NumberKey = (typeof NUMBERS)[number][0];

/** An optional number box: blank is "not known"; otherwise a number of the right kind in range. */
export function optionalNumber(text: string, kind: 'integer' | 'number', min: number, max: number, what: string): { value: number | null } | { error: string } {
  const t = text.trim().replace(/,/g, '');
  if (!t) return { value: null };
  if (!/^\d+(\.\d+)?$/.test(t) || (kind === 'integer' && t.includes('.')))
    return { error: `${what} must be a ${kind === 'integer' ? 'whole number' : 'number'}, or left blank` };
  const value = Number(t);
  if (value < min || value > max) return { error: `${what} must be between ${min} and ${max}` };
  return { value };
}

function ContextForm({ code }: { code: string }) {
  const navigate = useNavigate();
  const href = useWorkspaceHref();
  const workspace = useQuery(WORKSPACE_QUERY, { variables: { code } });
  const [draft, setDraft] = useState<Record<string, string> | null>(null);
  const [date, setDate] = useState<DateParts>(todayParts);
  const [reason, setReason] = useState('');
  const ids = ['kind', 'region', ...NUMBERS.map((n) => n[0]), 'cqcRating', 'effectiveFrom', 'reason'];
  const form = useFormErrors(ids, (path) => {
    const last = path.replace(/^context\./, '');
    return ids.includes(last) ? last : undefined;
  });
  const [update, { loading }] = useMutation(UPDATE_TRUST_CONTEXT_MUTATION, { update: (cache) => evictTrustData(cache, code) });
  usePageTitle('Update your trust’s context');
  const trust = workspace.data?.trust;
  if (workspace.loading && !trust) return <Loading what="your trust’s context" />;
  if (workspace.error && !trust) return <QueryError error={workspace.error} what="your trust’s context" />;
  if (!trust) return <p>There is no trust with the ODS code {code}.</p>;
  const c = trust.context;
  const values: Record<string, string> = draft ?? {
    kind: c.kind,
    region: c.region,
    cqcRating: c.cqcRating ?? '',
    ...Object.fromEntries(NUMBERS.map(([key]) => [key, c[key] === null || c[key] === undefined ? '' : String(c[key])])),
  };
  const set = (key: string) => (value: string) => setDraft({ ...values, [key]: value });

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const errors: Errors = {};
    const numbers: Partial<Record<NumberKey, number | null>> = {};
    for (const [key, title, kind, min, max] of NUMBERS) {
      const r = optionalNumber(values[key] ?? '', kind, min, max, title.replace(/ \(.*\)$/, ''));
      if ('error' in r) errors[key] = r.error;
      else numbers[key] = r.value;
    }
    const d = dateFrom(date.day, date.month, date.year, 'the date the context takes effect');
    if ('error' in d) errors.effectiveFrom = d.error;
    if (Object.keys(errors).length > 0 || 'error' in d) return form.fail(errors);
    try {
      await update({
        variables: {
          input: {
            code,
            effectiveFrom: d.date,
            reason: reason.trim() || null,
            commandId: newCommandId(),
            context: {
              kind: values.kind as TrustKind,
              region: values.region as Region,
              cqcRating: (values.cqcRating || null) as CqcRating | null,
              beds: numbers.beds ?? null,
              catchmentPopulation: numbers.catchmentPopulation ?? null,
              aeAttendances: numbers.aeAttendances ?? null,
              deprivation: numbers.deprivation ?? null,
              oversightSegment: numbers.oversightSegment ?? null,
            },
          },
        },
      });
      void navigate(href('/workspace'), { state: { done: `Your trust’s context has been updated from ${formatDate(d.date)}.` } satisfies WorkspaceNotice });
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
        Update your trust’s context
      </h1>
      <p>The context is used to find trusts like yours. The earlier context is kept, so older comparisons still use the context of their time.</p>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <SelectField
          id="kind"
          label="Kind of trust"
          value={values.kind ?? ''}
          onChange={set('kind')}
          options={valuesOf(TrustKind).map((k) => ({ value: k, text: label(TRUST_KIND_LABELS, k) }))}
          error={form.errors.kind}
        />
        <SelectField
          id="region"
          label="Region"
          value={values.region ?? ''}
          onChange={set('region')}
          options={valuesOf(Region).map((r) => ({ value: r, text: label(REGION_LABELS, r) }))}
          error={form.errors.region}
        />
        {NUMBERS.map(([key, title]) => (
          <TextField
            key={key}
            id={key}
            label={`${title} (optional)`}
            width="10"
            inputMode="decimal"
            value={values[key] ?? ''}
            onChange={set(key)}
            error={form.errors[key]}
          />
        ))}
        <SelectField
          id="cqcRating"
          label="CQC rating (optional)"
          value={values.cqcRating ?? ''}
          onChange={set('cqcRating')}
          options={valuesOf(CqcRating).map((r) => ({ value: r, text: label(CQC_LABELS, r) }))}
          placeholder="Not known"
          error={form.errors.cqcRating}
        />
        <DateInput
          id="effectiveFrom"
          label="When does this context take effect?"
          hint="For example, 1 4 2025"
          value={date}
          onChange={setDate}
          error={form.errors.effectiveFrom}
        />
        <TextArea
          id="reason"
          label="Why has it changed? (optional)"
          hint="For example, a merger or a new CQC inspection"
          value={reason}
          onChange={setReason}
          error={form.errors.reason}
        />
        <button className="nhsuk-button" type="submit" disabled={loading}>
          Update the context
        </button>
      </form>
    </>
  );
}

export default function TrustContextPage() {
  return <EditorOnly what="Update your trust’s context">{(code) => <ContextForm code={code} />}</EditorOnly>;
}
