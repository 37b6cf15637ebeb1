import { useRef, useState, type FormEvent } from 'react';
import type { ApolloCache } from '@apollo/client';
import { Link, useNavigate, useParams } from 'react-router';
import { useMutation, useQuery } from '@apollo/client/react';
import { Sharing, type DriverDiagramFieldsFragment, type DriverDiagramPrimaryDriverInput } from '../../__generated__/graphql';
import { DEFINE_DRIVER_DIAGRAM_MUTATION, DRIVER_DIAGRAM_QUERY, REVISE_DRIVER_DIAGRAM_MUTATION } from '../../graphql/driverDiagrams';
import { WORKSPACE_METRICS_QUERY, WORKSPACE_QUERY } from '../../graphql/workspace';
import { valuesOf } from '../../lib/enums';
import { SHARING_LABELS } from '../../lib/labels';
import { usePageTitle } from '../../lib/usePageTitle';
import { ErrorMessage } from '../../components/ErrorSummary';
import { SelectField, TextArea, TextField, newCommandId, useFormErrors, type Errors } from '../../components/FormFields';
import { Loading, QueryError } from '../../components/QueryError';
import { EditorOnly, useWorkspaceHref } from './useWorkspaceTrust';
import type { WorkspaceNotice } from './WorkspacePage';

interface IdeaDraft {
  key: number;
  text: string;
  interventionIds: string[];
}
interface SecondaryDraft {
  key: number;
  text: string;
  changeIdeas: IdeaDraft[];
}
interface PrimaryDraft {
  key: number;
  text: string;
  secondaryDrivers: SecondaryDraft[];
}
interface Draft {
  aim: string;
  measure: string;
  sharing: Sharing | '';
  note: string;
  primaryDrivers: PrimaryDraft[];
}

/** Limits the decider enforces, mirrored so the form offers no more rows than may be sent. */
const MAX = { primary: 8, secondary: 8, ideas: 10, aim: 500, text: 300 } as const;

const SHARING_HINTS: Readonly<Record<Sharing, string>> = {
  PRIVATE: 'Only people in your trust can see it.',
  TRUSTS: 'People in other NHS trusts and policymakers can see it.',
  PUBLIC: 'Anyone can see it, including patients, staff and researchers.',
};

let nextKey = 1;
const key = () => nextKey++;
const emptyIdea = (): IdeaDraft => ({ key: key(), text: '', interventionIds: [] });
const emptySecondary = (): SecondaryDraft => ({ key: key(), text: '', changeIdeas: [emptyIdea()] });
const emptyPrimary = (): PrimaryDraft => ({ key: key(), text: '', secondaryDrivers: [emptySecondary()] });
const emptyDraft = (): Draft => ({ aim: '', measure: '', sharing: '', note: '', primaryDrivers: [emptyPrimary()] });

function draftOf(diagram: DriverDiagramFieldsFragment): Draft {
  return {
    aim: diagram.aim,
    measure: diagram.measure,
    sharing: diagram.sharing,
    note: '',
    primaryDrivers: diagram.primaryDrivers.map((p) => ({
      key: key(),
      text: p.text,
      secondaryDrivers: p.secondaryDrivers.map((s) => ({
        key: key(),
        text: s.text,
        changeIdeas: s.changeIdeas.map((c) => ({ key: key(), text: c.text, interventionIds: c.interventions.map((i) => i.id) })),
      })),
    })),
  };
}

const pId = (p: number) => `primaryDrivers-${p}`;
const sId = (p: number, s: number) => `${pId(p)}-secondaryDrivers-${s}`;
const cId = (p: number, s: number, c: number) => `${sId(p, s)}-changeIdeas-${c}`;

