import type { DefineDriverDiagram, ReviseDriverDiagram } from './commands';
import { COMMAND_CONTEXT_LISTS } from './command-context';
import { ConflictError, ForbiddenError, InvalidCommandError } from './errors';
import type { DriverDiagramDefined, DriverDiagramRevised, InterventionProposed } from './events';
import { DRIVER_DIAGRAM_LIMITS, DriverDiagramNotFoundError, driverDiagramDecider, linkedInterventionIds } from './driver-diagram';
import { interventionDecider, type InterventionState } from './intervention';
import { streamIdFor } from './routes';
import type { Actor, Sharing } from './shared';
import { DeciderSpecification } from './testing/decider-spec';
import { actors, commandMetadata } from './testing/fixtures';

const spec = DeciderSpecification.for(driverDiagramDecider);
const NOW = '2025-09-01T10:00:00.000Z';
const LATER = '2025-10-01T10:00:00.000Z';
const DIAGRAM = 'dd-1';
const asha: Actor = { id: 'asha', role: 'TRUST_EDITOR', trustCode: 'RJ1', name: 'Asha Patel' };
const sam: Actor = { id: 'sam', role: 'TRUST_EDITOR', trustCode: 'RXH', name: 'Sam Jones' };
const person = (a: Actor) => ({ id: a.id, name: a.name as string, role: a.role, trustCode: a.trustCode as string });

const intervention = (interventionId: string, trustCode = 'RJ1', sharing: Sharing = 'PUBLIC'): InterventionState => {
  const proposed: InterventionProposed = {
    type: 'InterventionProposed',
    data: {
      interventionId,
      trustCode,
      title: `Intervention ${interventionId}`,
      summary: 'A change',
      category: 'PATIENT_FLOW',
      approach: 'SYSTEMIC',
      targets: [{ metric: 'ae-4hr', direction: 'INCREASE' }],
      sharing,
      proposedAt: '2025-01-01T09:00:00.000Z',
    },
  };
  return interventionDecider.evolve(interventionDecider.initialState(), proposed);
};

const tree = (interventionIds: string[] = ['int-1']) => [
  {
    text: 'Patients flow out of the department',
    secondaryDrivers: [{ text: 'Beds are free by noon', changeIdeas: [{ text: 'Discharge lounge', interventionIds }] }],
  },
];
const body = {
  aim: 'Raise 4-hour performance from 71% to 85% by March 2026',
  measure: 'ae-4hr',
  sharing: 'TRUSTS' as Sharing,
  primaryDrivers: tree(),
};
const define = (
  data: Partial<DefineDriverDiagram['data']> = {},
  actor: Actor = asha,
  interventions: InterventionState[] = [intervention('int-1')],
): DefineDriverDiagram => ({
  type: 'DefineDriverDiagram',
  data: { driverDiagramId: DIAGRAM, trustCode: 'RJ1', ...body, ...data },
  metadata: commandMetadata(actor, NOW),
  context: { interventions },
});
const revise = (
  data: Partial<ReviseDriverDiagram['data']> = {},
  actor: Actor = asha,
  interventions: InterventionState[] = [intervention('int-1'), intervention('int-2')],
): ReviseDriverDiagram => ({
  type: 'ReviseDriverDiagram',
  data: { driverDiagramId: DIAGRAM, ...body, ...data },
  metadata: commandMetadata(actor, LATER),
  context: { interventions },
});
const defined = (sharing: Sharing = 'TRUSTS'): DriverDiagramDefined => ({
  type: 'DriverDiagramDefined',
  data: {
    driverDiagramId: DIAGRAM,
    trustCode: 'RJ1',
    aim: body.aim,
    measure: 'ae-4hr',
    sharing,
    primaryDrivers: tree(),
    definedBy: person(asha),
    definedAt: NOW,
  },
});

