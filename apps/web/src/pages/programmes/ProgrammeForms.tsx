import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useMutation, useQuery } from '@apollo/client/react';
import {
  APPOINT_PROGRAMME_COORDINATOR_MUTATION,
  JOIN_PROGRAMME_MUTATION,
  LINKABLE_INTERVENTIONS_QUERY,
  LINK_TO_PROGRAMME_MUTATION,
} from '../../graphql/programmes';
import { interpretMutationError } from '../../lib/serverErrors';
import { ErrorMessage, ErrorSummary } from '../../components/ErrorSummary';
import { TextField } from '../../components/FormFields';

/** A trust editor's trust joins the programme (one button: there is nothing to choose). */
export function JoinProgrammeForm({ programmeId, trustCode, trustName }: { programmeId: string; trustCode: string; trustName: string }) {
  const [problems, setProblems] = useState<string[]>([]);
  const [join, { loading }] = useMutation(JOIN_PROGRAMME_MUTATION, {
    refetchQueries: ['Programme', 'Programmes', 'TrustPortfolio'],
    awaitRefetchQueries: true,
  });
  async function submit(event: FormEvent) {
    event.preventDefault();
    setProblems([]);
    try {
      await join({ variables: { input: { programmeId, trustCode } } });
    } catch (error) {
      setProblems(interpretMutationError(error).general);
    }
  }
  return (
    <form onSubmit={(e) => void submit(e)} noValidate aria-labelledby="join-heading">
      <h3 id="join-heading">Join this programme</h3>
      <ErrorSummary items={problems.map((text) => ({ text }))} />
      <p>{trustName} will be listed as a member; you can then link its interventions.</p>
      <button className="nhsuk-button" type="submit" disabled={loading}>
        Join as {trustName}
      </button>
    </form>
  );
}

/**
 * Link an intervention: coordinators choose among member trusts' interventions, a member trust's
 * editor among their own trust's. The server checks the same rules (and visibility).
 */
