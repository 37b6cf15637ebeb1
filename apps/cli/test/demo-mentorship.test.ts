/**
 * The demo's mentorship (a few offers from trusts with sustained records, one pending and one
 * accepted mentorship), sent through the real decider as the people who issue it.
 */
import { demoMentorships, generateDemoData } from '../src/demo';
import { decideDemoPeopleSteps } from './decider-support';

describe('demo mentorship', () => {
  const plan = generateDemoData();
  const steps = demoMentorships(plan);

  it('is deterministic', () => {
    expect(demoMentorships(generateDemoData())).toEqual(steps);
  });

  it('is accepted by the decider, each command as its own person', () => {
    const produced = decideDemoPeopleSteps(plan, steps, { loaded: [], idPrefix: 'm' });
    expect(produced.map((e) => e.type)).toEqual([
      'MentorshipOffered',
      'MentorshipOffered',
      'MentorshipOffered',
      'MentorshipRequested',
      'MentorshipRequested',
      'MentorshipAccepted',
    ]);
  });

  it('offers come from trusts with lasting improvements shared beyond the trust, in those categories', () => {
    const shared = new Set(plan.steps.flatMap((s) => (s.type === 'ProposeIntervention' && s.data.sharing !== 'PRIVATE' ? [s.data.interventionId] : [])));
    for (const { actor, step } of steps.filter((s) => s.step.type === 'OfferMentorship')) {
      const lasting = plan.expectations.filter((e) => e.trustCode === actor.trustCode && e.effect === 'LASTING' && shared.has(e.interventionId));
      expect(lasting.length).toBeGreaterThan(0);
      if (step.type === 'OfferMentorship') for (const c of step.data.categories) expect(lasting.map((e) => e.category)).toContain(c);
    }
  });
});