describe('DefineDriverDiagram', () => {
  it('defines an aim, its measure and the tree, linking an intervention of the same trust; the author from the credential', () => {
    spec.given([]).when(define()).then([defined()]);
  });

  it('an admin defines one for any trust', () => {
    const admin: Actor = { id: 'admin-1', role: 'ADMIN', name: 'Alex Admin' };
    spec
      .given([])
      .when(define({}, admin))
      .then([{ ...defined(), data: { ...defined().data, definedBy: { id: 'admin-1', name: 'Alex Admin', role: 'ADMIN' } } }]);
  });

  it('drivers without secondary drivers or change ideas are fine (a diagram grows)', () => {
    spec
      .given([])
      .when(define({ primaryDrivers: [{ text: 'Staff have time to plan discharge' }] }, asha, []))
      .then([
        {
          ...defined(),
          data: { ...defined().data, primaryDrivers: [{ text: 'Staff have time to plan discharge', secondaryDrivers: [] }] },
        },
      ]);
  });

  it.each<[string, Actor]>([
    ['an editor of another trust', sam],
    ['a policymaker', actors.policymaker],
    ['the community', actors.community],
  ])('%s may not define one', (_name, actor) => {
    spec.given([]).when(define({}, actor)).thenThrows(ForbiddenError);
  });

  it('refuses an empty aim, a measure not in the catalogue, no primary driver, naming each field', () => {
    const error = spec
      .given([])
      .when(define({ aim: '  ', measure: 'happiness', primaryDrivers: [] }))
      .thenThrows(InvalidCommandError);
    expect(error.fields.map((f) => f.path)).toEqual(['aim', 'measure', 'primaryDrivers']);
    expect(error.message).toMatch(/^The driver diagram is invalid: aim: is required; measure: is not a metric in the catalogue: happiness/);
    expect(error.message).not.toMatch(/DefineDriverDiagram/);
  });

  it('refuses texts and counts beyond the limits, with the path of each', () => {
    const long = 'x'.repeat(DRIVER_DIAGRAM_LIMITS.text + 1);
    const error = spec
      .given([])
      .when(
        define({
          aim: 'a'.repeat(DRIVER_DIAGRAM_LIMITS.aim + 1),
          primaryDrivers: [
            {
              text: long,
              secondaryDrivers: [{ text: 'ok', changeIdeas: Array.from({ length: DRIVER_DIAGRAM_LIMITS.changeIdeas + 1 }, () => ({ text: 'i' })) }],
            },
            ...Array.from({ length: DRIVER_DIAGRAM_LIMITS.primaryDrivers }, () => ({ text: 'p' })),
          ],
        }),
      )
      .thenThrows(InvalidCommandError);
    expect(error.fields.map((f) => f.path)).toEqual(['aim', 'primaryDrivers', 'primaryDrivers.0.text', 'primaryDrivers.0.secondaryDrivers.0.changeIdeas']);
  });

  it('refuses an intervention of another trust and one that does not exist, in the same words', () => {
    const error = spec
      .given([])
      .when(define({ primaryDrivers: tree(['int-1', 'other-1', 'ghost']) }, asha, [intervention('int-1'), intervention('other-1', 'RXH')]))
      .thenThrows(InvalidCommandError);
    expect(error.fields).toEqual([
      {
        path: 'primaryDrivers.0.secondaryDrivers.0.changeIdeas.0.interventionIds.1',
        message: "is not an intervention of trust RJ1: link only your own trust's interventions",
      },
      {
        path: 'primaryDrivers.0.secondaryDrivers.0.changeIdeas.0.interventionIds.2',
        message: "is not an intervention of trust RJ1: link only your own trust's interventions",
      },
    ]);
  });

  it('a PRIVATE intervention of the trust may be linked (readers who may not see it will not)', () => {
    spec
      .given([])
      .when(define({}, asha, [intervention('int-1', 'RJ1', 'PRIVATE')]))
      .then([defined()]);
  });

  it('sending the same definition again changes nothing; another one under the same id is a conflict', () => {
    spec.given([defined()]).when(define()).thenNothingHappens();
    spec
      .given([defined()])
      .when(define({ aim: 'Another aim by 2027' }))
      .thenThrows(ConflictError);
  });
});

describe('ReviseDriverDiagram', () => {
  const revised = (): DriverDiagramRevised => ({
    type: 'DriverDiagramRevised',
    data: {
      driverDiagramId: DIAGRAM,
      trustCode: 'RJ1',
      revision: 2,
      aim: body.aim,
      measure: 'ae-4hr',
      sharing: 'PUBLIC',
      primaryDrivers: tree(['int-1', 'int-2']),
      note: 'Linked the frailty unit; shared publicly',
      revisedBy: person(asha),
      revisedAt: LATER,
    },
  });

  it('revises the whole diagram as revision 2, keeping the first in the stream', () => {
    spec
      .given([defined()])
      .when(revise({ sharing: 'PUBLIC', primaryDrivers: tree(['int-1', 'int-2']), note: 'Linked the frailty unit; shared publicly' }))
      .then([revised()]);
  });

  it('numbers later revisions on', () => {
    spec
      .given([defined(), revised()])
      .when(revise({ aim: 'Raise 4-hour performance to 90% by March 2027' }))
      .then([
        {
          type: 'DriverDiagramRevised',
          data: {
            driverDiagramId: DIAGRAM,
            trustCode: 'RJ1',
            revision: 3,
            aim: 'Raise 4-hour performance to 90% by March 2027',
            measure: 'ae-4hr',
            sharing: 'TRUSTS',
            primaryDrivers: tree(),
            revisedBy: person(asha),
            revisedAt: LATER,
          },
        },
      ]);
  });

  it('a revision that changes nothing appends nothing', () => {
    spec.given([defined()]).when(revise()).thenNothingHappens();
  });

  it('a missing diagram, or one the actor may not see, is not found; another trust’s visible one is forbidden', () => {
    spec.given([]).when(revise()).thenThrows(DriverDiagramNotFoundError);
    spec
      .given([defined('PRIVATE')])
      .when(revise({}, sam))
      .thenThrows(DriverDiagramNotFoundError);
    spec
      .given([defined('TRUSTS')])
      .when(revise({}, sam))
      .thenThrows(ForbiddenError);
    spec
      .given([defined('PUBLIC')])
      .when(revise({}, actors.community))
      .thenThrows(ForbiddenError);
  });

  it('checks the links again: an intervention of another trust is refused', () => {
    spec
      .given([defined()])
      .when(revise({ primaryDrivers: tree(['int-9']) }, asha, [intervention('int-9', 'RXH')]))
      .thenThrows(InvalidCommandError);
  });
});

describe('the command side’s context', () => {
  it('loads each linked intervention once, from the unvalidated data', () => {
    const data = { primaryDrivers: [{ secondaryDrivers: [{ changeIdeas: [{ interventionIds: ['a', 'b', 'a', 7, ' c '] }, null] }] }, 'junk'] };
    expect(linkedInterventionIds(data)).toEqual(['a', 'b', 'c']);
    expect(COMMAND_CONTEXT_LISTS.DefineDriverDiagram?.['interventions']?.streamIds(data, undefined)).toEqual([
      'intervention-a',
      'intervention-b',
      'intervention-c',
    ]);
    expect(streamIdFor(define())).toBe('driver-diagram-dd-1');
  });
});
