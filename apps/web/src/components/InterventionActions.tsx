import type { ApolloCache } from '@apollo/client';
import { useState, type FormEvent, type ReactNode } from 'react';
import { useMutation, useQuery } from '@apollo/client/react';
import { Sharing, type InterventionDetailFragment } from '../__generated__/graphql';
import { VIEWER_QUERY } from '../graphql/viewer';
import {
  ABANDON_INTERVENTION_MUTATION,
  CHANGE_SHARING_MUTATION,
  COMPLETE_INTERVENTION_MUTATION,
  LOG_PDSA_CYCLE_MUTATION,
  START_INTERVENTION_MUTATION,
} from '../graphql/workspace';
import { valuesOf } from '../lib/enums';
import { SHARING_LABELS, label } from '../lib/labels';
import { evictTrustData } from '../lib/refresh';
import { dateFrom } from '../lib/workspace';
import { canEditTrust } from '../lib/workspaceSummary';
import { DateInput, SelectField, TextArea, newCommandId, todayParts, useFormErrors, type DateParts, type Errors } from './FormFields';

type Intervention = InterventionDetailFragment;
type Done = (message: string) => void;

/** One action in an NHS details disclosure: its own form, error summary and inline errors. */
function Action({ title, children }: { title: string; children: ReactNode }) {
  return (
    <details className="nhsuk-details">
      <summary className="nhsuk-details__summary">
        <span className="nhsuk-details__summary-text">{title}</span>
      </summary>
      <div className="nhsuk-details__text">{children}</div>
    </details>
  );
}

function useRefresh(trustCode: string) {
  return {
    refetchQueries: ['InterventionOutcomes'],
    update(cache: ApolloCache) {
      evictTrustData(cache, trustCode);
    },
  };
}

function StartForm({ i, onDone }: { i: Intervention; onDone: Done }) {
  const [date, setDate] = useState<DateParts>(todayParts);
  const form = useFormErrors(['start-date'], (path) => (path === 'startedOn' ? 'start-date' : undefined));
  const [start, { loading }] = useMutation(START_INTERVENTION_MUTATION, useRefresh(i.trustCode));
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const d = dateFrom(date.day, date.month, date.year, 'the start date');
    if ('error' in d) return form.fail({ 'start-date': d.error });
    try {
      await start({ variables: { input: { interventionId: i.id, startedOn: d.date, commandId: newCommandId() } } });
      form.clear();
      onDone('The intervention has been started.');
    } catch (error) {
      form.fail(error);
    }
  };
  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      {form.summary}
      <DateInput id="start-date" label="When did it start?" hint="For example, 1 3 2025" value={date} onChange={setDate} error={form.errors['start-date']} />
      <button className="nhsuk-button" type="submit" disabled={loading}>
        Start the intervention
      </button>
    </form>
  );
}

function PdsaForm({ i, onDone }: { i: Intervention; onDone: Done }) {
  const [date, setDate] = useState<DateParts>(todayParts);
  const [text, setText] = useState({ plan: '', do: '', study: '', act: '' });
  const ids = ['pdsa-date', 'pdsa-plan', 'pdsa-do', 'pdsa-study', 'pdsa-act'];
  const form = useFormErrors(ids, (path) => (path === 'cycleDate' ? 'pdsa-date' : ids.includes(`pdsa-${path}`) ? `pdsa-${path}` : undefined));
  const [log, { loading }] = useMutation(LOG_PDSA_CYCLE_MUTATION, useRefresh(i.trustCode));
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const errors: Errors = {};
    const d = dateFrom(date.day, date.month, date.year, 'the date of the cycle');
    if ('error' in d) errors['pdsa-date'] = d.error;
    const names = { plan: 'what you planned', do: 'what you did', study: 'what you found', act: 'what you will do next' };
    for (const key of ['plan', 'do', 'study', 'act'] as const) if (!text[key].trim()) errors[`pdsa-${key}`] = `Enter ${names[key]}`;
    if (Object.keys(errors).length > 0 || 'error' in d) return form.fail(errors);
    try {
      await log({
        variables: {
          input: {
            interventionId: i.id,
            cycleDate: d.date,
            plan: text.plan.trim(),
            do: text.do.trim(),
            study: text.study.trim(),
            act: text.act.trim(),
            commandId: newCommandId(),
          },
        },
      });
      form.clear();
      setText({ plan: '', do: '', study: '', act: '' });
      onDone('The plan-do-study-act cycle has been logged.');
    } catch (error) {
      form.fail(error);
    }
  };
  const field = (key: keyof typeof text, title: string, hint: string) => (
    <TextArea
      id={`pdsa-${key}`}
      label={title}
      hint={hint}
      value={text[key]}
      onChange={(v) => setText((t) => ({ ...t, [key]: v }))}
      error={form.errors[`pdsa-${key}`]}
    />
  );
  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      {form.summary}
      <DateInput id="pdsa-date" label="When was the cycle?" hint="For example, 15 3 2025" value={date} onChange={setDate} error={form.errors['pdsa-date']} />
      {field('plan', 'Plan', 'What you planned to try, and what you expected to happen')}
      {field('do', 'Do', 'What you did')}
      {field('study', 'Study', 'What you found, compared with what you expected')}
      {field('act', 'Act', 'What you will keep, change or drop next')}
      <button className="nhsuk-button" type="submit" disabled={loading}>
        Log the cycle
      </button>
    </form>
  );
}