/** Every field id in the order of the form (the error summary lists them in this order). */
function fieldOrder(draft: Draft): string[] {
  const ids = ['aim', 'measure'];
  draft.primaryDrivers.forEach((p, pi) => {
    ids.push(`${pId(pi)}-text`);
    p.secondaryDrivers.forEach((s, si) => {
      ids.push(`${sId(pi, si)}-text`);
      s.changeIdeas.forEach((_, ci) => ids.push(`${cId(pi, si, ci)}-text`, `${cId(pi, si, ci)}-interventionIds`));
    });
  });
  ids.push('sharing', 'note');
  return ids;
}

/** A server path (`primaryDrivers.0.secondaryDrivers.1.changeIdeas.0.interventionIds.2`) as the id of this form's field. */
export function driverDiagramFieldFor(path: string): string | undefined {
  if (path === 'aim' || path === 'measure' || path === 'sharing' || path === 'note') return path;
  const link = /^(primaryDrivers\.\d+\.secondaryDrivers\.\d+\.changeIdeas\.\d+)\.interventionIds(\.\d+)?$/.exec(path);
  if (link) return `${link[1]!.replace(/\./g, '-')}-interventionIds`;
  if (/^primaryDrivers\.\d+(\.secondaryDrivers\.\d+(\.changeIdeas\.\d+)?)?\.text$/.test(path)) return path.replace(/\./g, '-');
  return undefined;
}

/** Client checks, by field id: what the service would refuse, said before sending. */
function validate(draft: Draft): Errors {
  const errors: Errors = {};
  if (!draft.aim.trim()) errors.aim = 'Enter the aim: what will improve, by how much, by when';
  else if (draft.aim.trim().length > MAX.aim) errors.aim = `The aim must be ${MAX.aim} characters or fewer`;
  if (!draft.measure) errors.measure = 'Select the outcome measure';
  const text = (id: string, value: string, what: string) => {
    if (!value.trim()) errors[id] = `Enter the ${what}`;
    else if (value.trim().length > MAX.text) errors[id] = `The ${what} must be ${MAX.text} characters or fewer`;
  };
  draft.primaryDrivers.forEach((p, pi) => {
    text(`${pId(pi)}-text`, p.text, `primary driver ${pi + 1}`);
    p.secondaryDrivers.forEach((s, si) => {
      text(`${sId(pi, si)}-text`, s.text, `secondary driver ${si + 1} of primary driver ${pi + 1}`);
      s.changeIdeas.forEach((c, ci) => text(`${cId(pi, si, ci)}-text`, c.text, `change idea ${ci + 1} of secondary driver ${si + 1}`));
    });
  });
  if (!draft.sharing) errors.sharing = 'Select who can see the driver diagram';
  return errors;
}

function inputOf(draft: Draft): DriverDiagramPrimaryDriverInput[] {
  return draft.primaryDrivers.map((p) => ({
    text: p.text.trim(),
    secondaryDrivers: p.secondaryDrivers.map((s) => ({
      text: s.text.trim(),
      changeIdeas: s.changeIdeas.map((c) => ({ text: c.text.trim(), interventionIds: c.interventionIds })),
    })),
  }));
}

function RemoveButton({ onClick, children }: { onClick: () => void; children: string }) {
  return (
    <button type="button" className="nhsuk-button nhsuk-button--secondary nhsuk-button--small app-dd-remove" onClick={onClick}>
      {children}
    </button>
  );
}

