/**
 * The demo's driver diagrams (three trusts, one shared with trusts only and linking a PRIVATE
 * intervention, one revised), sent through the real deciders as the editors who issue them, with
 * the linked interventions loaded as the command side loads them.
 */
import { demoDriverDiagrams, generateDemoData } from '../src/demo';
import { decideDemoPeopleSteps } from './decider-support';

describe('demo driver diagrams', () => {
  const plan = generateDemoData();
  const steps = demoDriverDiagrams(plan);

  it('is deterministic', () => {
    expect(demoDriverDiagrams(generateDemoData())).toEqual(steps);
  });

  it('is accepted by the deciders: PUBLIC and TRUSTS diagrams linked to the trusts’ own interventions, one revised', () => {
    // The linked interventions are loaded from their streams as the command side loads them (a list context).
    const produced = decideDemoPeopleSteps(plan, steps, {
      loaded: ['RegisterTrust', 'DefineLocalMeasure', 'ProposeIntervention', 'ChangeSharing'],
      idPrefix: 'd',
    });
    expect(produced.map((e) => e.type)).toEqual(['DriverDiagramDefined', 'DriverDiagramDefined', 'DriverDiagramDefined', 'DriverDiagramRevised']);
    const defined = produced.flatMap((e) => (e.type === 'DriverDiagramDefined' ? [e.data] : []));
    expect(defined.map((d) => d.sharing)).toEqual(['PUBLIC', 'TRUSTS', 'PUBLIC']);
    expect(new Set(defined.map((d) => d.trustCode)).size).toBe(3);
    const linked = defined.flatMap((d) => d.primaryDrivers.flatMap((p) => p.secondaryDrivers.flatMap((s) => s.changeIdeas.flatMap((c) => c.interventionIds))));
    expect(linked.length).toBeGreaterThanOrEqual(6);
    const privateIds = new Set(plan.steps.flatMap((s) => (s.type === 'ProposeIntervention' && s.data.sharing === 'PRIVATE' ? [s.data.interventionId] : [])));
    expect(linked.some((id) => privateIds.has(id))).toBe(true);
    for (const d of defined) expect(d.aim).toMatch(/ by March 2027/);
  });
});
