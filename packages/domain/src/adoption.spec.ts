import type { AdoptIntervention } from './commands';
import { AdoptionSourceNotFoundError, ForbiddenError, InterventionAlreadyExistsError, InvalidCommandError } from './errors';
import type { InterventionEvent, InterventionProposed } from './events';
import { interventionDecider, type InterventionState } from './intervention';
import type { Actor, Sharing } from './shared';
import { DeciderSpecification } from './testing/decider-spec';
import { actors, commandMetadata } from './testing/fixtures';

const spec = DeciderSpecification.for(interventionDecider);
const NOW = '2025-09-01T10:00:00.000Z';
const SOURCE = '0a1b2c3d-0000-4000-8000-000000000001';
const ADOPTION = '0a1b2c3d-0000-4000-8000-000000000002';

const sourceProposed = (sharing: Sharing = 'TRUSTS', trustCode = 'RJ1'): InterventionProposed => ({
  type: 'InterventionProposed',
  data: {
    interventionId: SOURCE,
    trustCode,
    title: 'Same-day emergency care for frailty',
    summary: 'Frailty team at the front door to avoid admissions.',
    category: 'PATIENT_FLOW',
    rootCause: 'Frail patients admitted for lack of assessment capacity',
    approach: 'SYSTEMIC',
    targets: [
      { metric: 'ae-4hr', direction: 'INCREASE' },
      { metric: 'nel-los', direction: 'DECREASE' },
    ],
    sharing,
    proposedAt: '2025-01-10T09:00:00.000Z',
  },
});

/** The source's state as the command side folds it from the source stream. */
function sourceState(...events: InterventionEvent[]): InterventionState {
  return events.reduce(interventionDecider.evolve, interventionDecider.initialState());
}

const adopter = actors.editorOf('RXR');

function adopt(
  data: Partial<AdoptIntervention['data']> = {},
  actor: Actor = adopter,
  source: InterventionState = sourceState(sourceProposed()),
): AdoptIntervention {
  return {
    type: 'AdoptIntervention',
    data: {
      interventionId: ADOPTION,
      sourceInterventionId: SOURCE,
      trustCode: 'RXR',
      adaptations: 'Run by the acute medicine team; no frailty consultant on site.',
      sharing: 'TRUSTS',
      ...data,
    },
    metadata: commandMetadata(actor, NOW),
    context: { source },
  };
}

const adopted = (overrides: Partial<InterventionProposed['data']> = {}): InterventionProposed => ({
  type: 'InterventionProposed',
  data: {
    interventionId: ADOPTION,
    trustCode: 'RXR',
    title: 'Same-day emergency care for frailty',
    summary: 'Frailty team at the front door to avoid admissions.',
    category: 'PATIENT_FLOW',
    approach: 'SYSTEMIC',
    targets: [
      // The source's targets predate roles: they read as outcomes, and the adoption writes the role.
      { metric: 'ae-4hr', direction: 'INCREASE', role: 'OUTCOME' },
      { metric: 'nel-los', direction: 'DECREASE', role: 'OUTCOME' },
    ],
    sharing: 'TRUSTS',
    proposedAt: NOW,
    adoptedFrom: { interventionId: SOURCE, adaptations: 'Run by the acute medicine team; no frailty consultant on site.' },
    ...overrides,
  },
});