function DriverDiagramForm({ code, diagram }: { code: string; diagram?: DriverDiagramFieldsFragment }) {
  const navigate = useNavigate();
  const href = useWorkspaceHref();
  const workspace = useQuery(WORKSPACE_QUERY, { variables: { code } });
  const metrics = useQuery(WORKSPACE_METRICS_QUERY);
  const [draft, setDraft] = useState<Draft>(() => (diagram ? draftOf(diagram) : emptyDraft()));
  const form = useFormErrors(fieldOrder(draft), driverDiagramFieldFor);
  const refresh = {
    // The trust's diagrams and where its interventions sit are stale now.
    update(cache: ApolloCache) {
      const id = cache.identify({ __typename: 'Trust', code });
      if (id) cache.evict({ id, fieldName: 'driverDiagrams' });
      for (const key of Object.keys(cache.extract() as Record<string, unknown>)) {
        if (key.startsWith('Intervention:')) cache.evict({ id: key, fieldName: 'driverDiagramPlacements' });
      }
      cache.gc();
    },
  };
  const [define, defineState] = useMutation(DEFINE_DRIVER_DIAGRAM_MUTATION, refresh);
  const [revise, reviseState] = useMutation(REVISE_DRIVER_DIAGRAM_MUTATION, refresh);
  const lastCommand = useRef<{ key: string; id: string } | null>(null);
  const title = diagram ? 'Revise a driver diagram' : 'Define a driver diagram';
  usePageTitle(title);

  const trust = workspace.data?.trust;
  if (workspace.loading && !trust) return <Loading what="your trust’s workspace" />;
  if (workspace.error && !trust) return <QueryError error={workspace.error} what="your trust’s workspace" />;
  if (!trust) return <p>There is no trust with the ODS code {code}.</p>;
  const interventions = trust.interventions.edges.map(({ node }) => node);
  const submitting = defineState.loading || reviseState.loading;

  const change = (update: (d: Draft) => void) =>
    setDraft((d) => {
      const copy = structuredClone(d);
      update(copy);
      return copy;
    });

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (submitting) return;
    const errors = validate(draft);
    if (Object.keys(errors).length > 0) return form.fail(errors);
    const body = { aim: draft.aim.trim(), measure: draft.measure, sharing: draft.sharing as Sharing, primaryDrivers: inputOf(draft) };
    const sent = JSON.stringify(body);
    if (lastCommand.current?.key !== sent) lastCommand.current = { key: sent, id: newCommandId() };
    try {
      if (diagram) {
        await revise({ variables: { input: { ...body, driverDiagramId: diagram.id, note: draft.note.trim() || null, commandId: lastCommand.current.id } } });
      } else {
        await define({ variables: { input: { ...body, trustCode: code, commandId: lastCommand.current.id } } });
      }
      const done = diagram ? 'Your driver diagram has been revised.' : 'Your driver diagram has been defined.';
      void navigate(href('/workspace'), { state: { done } satisfies WorkspaceNotice });
    } catch (error) {
      lastCommand.current = null;
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
        {title}
      </h1>
      <p>
        Start from your aim, then what drives it (primary drivers), what drives those (secondary drivers), and the change ideas you test under each. Link a
        change idea to the interventions that test it: their PDSA cycles are the tests.
      </p>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <TextArea
          id="aim"
          label="Aim"
          hint="Specific, measurable and time-bound: what will improve, by how much, by when. For example: raise 4-hour performance from 71% to 85% by March 2027."
          value={draft.aim}
          error={form.errors.aim}
          onChange={(v) => change((d) => void (d.aim = v))}
        />
        <SelectField
          id="measure"
          label="Outcome measure"
          hint="The measure that will show whether the aim is met."
          placeholder="Select a measure"
          options={(metrics.data?.metrics ?? []).map((m) => ({ value: m.code, text: m.name }))}
          value={draft.measure}
          error={form.errors.measure}
          onChange={(v) => change((d) => void (d.measure = v))}
        />

        {draft.primaryDrivers.map((p, pi) => (
          <fieldset className="nhsuk-fieldset app-dd-fieldset app-dd-fieldset--primary" key={p.key}>
            <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--m">Primary driver {pi + 1}</legend>
            <TextField
              id={`${pId(pi)}-text`}
              label={`Primary driver ${pi + 1}`}
              value={p.text}
              error={form.errors[`${pId(pi)}-text`]}
              onChange={(v) => change((d) => void (d.primaryDrivers[pi]!.text = v))}
            />
            {p.secondaryDrivers.map((s, si) => (
              <fieldset className="nhsuk-fieldset app-dd-fieldset" key={s.key}>
                <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">
                  Secondary driver {si + 1} of primary driver {pi + 1}
                </legend>
                <TextField
                  id={`${sId(pi, si)}-text`}
                  label={`Secondary driver ${si + 1}`}
                  value={s.text}
                  error={form.errors[`${sId(pi, si)}-text`]}
                  onChange={(v) => change((d) => void (d.primaryDrivers[pi]!.secondaryDrivers[si]!.text = v))}
                />
                {s.changeIdeas.map((c, ci) => {
                  const id = cId(pi, si, ci);
                  const linkError = form.errors[`${id}-interventionIds`];
                  return (
                    <div className="app-dd-fieldset app-dd-fieldset--idea" key={c.key}>
                      <TextField
                        id={`${id}-text`}
                        label={`Change idea ${ci + 1} of secondary driver ${si + 1}`}
                        value={c.text}
                        error={form.errors[`${id}-text`]}
                        onChange={(v) => change((d) => void (d.primaryDrivers[pi]!.secondaryDrivers[si]!.changeIdeas[ci]!.text = v))}
                      />
                      {interventions.length > 0 && (
                        <div className={`nhsuk-form-group${linkError ? ' nhsuk-form-group--error' : ''}`}>
                          <fieldset className="nhsuk-fieldset" aria-describedby={linkError ? `${id}-interventionIds-error` : undefined}>
                            <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">Interventions that test change idea {ci + 1}</legend>
                            <ErrorMessage id={`${id}-interventionIds-error`} message={linkError} />
                            <div className="nhsuk-checkboxes nhsuk-checkboxes--small">
                              {interventions.map((i, ii) => {
                                const boxId = ii === 0 ? `${id}-interventionIds` : `${id}-interventionIds-${i.id}`;
                                return (
                                  <div className="nhsuk-checkboxes__item" key={i.id}>
                                    <input
                                      className="nhsuk-checkboxes__input"
                                      id={boxId}
                                      type="checkbox"
                                      checked={c.interventionIds.includes(i.id)}
                                      onChange={(e) =>
                                        change((d) => {
                                          const idea = d.primaryDrivers[pi]!.secondaryDrivers[si]!.changeIdeas[ci]!;
                                          idea.interventionIds = e.target.checked
                                            ? [...idea.interventionIds, i.id]
                                            : idea.interventionIds.filter((x) => x !== i.id);
                                        })
                                      }
                                    />
                                    <label className="nhsuk-label nhsuk-checkboxes__label" htmlFor={boxId}>
                                      {i.title}
                                    </label>
                                  </div>
                                );
                              })}
                            </div>
                          </fieldset>
                        </div>
                      )}
                      <RemoveButton onClick={() => change((d) => void d.primaryDrivers[pi]!.secondaryDrivers[si]!.changeIdeas.splice(ci, 1))}>
                        {`Remove change idea ${ci + 1} of secondary driver ${si + 1}`}
                      </RemoveButton>
                    </div>
                  );
                })}
                {s.changeIdeas.length < MAX.ideas && (
                  <button
                    type="button"
                    className="nhsuk-button nhsuk-button--secondary nhsuk-button--small"
                    onClick={() => change((d) => void d.primaryDrivers[pi]!.secondaryDrivers[si]!.changeIdeas.push(emptyIdea()))}
                  >
                    Add a change idea
                    <span className="nhsuk-u-visually-hidden">
                      {' '}
                      to secondary driver {si + 1} of primary driver {pi + 1}
                    </span>
                  </button>
                )}{' '}
                <RemoveButton onClick={() => change((d) => void d.primaryDrivers[pi]!.secondaryDrivers.splice(si, 1))}>
                  {`Remove secondary driver ${si + 1} of primary driver ${pi + 1}`}
                </RemoveButton>
              </fieldset>
            ))}
            {p.secondaryDrivers.length < MAX.secondary && (
              <button
                type="button"
                className="nhsuk-button nhsuk-button--secondary nhsuk-button--small"
                onClick={() => change((d) => void d.primaryDrivers[pi]!.secondaryDrivers.push(emptySecondary()))}
              >
                Add a secondary driver<span className="nhsuk-u-visually-hidden"> to primary driver {pi + 1}</span>
              </button>
            )}{' '}
            {draft.primaryDrivers.length > 1 && (
              <RemoveButton onClick={() => change((d) => void d.primaryDrivers.splice(pi, 1))}>{`Remove primary driver ${pi + 1}`}</RemoveButton>
            )}
          </fieldset>
        ))}
        {draft.primaryDrivers.length < MAX.primary && (
          <p>
            <button type="button" className="nhsuk-button nhsuk-button--secondary" onClick={() => change((d) => void d.primaryDrivers.push(emptyPrimary()))}>
              Add a primary driver
            </button>
          </p>
        )}

        <div className={`nhsuk-form-group${form.errors.sharing ? ' nhsuk-form-group--error' : ''}`}>
          <fieldset className="nhsuk-fieldset" aria-describedby={form.errors.sharing ? 'sharing-error' : undefined}>
            <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--m">Who can see this driver diagram?</legend>
            <ErrorMessage id="sharing-error" message={form.errors.sharing} />
            <div className="nhsuk-radios">
              {valuesOf(Sharing).map((value, index) => {
                const id = index === 0 ? 'sharing' : `sharing-${value}`;
                return (
                  <div className="nhsuk-radios__item" key={value}>
                    <input
                      className="nhsuk-radios__input"
                      id={id}
                      name="sharing"
                      type="radio"
                      value={value}
                      checked={draft.sharing === value}
                      aria-describedby={`${id}-hint`}
                      onChange={() => change((d) => void (d.sharing = value))}
                    />
                    <label className="nhsuk-label nhsuk-radios__label" htmlFor={id}>
                      {SHARING_LABELS[value]}
                    </label>
                    <div className="nhsuk-hint nhsuk-radios__hint" id={`${id}-hint`}>
                      {SHARING_HINTS[value]}
                    </div>
                  </div>
                );
              })}
            </div>
          </fieldset>
        </div>

        {diagram && (
          <TextArea
            id="note"
            label="What changed and why (optional)"
            hint="Shown in the diagram’s history."
            value={draft.note}
            error={form.errors.note}
            onChange={(v) => change((d) => void (d.note = v))}
          />
        )}

        <button type="submit" className="nhsuk-button" disabled={submitting} aria-disabled={submitting}>
          {submitting ? 'Saving…' : diagram ? 'Save the revision' : 'Define the driver diagram'}
        </button>
      </form>
    </>
  );
}

function ReviseForm({ code, id }: { code: string; id: string }) {
  const { data, loading, error } = useQuery(DRIVER_DIAGRAM_QUERY, { variables: { id }, fetchPolicy: 'network-only' });
  if (loading && !data) return <Loading what="the driver diagram" />;
  if (error && !data) return <QueryError error={error} what="the driver diagram" />;
  const diagram = data?.driverDiagram;
  if (!diagram || diagram.trustCode !== code) return <p>There is no driver diagram {id} of your trust.</p>;
  return <DriverDiagramForm code={code} diagram={diagram} />;
}

/** `/workspace/driver-diagrams/new`: define a driver diagram for the workspace's trust. */
export function DefineDriverDiagramPage() {
  return <EditorOnly what="Define a driver diagram">{(code) => <DriverDiagramForm code={code} />}</EditorOnly>;
}

/** `/workspace/driver-diagrams/:id/revise`: revise one of the trust's driver diagrams. */
export function ReviseDriverDiagramPage() {
  const { id = '' } = useParams();
  return <EditorOnly what="Revise a driver diagram">{(code) => <ReviseForm code={code} id={id} />}</EditorOnly>;
}