function CompleteForm({ i, onDone }: { i: Intervention; onDone: Done }) {
  const [date, setDate] = useState<DateParts>(todayParts);
  const [summary, setSummary] = useState('');
  const form = useFormErrors(['complete-date', 'complete-summary'], (path) =>
    path === 'completedOn' ? 'complete-date' : path === 'summary' ? 'complete-summary' : undefined,
  );
  const [complete, { loading }] = useMutation(COMPLETE_INTERVENTION_MUTATION, useRefresh(i.trustCode));
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const d = dateFrom(date.day, date.month, date.year, 'the completion date');
    if ('error' in d) return form.fail({ 'complete-date': d.error });
    try {
      await complete({ variables: { input: { interventionId: i.id, completedOn: d.date, summary: summary.trim() || null, commandId: newCommandId() } } });
      form.clear();
      onDone('The intervention has been completed.');
    } catch (error) {
      form.fail(error);
    }
  };
  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      {form.summary}
      <DateInput
        id="complete-date"
        label="When was it completed?"
        hint="For example, 30 9 2025"
        value={date}
        onChange={setDate}
        error={form.errors['complete-date']}
      />
      <TextArea id="complete-summary" label="What did it achieve? (optional)" value={summary} onChange={setSummary} error={form.errors['complete-summary']} />
      <button className="nhsuk-button" type="submit" disabled={loading}>
        Complete the intervention
      </button>
    </form>
  );
}

function AbandonForm({ i, onDone }: { i: Intervention; onDone: Done }) {
  const [date, setDate] = useState<DateParts>(todayParts);
  const [reason, setReason] = useState('');
  const form = useFormErrors(['abandon-date', 'abandon-reason'], (path) =>
    path === 'abandonedOn' ? 'abandon-date' : path === 'reason' ? 'abandon-reason' : undefined,
  );
  const [abandon, { loading }] = useMutation(ABANDON_INTERVENTION_MUTATION, useRefresh(i.trustCode));
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const errors: Errors = {};
    const d = dateFrom(date.day, date.month, date.year, 'the date it was abandoned');
    if ('error' in d) errors['abandon-date'] = d.error;
    if (!reason.trim()) errors['abandon-reason'] = 'Enter why the intervention was abandoned';
    if (Object.keys(errors).length > 0 || 'error' in d) return form.fail(errors);
    try {
      await abandon({ variables: { input: { interventionId: i.id, abandonedOn: d.date, reason: reason.trim(), commandId: newCommandId() } } });
      form.clear();
      onDone('The intervention has been abandoned.');
    } catch (error) {
      form.fail(error);
    }
  };
  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      {form.summary}
      <DateInput id="abandon-date" label="When was it abandoned?" value={date} onChange={setDate} error={form.errors['abandon-date']} />
      <TextArea
        id="abandon-reason"
        label="Why was it abandoned?"
        hint="Other trusts learn from this too"
        value={reason}
        onChange={setReason}
        error={form.errors['abandon-reason']}
      />
      <button className="nhsuk-button nhsuk-button--warning" type="submit" disabled={loading}>
        Abandon the intervention
      </button>
    </form>
  );
}

function SharingForm({ i, onDone }: { i: Intervention; onDone: Done }) {
  const [sharing, setSharing] = useState<string>(i.sharing);
  const form = useFormErrors(['sharing-choice'], (path) => (path === 'sharing' ? 'sharing-choice' : undefined));
  const [change, { loading }] = useMutation(CHANGE_SHARING_MUTATION, useRefresh(i.trustCode));
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (sharing === i.sharing) return form.fail({ 'sharing-choice': 'Select who should see it: that is who sees it now' });
    try {
      await change({ variables: { input: { interventionId: i.id, sharing: sharing as Sharing, commandId: newCommandId() } } });
      form.clear();
      onDone('Who can see the intervention has been changed.');
    } catch (error) {
      form.fail(error);
    }
  };
  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      {form.summary}
      <SelectField
        id="sharing-choice"
        label="Who can see this intervention?"
        value={sharing}
        onChange={setSharing}
        options={valuesOf(Sharing).map((s) => ({ value: s, text: label(SHARING_LABELS, s) }))}
        error={form.errors['sharing-choice']}
      />
      <button className="nhsuk-button" type="submit" disabled={loading}>
        Change who can see it
      </button>
    </form>
  );
}

/**
 * What an editor of the intervention's trust (or an administrator) can do next, for its
 * status: start it; log a PDSA cycle or complete it; abandon it; change who sees it. Each
 * saved change refreshes the page (the mutation returns the intervention; outcomes and the
 * trust's cached data are fetched again).
 */
export function InterventionActions({ intervention: i }: { intervention: Intervention }) {
  const { data } = useQuery(VIEWER_QUERY);
  const [done, setDone] = useState<string | null>(null);
  if (!canEditTrust(data?.viewer, i.trustCode)) return null;
  const open = i.status === 'PROPOSED' || i.status === 'ACTIVE';
  return (
    <section aria-labelledby="intervention-actions">
      <h2 id="intervention-actions">Update this intervention</h2>
      {done && (
        <div className="nhsuk-inset-text" role="status">
          <span className="nhsuk-u-visually-hidden">Information: </span>
          <p>{done}</p>
        </div>
      )}
      {i.status === 'PROPOSED' && (
        <Action title="Start it">
          <StartForm i={i} onDone={setDone} />
        </Action>
      )}
      {i.status === 'ACTIVE' && (
        <>
          <Action title="Log a plan-do-study-act cycle">
            <PdsaForm i={i} onDone={setDone} />
          </Action>
          <Action title="Complete it">
            <CompleteForm i={i} onDone={setDone} />
          </Action>
        </>
      )}
      {open && (
        <Action title="Abandon it">
          <AbandonForm i={i} onDone={setDone} />
        </Action>
      )}
      <Action title="Change who can see it">
        <SharingForm i={i} onDone={setDone} />
      </Action>
    </section>
  );
}