describe('AdoptIntervention', () => {
  it('proposes a new intervention at the adopting trust, copying category, approach, targets and title from the source', () => {
    spec.given([]).when(adopt()).then([adopted()]);
  });

  it('keeps a local title when one is given, and copies nothing the sender sends about the source', () => {
    const command = adopt({ title: '  Frailty SDEC, our way ' });
    // Fields the source owns are not part of the command; even if a sender adds them they are ignored.
    const extra: object = { category: 'WORKFORCE', targets: [{ metric: 'vacancy-rate', direction: 'DECREASE' }] };
    const tampered: AdoptIntervention = { ...command, data: { ...command.data, ...extra } };
    spec
      .given([])
      .when(tampered)
      .then([adopted({ title: 'Frailty SDEC, our way' })]);
  });

  it('copies the source as it is now (a later sharing change counts), and may adopt one of its own trust', () => {
    const source = sourceState(sourceProposed('PRIVATE', 'RXR'));
    spec
      .given([])
      .when(adopt({ sharing: 'PRIVATE' }, adopter, source))
      .then([adopted({ sharing: 'PRIVATE' })]);
  });

  it('lets an admin adopt for any trust', () => {
    spec.given([]).when(adopt({}, actors.admin)).then([adopted()]);
  });

  it('answers a source the adopter may not see exactly like a missing one', () => {
    const hidden = spec
      .given([])
      .when(adopt({}, adopter, sourceState(sourceProposed('PRIVATE', 'RJ1'))))
      .thenThrows(AdoptionSourceNotFoundError);
    const missing = spec
      .given([])
      .when(adopt({}, adopter, interventionDecider.initialState()))
      .thenThrows(AdoptionSourceNotFoundError);
    expect(hidden.message).toBe(missing.message);
    expect(hidden.code).toBe(missing.code);
    expect(missing.message).toBe(`There is no intervention ${SOURCE} to adopt. Check the id of the intervention you want to adopt.`);
  });

  it('is not found when the command side loaded no source (or another one)', () => {
    const command = adopt();
    const { context: _context, ...withoutContext } = command;
    spec.given([]).when(withoutContext).thenThrows(AdoptionSourceNotFoundError);
    const other = sourceState({ ...sourceProposed(), data: { ...sourceProposed().data, interventionId: 'another-id' } });
    spec
      .given([])
      .when(adopt({}, adopter, other))
      .thenThrows(AdoptionSourceNotFoundError);
  });

  it('refuses policymakers and the community, in plain words', () => {
    for (const actor of [actors.policymaker, actors.community]) {
      const error = spec.given([]).when(adopt({}, actor)).thenThrows(ForbiddenError);
      expect(error.message).toMatch(/cannot adopt an intervention/);
      expect(error.message).not.toMatch(/AdoptIntervention/);
    }
  });

  it('refuses an editor adopting for another trust, before looking at the source', () => {
    const error = spec
      .given([])
      .when(adopt({ trustCode: 'RJ1' }, adopter, interventionDecider.initialState()))
      .thenThrows(ForbiddenError, (e) => e.code === 'OTHER_TRUST');
    expect(error.message).toBe('You edit for trust RXR and cannot adopt an intervention for trust RJ1.');
  });

  it('requires an adaptation note, within the length limit and as plain text, listing every bad field at once', () => {
    const error = spec
      .given([])
      .when(adopt({ adaptations: '   ', sharing: 'EVERYONE' as Sharing, trustCode: 'nope' }))
      .thenThrows(InvalidCommandError);
    expect(error.fields).toEqual([
      { path: 'trustCode', message: 'must be an ODS code: 3 to 5 upper-case letters or digits, e.g. RJ1' },
      { path: 'adaptations', message: 'is required: say what your trust changed to fit its own context' },
      { path: 'sharing', message: 'must be one of PRIVATE, TRUSTS, PUBLIC' },
    ]);
    expect(error.message).not.toMatch(/AdoptIntervention/);
    spec
      .given([])
      .when(adopt({ adaptations: 'x'.repeat(2001) }))
      .thenThrows(InvalidCommandError, (e) => e.fields[0]?.message === 'must be at most 2000 characters (it has 2001)');
    spec
      .given([])
      .when(adopt({ adaptations: 'bell \u0007' }))
      .thenThrows(InvalidCommandError, (e) => e.fields[0]?.message === 'must be plain text: remove the control characters');
    spec
      .given([])
      .when(adopt({ title: 'x'.repeat(201) }))
      .thenThrows(InvalidCommandError, (e) => e.fields[0]?.path === 'title');
  });

  it('keeps line breaks in the note and trims it', () => {
    spec
      .given([])
      .when(adopt({ adaptations: '  Weekdays only.\nNurse-led.  ' }))
      .then([adopted({ adoptedFrom: { interventionId: SOURCE, adaptations: 'Weekdays only.\nNurse-led.' } })]);
  });

  it('refuses an id that is already an intervention', () => {
    spec.given([adopted()]).when(adopt()).thenThrows(InterventionAlreadyExistsError);
  });

  it('an adoption has the ordinary lifecycle: it can be started', () => {
    spec
      .given([adopted()])
      .when({ type: 'StartIntervention', data: { interventionId: ADOPTION, startedOn: '2025-10-01' }, metadata: commandMetadata(adopter, NOW) })
      .then([{ type: 'InterventionStarted', data: { interventionId: ADOPTION, startedOn: '2025-10-01' } }]);
  });
});