export function LinkInterventionForm({ programmeId, trustCodes, linked }: { programmeId: string; trustCodes: readonly string[]; linked: readonly string[] }) {
  const [trustCode, setTrustCode] = useState(trustCodes[0] ?? '');
  const [interventionId, setInterventionId] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [general, setGeneral] = useState<string[]>([]);
  const [attempt, setAttempt] = useState(0);
  const [done, setDone] = useState<string | null>(null);
  const summaryRef = useRef<HTMLDivElement>(null);
  const candidates = useQuery(LINKABLE_INTERVENTIONS_QUERY, { variables: { trustCode }, skip: !trustCode });
  const options = (candidates.data?.interventions.edges ?? []).map((e) => e.node).filter((n) => !linked.includes(n.id));
  const [link, { loading }] = useMutation(LINK_TO_PROGRAMME_MUTATION, {
    refetchQueries: ['Programme', 'Programmes', 'TrustPortfolio'],
    awaitRefetchQueries: true,
  });

  useEffect(() => {
    if (attempt > 0 && summaryRef.current) summaryRef.current.focus();
  }, [attempt]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setGeneral([]);
    setDone(null);
    if (!interventionId) {
      setError('Select the intervention to link');
      setAttempt((a) => a + 1);
      return;
    }
    setError(undefined);
    try {
      await link({ variables: { input: { programmeId, interventionId } } });
      setDone(options.find((o) => o.id === interventionId)?.title ?? 'The intervention');
      setInterventionId('');
    } catch (failure) {
      const interpreted = interpretMutationError(failure);
      setGeneral([...interpreted.general, ...interpreted.fields.map((f) => f.message)]);
      setAttempt((a) => a + 1);
    }
  }

  return (
    <form onSubmit={(e) => void submit(e)} noValidate aria-labelledby="link-heading">
      <h3 id="link-heading">Link an intervention</h3>
      <ErrorSummary ref={summaryRef} items={[...general.map((text) => ({ text })), ...(error ? [{ text: error, targetId: 'link-intervention' }] : [])]} />
      {done ? (
        <p role="status" className="nhsuk-body">
          {done} is now linked to the programme.
        </p>
      ) : null}
      {trustCodes.length > 1 ? (
        <div className="nhsuk-form-group">
          <label className="nhsuk-label" htmlFor="link-trust">
            Member trust
          </label>
          <select
            className="nhsuk-select"
            id="link-trust"
            value={trustCode}
            onChange={(e) => {
              setTrustCode(e.target.value);
              setInterventionId('');
            }}
          >
            {trustCodes.map((code) => (
              <option key={code} value={code}>
                {code}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      <div className={`nhsuk-form-group${error ? ' nhsuk-form-group--error' : ''}`}>
        <label className="nhsuk-label" htmlFor="link-intervention">
          Intervention
        </label>
        <div className="nhsuk-hint" id="link-intervention-hint">
          Interventions of {trustCode} not yet linked
        </div>
        <ErrorMessage id="link-intervention-error" message={error} />
        <select
          className={`nhsuk-select${error ? ' nhsuk-select--error' : ''}`}
          id="link-intervention"
          value={interventionId}
          onChange={(e) => setInterventionId(e.target.value)}
          aria-describedby={`link-intervention-hint${error ? ' link-intervention-error' : ''}`}
        >
          <option value="">{candidates.loading ? 'Loading…' : options.length === 0 ? 'None to link' : 'Select an intervention'}</option>
          {options.map((o) => (
            <option key={o.id} value={o.id}>
              {o.title}
            </option>
          ))}
        </select>
      </div>
      <button className="nhsuk-button nhsuk-button--secondary" type="submit" disabled={loading}>
        Link to programme
      </button>
    </form>
  );
}

type AppointField = 'personId' | 'name';

/**
 * A coordinator (or an admin) appoints another coordinator by the id of their sign-in and the
 * name the programme shows. The person finds their id on this page ("Your sign-in id"). The
 * server checks who may appoint; appointing someone who already coordinates changes nothing.
 */
export function AppointCoordinatorForm({ programmeId, coordinatorIds }: { programmeId: string; coordinatorIds: readonly string[] }) {
  const [personId, setPersonId] = useState('');
  const [name, setName] = useState('');
  const [errors, setErrors] = useState<Partial<Record<AppointField, string>>>({});
  const [general, setGeneral] = useState<string[]>([]);
  const [attempt, setAttempt] = useState(0);
  const [done, setDone] = useState<string | null>(null);
  const summaryRef = useRef<HTMLDivElement>(null);
  const [appoint, { loading }] = useMutation(APPOINT_PROGRAMME_COORDINATOR_MUTATION, {
    refetchQueries: ['Programme', 'Programmes'],
    awaitRefetchQueries: true,
  });

  useEffect(() => {
    if (attempt > 0 && summaryRef.current) summaryRef.current.focus();
  }, [attempt]);

  const fail = (fields: Partial<Record<AppointField, string>>, messages: string[] = []) => {
    setErrors(fields);
    setGeneral(messages);
    setAttempt((a) => a + 1);
  };

  async function submit(event: FormEvent) {
    event.preventDefault();
    setDone(null);
    const id = personId.trim();
    const shownName = name.trim();
    const problems: Partial<Record<AppointField, string>> = {};
    if (!id) problems.personId = 'Enter the sign-in id of the person to appoint';
    else if (id.length > 200) problems.personId = 'The sign-in id must be 200 characters or fewer';
    else if (coordinatorIds.includes(id)) problems.personId = 'This person already coordinates the programme';
    if (!shownName) problems.name = 'Enter their name as the programme should show it';
    else if (shownName.length > 200) problems.name = 'The name must be 200 characters or fewer';
    if (Object.keys(problems).length > 0) return fail(problems);
    try {
      await appoint({ variables: { input: { programmeId, personId: id, name: shownName } } });
      setErrors({});
      setGeneral([]);
      setPersonId('');
      setName('');
      setDone(shownName);
    } catch (failure) {
      const interpreted = interpretMutationError(failure);
      const fields: Partial<Record<AppointField, string>> = {};
      const rest = [...interpreted.general];
      for (const f of interpreted.fields) {
        if (f.path === 'personId' || f.path === 'name') fields[f.path] = f.message;
        else rest.push(f.message);
      }
      fail(fields, rest);
    }
  }

  return (
    <form onSubmit={(e) => void submit(e)} noValidate aria-labelledby="appoint-heading">
      <h3 id="appoint-heading">Appoint a coordinator</h3>
      <ErrorSummary
        ref={summaryRef}
        items={[
          ...general.map((text) => ({ text })),
          ...(errors.personId ? [{ text: errors.personId, targetId: 'appoint-person-id' }] : []),
          ...(errors.name ? [{ text: errors.name, targetId: 'appoint-name' }] : []),
        ]}
      />
      {done ? (
        <p role="status" className="nhsuk-body">
          {done} now coordinates the programme.
        </p>
      ) : null}
      <p>Coordinators can link any member trust&apos;s interventions and appoint other coordinators.</p>
      <TextField
        id="appoint-person-id"
        label="Their sign-in id"
        hint='They can see it on this page when signed in, under "Your sign-in id"'
        error={errors.personId}
        value={personId}
        onChange={setPersonId}
      />
      <TextField id="appoint-name" label="Their name, as the programme shows it" error={errors.name} value={name} onChange={setName} />
      <button className="nhsuk-button nhsuk-button--secondary" type="submit" disabled={loading}>
        Appoint coordinator
      </button>
    </form>
  );
}
