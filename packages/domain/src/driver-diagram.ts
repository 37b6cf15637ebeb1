import { assertMayActForTrust, assertMayWrite } from './authorisation';
import type { DefineDriverDiagram, DriverDiagramCommand, ReviseDriverDiagram } from './commands';
import { ConflictError, NotFoundError } from './errors';
import type { DriverDiagramEvent, DriverDiagramPrimaryDriver } from './events';
import type { InterventionState } from './intervention';
import { personOf } from './mentorship';
import { SHARING_LEVELS, type Actor, type Decider, type Sharing } from './shared';
import { ENTITY_ID, FieldErrors, ODS_CODE, path, untrusted } from './validation';
import { canSee } from './visibility';

/**
 * A trust's driver diagram (stream `driver-diagram-<id>`), the Model for Improvement's plan: an
 * aim (specific, measurable, time-bound) with its outcome measure (a catalogue metric), the
 * primary drivers that move it, the secondary drivers under each, and the change ideas under
 * those, each tested by interventions of the same trust (and so by their PDSA cycles). Defined
 * once, then revised as a whole: every revision is an event, so the stream is the diagram's
 * history. The interventions it links are checked against their own streams, which the command
 * side loads into `command.context.interventions` (see command-context.ts): deciding stays pure.
 */

export const DRIVER_DIAGRAM_LIMITS = {
  aim: 500,
  text: 300,
  note: 500,
  primaryDrivers: 8,
  secondaryDrivers: 8,
  changeIdeas: 10,
  interventionsPerIdea: 10,
  /** Distinct interventions the whole diagram may link (what the command side loads). */
  linkedInterventions: 60,
} as const;

export interface DefinedDriverDiagram {
  readonly status: 'DEFINED';
  readonly driverDiagramId: string;
  readonly trustCode: string;
  readonly sharing: Sharing;
  readonly revision: number;
  /** The content as last defined or revised: a revision that changes nothing appends nothing. */
  readonly content: DriverDiagramContent;
}
export type DriverDiagramState = { readonly status: 'INITIAL' } | DefinedDriverDiagram;

export interface DriverDiagramContent {
  readonly aim: string;
  readonly measure: string;
  readonly sharing: Sharing;
  readonly primaryDrivers: readonly DriverDiagramPrimaryDriver[];
}

/** What DefineDriverDiagram and ReviseDriverDiagram need from other streams: each linked intervention folded. */
export interface DriverDiagramContext {
  readonly interventions?: readonly InterventionState[];
}

const initialState = (): DriverDiagramState => ({ status: 'INITIAL' });

function evolve(state: DriverDiagramState, event: DriverDiagramEvent): DriverDiagramState {
  switch (event.type) {
    case 'DriverDiagramDefined': {
      const d = event.data;
      return {
        status: 'DEFINED',
        driverDiagramId: d.driverDiagramId,
        trustCode: d.trustCode,
        sharing: d.sharing,
        revision: 1,
        content: { aim: d.aim, measure: d.measure, sharing: d.sharing, primaryDrivers: d.primaryDrivers },
      };
    }
    case 'DriverDiagramRevised': {
      if (state.status === 'INITIAL') return state;
      const d = event.data;
      return {
        ...state,
        sharing: d.sharing,
        revision: d.revision,
        content: { aim: d.aim, measure: d.measure, sharing: d.sharing, primaryDrivers: d.primaryDrivers },
      };
    }
    default: {
      const _never: never = event;
      return state;
    }
  }
}

export class DriverDiagramNotFoundError extends NotFoundError {
  constructor(readonly driverDiagramId: string) {
    super('DRIVER_DIAGRAM_NOT_FOUND', `There is no driver diagram ${driverDiagramId}. Check the id of the diagram.`);
  }
}

/** Every intervention id the data names (unvalidated), for the command side to load. */
export function linkedInterventionIds(data: Readonly<Record<string, unknown>>): string[] {
  const ids = new Set<string>();
  for (const primary of arrayOf(data['primaryDrivers'])) {
    for (const secondary of arrayOf(untrusted(primary)['secondaryDrivers'])) {
      for (const idea of arrayOf(untrusted(secondary)['changeIdeas'])) {
        for (const id of arrayOf(untrusted(idea)['interventionIds'])) {
          if (typeof id === 'string' && ENTITY_ID.test(id.trim())) ids.add(id.trim());
        }
      }
    }
  }
  return [...ids].slice(0, DRIVER_DIAGRAM_LIMITS.linkedInterventions);
}

