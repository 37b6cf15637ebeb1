/**
 * The demo's lessons and comments (lessons on faded and lasting interventions, one shared with
 * trusts only, endorsements, one comment hidden by an admin), sent through the real deciders as
 * the people who issue them, with each command's intervention context as the command side loads it.
 */
import { demoLessons, generateDemoData } from '../src/demo';
import { decideDemoPeopleSteps } from './decider-support';

describe('demo lessons and comments', () => {
  const plan = generateDemoData();
  const steps = demoLessons(plan);

  it('is deterministic', () => {
    expect(demoLessons(generateDemoData())).toEqual(steps);
  });

  it('is accepted by the deciders: lessons on faded interventions too, one TRUSTS-only, endorsed, one comment hidden', () => {
    // The interventions' streams as the demo plan builds them (the loader's commands, decided in order). An endorsement or a
    // retraction names only its lesson or comment: the intervention it is about is the one that stream recorded.
    const produced = decideDemoPeopleSteps(plan, steps, {
      loaded: ['RegisterTrust', 'DefineLocalMeasure', 'ProposeIntervention', 'ChangeSharing'],
      idPrefix: 'l',
    });
    const types = produced.map((e) => e.type);
    expect(types.filter((t) => t === 'LessonShared')).toHaveLength(4);
    expect(types.filter((t) => t === 'LessonEndorsed').length).toBeGreaterThanOrEqual(3);
    expect(types.filter((t) => t === 'CommentPosted')).toHaveLength(2);
    expect(types.filter((t) => t === 'CommentHidden')).toHaveLength(1);
    const lessons = produced.flatMap((e) => (e.type === 'LessonShared' ? [e.data] : []));
    expect(lessons.filter((l) => l.sharing === 'TRUSTS')).toHaveLength(1);
    const faded = new Set(plan.expectations.filter((e) => e.effect === 'FADING').map((e) => e.interventionId));
    expect(lessons.filter((l) => l.interventionId && faded.has(l.interventionId))).toHaveLength(2);
  });
});
