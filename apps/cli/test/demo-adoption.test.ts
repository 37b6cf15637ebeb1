/**
 * The demo's adoptions (a chain of three from a lasting public original, and a private pilot spread
 * by the regional programme), sent through the real decider with the source each command names.
 */
import { demoAdoptions, generateDemoData } from '../src/demo';
import { decideDemoPeopleSteps } from './decider-support';

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
    // The interventions' streams are decided from the plan's steps, so each adoption's source is folded from its stream, as the command side loads it.
    for (const { actor, step } of steps) if (actor.role === 'TRUST_EDITOR') expect(actor.trustCode).toBe(step.data.trustCode);
    const produced = decideDemoPeopleSteps(plan, steps, {
      loaded: ['RegisterTrust', 'DefineLocalMeasure', 'ProposeIntervention'],
      loader: { id: 'loader', role: 'ADMIN' },
      idPrefix: 'a',
    });
    expect(produced.map((e) => [e.type, (e.data as { adoptedFrom?: { interventionId: string } }).adoptedFrom?.interventionId])).toEqual(
      steps.map((s) => ['InterventionProposed', s.step.data.sourceInterventionId]),
    );
  });
});
