/**
 * The demo's programme (a patient-flow collaborative coordinated by the demo policymaker), sent through the real deciders as the people who issue it, with each command's
 * context (the joining trust, the linked intervention) as the command side loads it.
 */
import { DEMO_PROGRAMME_COORDINATOR, demoProgrammes, generateDemoData } from '../src/demo';
import { decideDemoPeopleSteps } from './decider-support';

describe('demo programme', () => {
  const plan = generateDemoData();
  const steps = demoProgrammes(plan);

  it('is deterministic', () => {
    expect(demoProgrammes(generateDemoData())).toEqual(steps);
  });

  it('is accepted by the deciders: several member trusts, interventions with lasting and fading effects linked', () => {
    const produced = decideDemoPeopleSteps(plan, steps, {
      loaded: ['RegisterTrust', 'DefineLocalMeasure', 'ProposeIntervention', 'ChangeSharing'],
      idPrefix: 'g',
    });
    const created = produced.find((e) => e.type === 'ProgrammeCreated');
    expect(created?.data).toMatchObject({ category: 'PATIENT_FLOW', coordinator: { id: DEMO_PROGRAMME_COORDINATOR.id, role: 'POLICYMAKER' } });
    expect((created?.data as { name: string }).name).toMatch(/patient-flow collaborative$/);
    const members = produced.filter((e) => e.type === 'TrustJoinedProgramme');
    expect(members.length).toBeGreaterThanOrEqual(3);
    const linked = produced.flatMap((e) => (e.type === 'InterventionLinkedToProgramme' ? [e.data.interventionId] : []));
    const effects = new Set(plan.expectations.filter((e) => linked.includes(e.interventionId)).map((e) => e.effect));
    expect(effects).toEqual(expect.objectContaining({ size: expect.any(Number) }));
    expect([...effects]).toEqual(expect.arrayContaining(['LASTING', 'FADING']));
    expect(linked.length).toBeGreaterThanOrEqual(4);
    // Every linked intervention aims at the programme's measure, so the programme's evidence pools them all.
    const metric = (created?.data as { metric: string }).metric;
    const proposals = plan.steps.flatMap((s) => (s.type === 'ProposeIntervention' ? [s.data] : []));
    for (const id of linked) expect(proposals.find((p) => p.interventionId === id)?.targets.map((t) => t.metric)).toContain(metric);
    // Someone who is no member sees at least two of them shared beyond their trust.
    expect(proposals.filter((p) => linked.includes(p.interventionId) && p.sharing !== 'PRIVATE').length).toBeGreaterThanOrEqual(2);
  });
});
