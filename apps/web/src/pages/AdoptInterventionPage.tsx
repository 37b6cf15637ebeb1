import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useMutation, useQuery } from '@apollo/client/react';
import { Sharing } from '../__generated__/graphql';
import { ADOPT_INTERVENTION_MUTATION, ADOPT_SOURCE_QUERY } from '../graphql/adoption';
import { VIEWER_QUERY } from '../graphql/viewer';
import { valuesOf } from '../lib/enums';
import { APPROACH_LABELS, CATEGORY_LABELS, SHARING_LABELS, label } from '../lib/labels';
import { usePageTitle } from '../lib/usePageTitle';
import { newCommandId, SelectField, TextArea, TextField, useFormErrors, type Errors } from '../components/FormFields';
import { Loading, QueryError } from '../components/QueryError';
import { NotFoundPage } from './NotFoundPage';

export const MAX_ADAPTATIONS = 2000;
export const MAX_TITLE = 200;

const ORDER = ['trustCode', 'title', 'adaptations', 'sharing'] as const;

export interface AdoptDraft {
  trustCode: string;
  title: string;
  adaptations: string;
  sharing: string;
}

/** Checks before sending, in the order the fields appear (the server checks again). */
export function validateAdoption(draft: AdoptDraft, needsTrust: boolean): Errors {
  const errors: Errors = {};
  if (needsTrust && !/^[A-Z0-9]{3,5}$/.test(draft.trustCode.trim().toUpperCase())) errors.trustCode = 'Enter the ODS code of the adopting trust, like RJ1';
  if (draft.title.trim().length > MAX_TITLE) errors.title = `The local title must be ${MAX_TITLE} characters or fewer`;
  if (!draft.adaptations.trim()) errors.adaptations = 'Say what your trust changed to fit its own context';
  else if (draft.adaptations.trim().length > MAX_ADAPTATIONS) errors.adaptations = `What you changed must be ${MAX_ADAPTATIONS} characters or fewer`;
  if (!(valuesOf(Sharing) as readonly string[]).includes(draft.sharing)) errors.sharing = 'Select who your adoption is shared with';
  return errors;
}

/** `/interventions/:id/adopt`: a trust takes up another trust's intervention and says what it adapted. */
export function AdoptInterventionPage() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const viewer = useQuery(VIEWER_QUERY).data?.viewer ?? null;
  const source = useQuery(ADOPT_SOURCE_QUERY, { variables: { id } });
  const [draft, setDraft] = useState<AdoptDraft>({ trustCode: '', title: '', adaptations: '', sharing: Sharing.Trusts });
  const [commandId] = useState(newCommandId);
  const form = useFormErrors(ORDER, (path) => ((ORDER as readonly string[]).includes(path) ? path : undefined));
  const [adopt, { loading }] = useMutation(ADOPT_INTERVENTION_MUTATION, { refetchQueries: ['InterventionAdoption'] });
  const intervention = source.data?.intervention;
  usePageTitle(intervention ? `Adopt: ${intervention.title}` : 'Adopt an intervention');

  if (source.loading && !intervention) return <Loading what="the intervention" />;
  if (source.error && !intervention) return <QueryError error={source.error} what="this intervention" />;
  if (!intervention) {
    return (
      <NotFoundPage heading="Intervention not found">
        <p>The intervention does not exist, or it is not shared with you.</p>
      </NotFoundPage>
    );
  }
  const back = (
    <Link className="nhsuk-back-link" to={`/interventions/${encodeURIComponent(intervention.id)}`}>
      Back to {intervention.title}
    </Link>
  );
  if (!viewer || (viewer.role !== 'TRUST_EDITOR' && viewer.role !== 'ADMIN')) {
    return (
      <>
        {back}
        <h1>Adopt an intervention</h1>
        <p>Trust editors adopt interventions for their own trust.</p>
        {!viewer && (
          <p>
            <Link to="/sign-in">Sign in</Link> as a trust editor to adopt this intervention.
          </p>
        )}
      </>
    );
  }
  const needsTrust = viewer.role === 'ADMIN';
  const update = (field: keyof AdoptDraft) => (value: string) => setDraft((d) => ({ ...d, [field]: value }));

  async function submit(event: FormEvent) {
    event.preventDefault();
    const found = validateAdoption(draft, needsTrust);
    if (Object.keys(found).length > 0) return form.fail(found);
    form.clear();
    try {
      const result = await adopt({
        variables: {
          input: {
            sourceInterventionId: id,
            trustCode: needsTrust ? draft.trustCode.trim().toUpperCase() : (viewer?.trustCode ?? ''),
            adaptations: draft.adaptations.trim(),
            sharing: draft.sharing as Sharing,
            commandId,
            ...(draft.title.trim() ? { title: draft.title.trim() } : {}),
          },
        },
      });
      const adopted = result.data?.adoptIntervention.intervention;
      if (adopted) await navigate(`/interventions/${encodeURIComponent(adopted.id)}`, { state: { adopted: true } });
    } catch (error) {
      form.fail(error);
    }
  }

  return (
    <>
      {back}
      {form.summary}
      <h1>
        <span className="nhsuk-caption-l">Adopt an intervention</span>
        {intervention.title}
      </h1>
      <p>
        From {intervention.trust.name}: {label(CATEGORY_LABELS, intervention.category).toLowerCase()},{' '}
        {label(APPROACH_LABELS, intervention.approach).toLowerCase()}. Your adoption starts as a proposal at{' '}
        {needsTrust ? 'the trust you name' : (viewer.trust?.name ?? 'your trust')}, with the same category, approach and target measures, and is linked to this
        one so others can see how it spread and whether it lasted.
      </p>
      <form onSubmit={(e) => void submit(e)} noValidate>
        {needsTrust && (
          <TextField
            id="trustCode"
            label="Adopting trust (ODS code)"
            hint="For example, RJ1."
            width="5"
            value={draft.trustCode}
            error={form.errors.trustCode}
            onChange={update('trustCode')}
          />
        )}
        <TextField
          id="title"
          label="A local title (optional)"
          hint={`Leave blank to keep "${intervention.title}".`}
          value={draft.title}
          error={form.errors.title}
          onChange={update('title')}
        />
        <TextArea
          id="adaptations"
          label="What did you change to fit your trust?"
          hint={`For example, a different staff group, hours or patient pathway. Plain text, up to ${MAX_ADAPTATIONS} characters.`}
          rows={5}
          value={draft.adaptations}
          error={form.errors.adaptations}
          onChange={update('adaptations')}
        />
        <SelectField
          id="sharing"
          label="Who can see your adoption?"
          value={draft.sharing}
          error={form.errors.sharing}
          onChange={update('sharing')}
          options={valuesOf(Sharing).map((s) => ({ value: s, text: label(SHARING_LABELS, s) }))}
        />
        <button type="submit" className="nhsuk-button" disabled={loading}>
          Adopt intervention
        </button>
      </form>
    </>
  );
}
