/**
 * The demo's adoptions (a chain of three from a lasting public original, and a private pilot spread
 * by the regional programme), sent through the real decider with the source each command names.
 */
import {
  decideFromHistory,
  foldContext,
  interventionDecider,
  streamIdFor,
  type InterventionEvent,
  type LongviewCommand,
  type LongviewEvent,
} from '@longview/domain';
import { demoAdoptions, generateDemoData } from '../src/demo';

describe('demo adoptions', () => {
  const plan = generateDemoData();
  const steps = demoAdoptions(plan);
  const sharingOf = new Map(plan.steps.flatMap((s) => (s.type === 'ProposeIntervention' ? [[s.data.interventionId, s.data.sharing] as const] : [])));

  it('is deterministic', () => {
    expect(demoAdoptions(generateDemoData())).toEqual(steps);
  });

  it('is a chain of three from a lasting public original, and a private pilot adopted as a public intervention', () => {
    const [first, second, spread] = steps.map((s) => s.step.data);
    const lasting = plan.expectations.find((e) => e.interventionId === first?.sourceInterventionId);
    expect(lasting?.effect).toBe('LASTING');
    expect(sharingOf.get(first?.sourceInterventionId ?? '')).toBe('PUBLIC');
    expect(second?.sourceInterventionId).toBe(first?.interventionId);
    expect(sharingOf.get(spread?.sourceInterventionId ?? '')).toBe('PRIVATE');
    expect(spread?.sharing).toBe('PUBLIC');
    expect(new Set(steps.map((s) => s.step.data.trustCode)).size).toBe(3);
  });

  it('is accepted by the decider, each adopter acting for its own trust (the programme as an admin)', () => {
    // Fold each demo intervention's stream from the plan's steps, as the command side would load the source.
    const streams = new Map<string, LongviewEvent[]>();
    const produced: LongviewEvent[] = [];
    const now = `${plan.today}T12:00:00.000Z`;
    const send = (command: LongviewCommand) => {
      const stream = streamIdFor(command);
      // What the command side loads from other streams (the trust's local measures), beside what the test gives.
      const loaded = foldContext(command.type, command.data as Record<string, unknown>, undefined, (id) => streams.get(id) ?? []);
      const given = (command as { context?: Record<string, unknown> }).context;
      const withContext = loaded || given ? ({ ...command, context: { ...loaded, ...given } } as LongviewCommand) : command;
      const events = decideFromHistory(withContext, streams.get(stream) ?? []);
      streams.set(stream, [...(streams.get(stream) ?? []), ...events]);
      return events;
    };
    plan.steps.forEach((step, i) => {
      if (step.type !== 'RegisterTrust' && step.type !== 'DefineLocalMeasure' && step.type !== 'ProposeIntervention') return;
      send({ type: step.type, data: step.data, metadata: { commandId: `p-${i}`, actor: { id: 'loader', role: 'ADMIN' }, now } } as LongviewCommand);
    });
    steps.forEach(({ actor, step }, i) => {
      if (actor.role === 'TRUST_EDITOR') expect(actor.trustCode).toBe(step.data.trustCode);
      const history = (streams.get(`intervention-${step.data.sourceInterventionId}`) ?? []) as InterventionEvent[];
      const source = history.reduce(interventionDecider.evolve, interventionDecider.initialState());
      const command = { type: step.type, data: step.data, context: { source }, metadata: { commandId: `a-${i}`, actor, now } } as LongviewCommand;
      produced.push(...send(command));
    });
    expect(produced.map((e) => [e.type, (e.data as { adoptedFrom?: { interventionId: string } }).adoptedFrom?.interventionId])).toEqual(
      steps.map((s) => ['InterventionProposed', s.step.data.sourceInterventionId]),
    );
  });
});