function arrayOf(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value : [];
}

/**
 * The aim, measure, sharing and tree, checked field by field (paths like
 * `primaryDrivers.0.secondaryDrivers.1.changeIdeas.2.text`), and each linked intervention checked
 * to be one of the diagram's trust (one of another trust, or none, is refused with the same words,
 * so the answer never says whether a hidden intervention exists).
 */
function validContent(data: Readonly<Record<string, unknown>>, trustCode: string | undefined, context: DriverDiagramContext | undefined, errors: FieldErrors) {
  const L = DRIVER_DIAGRAM_LIMITS;
  const aim = errors.plainText('aim', data['aim'], { max: L.aim });
  const measure = errors.metric('measure', data['measure']);
  const sharing = errors.oneOf('sharing', data['sharing'], SHARING_LEVELS);
  const known = new Map<string, Exclude<InterventionState, { status: 'INITIAL' }>>();
  for (const state of context?.interventions ?? []) if (state.status !== 'INITIAL') known.set(state.interventionId, state);
  let linked = 0;
  const primaryDrivers: DriverDiagramPrimaryDriver[] = [];
  const primaries = errors.list('primaryDrivers', data['primaryDrivers'], { min: 1, max: L.primaryDrivers });
  primaries.slice(0, L.primaryDrivers).forEach((rawPrimary, p) => {
    const primary = errors.object(path('primaryDrivers', p), rawPrimary);
    const text = errors.plainText(path('primaryDrivers', p, 'text'), primary['text'], { max: L.text });
    const secondaries = primary['secondaryDrivers'] === undefined || primary['secondaryDrivers'] === null ? [] : primary['secondaryDrivers'];
    const secondaryDrivers = errors
      .list(path('primaryDrivers', p, 'secondaryDrivers'), secondaries, { min: 0, max: L.secondaryDrivers })
      .slice(0, L.secondaryDrivers)
      .map((rawSecondary, s) => {
        const at = (...rest: (string | number)[]) => path('primaryDrivers', p, 'secondaryDrivers', s, ...rest);
        const secondary = errors.object(at(), rawSecondary);
        const secondaryText = errors.plainText(at('text'), secondary['text'], { max: L.text });
        const ideas = secondary['changeIdeas'] === undefined || secondary['changeIdeas'] === null ? [] : secondary['changeIdeas'];
        const changeIdeas = errors
          .list(at('changeIdeas'), ideas, { min: 0, max: L.changeIdeas })
          .slice(0, L.changeIdeas)
          .map((rawIdea, c) => {
            const idea = errors.object(at('changeIdeas', c), rawIdea);
            const ideaText = errors.plainText(at('changeIdeas', c, 'text'), idea['text'], { max: L.text });
            const rawIds = idea['interventionIds'] === undefined || idea['interventionIds'] === null ? [] : idea['interventionIds'];
            const interventionIds: string[] = [];
            errors
              .list(at('changeIdeas', c, 'interventionIds'), rawIds, { min: 0, max: L.interventionsPerIdea })
              .slice(0, L.interventionsPerIdea)
              .forEach((rawId, i) => {
                const where = at('changeIdeas', c, 'interventionIds', i);
                const id = errors.pattern(where, rawId, ENTITY_ID, 'an intervention id');
                if (id === undefined) return;
                if (interventionIds.includes(id)) return errors.add(where, 'is listed twice under this change idea');
                const state = known.get(id);
                if (!state || trustCode === undefined || state.trustCode !== trustCode) {
                  return errors.add(where, `is not an intervention of trust ${trustCode ?? 'of this diagram'}: link only your own trust's interventions`);
                }
                linked++;
                interventionIds.push(id);
              });
            return { text: ideaText ?? '', interventionIds };
          });
        return { text: secondaryText ?? '', changeIdeas };
      });
    primaryDrivers.push({ text: text ?? '', secondaryDrivers });
  });
  if (linked > L.linkedInterventions) errors.add('primaryDrivers', `may link at most ${L.linkedInterventions} interventions in all`);
  return { aim, measure: measure?.code, sharing, primaryDrivers };
}

