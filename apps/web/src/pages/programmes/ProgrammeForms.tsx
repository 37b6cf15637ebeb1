import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useMutation, useQuery } from '@apollo/client/react';
import { JOIN_PROGRAMME_MUTATION, LINKABLE_INTERVENTIONS_QUERY, LINK_TO_PROGRAMME_MUTATION } from '../../graphql/programmes';
import { interpretMutationError } from '../../lib/serverErrors';
import { ErrorMessage, ErrorSummary } from '../../components/ErrorSummary';

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