function defineDriverDiagram(command: DefineDriverDiagram, state: DriverDiagramState): DriverDiagramEvent[] {
  const { actor } = command.metadata;
  const data = untrusted(command.data);
  const errors = new FieldErrors();
  const driverDiagramId = errors.pattern('driverDiagramId', data['driverDiagramId'], ENTITY_ID, 'an id of up to 64 letters, digits and hyphens');
  const trustCode = errors.pattern('trustCode', data['trustCode'], ODS_CODE, 'an ODS trust code such as RJ1');
  if (trustCode) assertMayActForTrust(actor, trustCode, command.type);
  const content = validContent(data, trustCode, command.context, errors);
  errors.throwIfAny('The driver diagram');
  if (!driverDiagramId || !trustCode || !content.aim || !content.measure || !content.sharing) return [];
  if (state.status !== 'INITIAL') {
    if (state.trustCode === trustCode && sameContent(state.content, content as DriverDiagramContent)) return [];
    throw new ConflictError('DRIVER_DIAGRAM_ALREADY_EXISTS', `A driver diagram with id ${driverDiagramId} already exists. Revise it instead.`);
  }
  return [
    {
      type: 'DriverDiagramDefined',
      data: {
        driverDiagramId,
        trustCode,
        aim: content.aim,
        measure: content.measure,
        sharing: content.sharing,
        primaryDrivers: content.primaryDrivers,
        definedBy: personOf(actor),
        definedAt: command.metadata.now,
      },
    },
  ];
}

/** A diagram the actor may not see answers like a missing one; one they may see but not change is forbidden. */
function existing(actor: Actor, driverDiagramId: string, state: DriverDiagramState): DefinedDriverDiagram {
  if (state.status === 'INITIAL' || state.driverDiagramId !== driverDiagramId || !canSee(actor, state)) throw new DriverDiagramNotFoundError(driverDiagramId);
  return state;
}

function reviseDriverDiagram(command: ReviseDriverDiagram, state: DriverDiagramState): DriverDiagramEvent[] {
  const { actor } = command.metadata;
  const data = untrusted(command.data);
  const errors = new FieldErrors();
  const driverDiagramId = errors.pattern('driverDiagramId', data['driverDiagramId'], ENTITY_ID, 'an id of up to 64 letters, digits and hyphens');
  // Readers are refused for what they are before anything is looked up (no leak of what exists).
  assertMayWrite(actor, command.type);
  errors.throwIfAny('The driver diagram');
  if (!driverDiagramId) return [];
  const diagram = existing(actor, driverDiagramId, state);
  assertMayActForTrust(actor, diagram.trustCode, command.type);
  const content = validContent(data, diagram.trustCode, command.context, errors);
  const note = errors.optionalText('note', data['note'], { max: DRIVER_DIAGRAM_LIMITS.note });
  errors.throwIfAny('The driver diagram');
  if (!content.aim || !content.measure || !content.sharing) return [];
  if (sameContent(diagram.content, content as DriverDiagramContent)) return [];
  return [
    {
      type: 'DriverDiagramRevised',
      data: {
        driverDiagramId,
        trustCode: diagram.trustCode,
        revision: diagram.revision + 1,
        aim: content.aim,
        measure: content.measure,
        sharing: content.sharing,
        primaryDrivers: content.primaryDrivers,
        ...(note !== undefined ? { note } : {}),
        revisedBy: personOf(actor),
        revisedAt: command.metadata.now,
      },
    },
  ];
}

function sameContent(a: DriverDiagramContent, b: DriverDiagramContent): boolean {
  return JSON.stringify([a.aim, a.measure, a.sharing, a.primaryDrivers]) === JSON.stringify([b.aim, b.measure, b.sharing, b.primaryDrivers]);
}

function decide(command: DriverDiagramCommand, state: DriverDiagramState): DriverDiagramEvent[] {
  switch (command.type) {
    case 'DefineDriverDiagram':
      return defineDriverDiagram(command, state);
    case 'ReviseDriverDiagram':
      return reviseDriverDiagram(command, state);
    default: {
      const _never: never = command;
      throw new Error(`Unknown driver diagram command ${(_never as { type: string }).type}`);
    }
  }
}

export const driverDiagramDecider: Decider<DriverDiagramCommand, DriverDiagramEvent, DriverDiagramState> = { initialState, evolve, decide };
