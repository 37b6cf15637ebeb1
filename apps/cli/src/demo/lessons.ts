import type { Actor } from '@longview/domain';
import type { DemoPlan, DemoStep } from './generate';
import type { DemoPersonStep, LessonStep } from './people';

/** A lesson or comment command and the person who issues it. */
export type DemoLessonStep = DemoPersonStep<LessonStep>;

const FADED_LESSONS = [
  {
    title: 'Our gains faded when the project team moved on',
    body: 'The first three months looked great. When the project team moved on, nobody owned the new routine and performance drifted back. Next time we will hand ownership to the ward teams from the start.',
  },
  {
    title: 'A quick win is not a system change',
    body: 'Extra shifts bought us a good quarter, then the rota went back to normal and so did the numbers. Look for the process fix behind the quick win.',
  },
] as const;
const LASTING_LESSONS = [
  {
    title: 'Start with the wards that asked for it',
    body: 'We began with two wards that wanted the change, learned from them for two PDSA cycles, then spread it. The early adopters convinced the rest better than we could.',
  },
  {
    title: 'Measure weekly, review monthly',
    body: 'A weekly run chart on the ward noticeboard kept the change alive; the monthly review with the board kept the support coming.',
  },
] as const;

/**
 * Demo lessons and comments, deterministic from the plan: lessons on two faded and two lasting
 * interventions (one of them shared with trusts only), written by an editor of the intervention's
 * trust; endorsements by editors of other trusts; two community comments on public interventions,
 * one of which an administrator hides.
 */
export function demoLessons(plan: DemoPlan): DemoLessonStep[] {
  const proposals = new Map<string, Extract<DemoStep, { type: 'ProposeIntervention' }>['data']>();
  for (const step of plan.steps) if (step.type === 'ProposeIntervention') proposals.set(step.data.interventionId, step.data);
  const pick = (effect: 'LASTING' | 'FADING') =>
    plan.expectations
      .filter((e) => e.effect === effect && proposals.get(e.interventionId)?.sharing === 'PUBLIC')
      .map((e) => e.interventionId)
      .filter((id, i, all) => all.indexOf(id) === i)
      .sort()
      .slice(0, 2);
  const editor = (code: string, name: string): Actor => ({ id: `demo-trust-editor-${code}`, role: 'TRUST_EDITOR', trustCode: code, name });
  const steps: DemoLessonStep[] = [];
  const shared: { lessonId: string; trustCode: string }[] = [];
  const add = (interventionId: string, text: { title: string; body: string }, index: number, sharing: 'PUBLIC' | 'TRUSTS') => {
    const trustCode = proposals.get(interventionId)?.trustCode as string;
    const lessonId = `demo-lesson-${index + 1}`;
    steps.push({
      actor: editor(trustCode, `Improvement lead at ${trustCode}`),
      step: { type: 'ShareLesson', data: { lessonId, interventionId, ...text, sharing } },
    });
    shared.push({ lessonId, trustCode });
  };
  pick('FADING').forEach((id, i) => add(id, FADED_LESSONS[i] ?? FADED_LESSONS[0], i, 'PUBLIC'));
  pick('LASTING').forEach((id, i) => add(id, LASTING_LESSONS[i] ?? LASTING_LESSONS[0], i + 2, i === 1 ? 'TRUSTS' : 'PUBLIC'));

  const trusts = plan.steps.flatMap((s) => (s.type === 'RegisterTrust' ? [s.data.code] : [])).sort();
  for (const { lessonId, trustCode } of shared.slice(0, 3)) {
    for (const other of trusts.filter((code) => code !== trustCode).slice(0, 2)) {
      steps.push({ actor: editor(other, `Improvement lead at ${other}`), step: { type: 'EndorseLesson', data: { lessonId } } });
    }
  }

  const commented = pick('FADING')[0];
  if (commented) {
    const community: Actor = { id: 'demo-community', role: 'COMMUNITY', name: 'Jo Bloggs' };
    steps.push({
      actor: community,
      step: {
        type: 'CommentOnIntervention',
        data: {
          commentId: 'demo-comment-1',
          interventionId: commented,
          body: 'Thank you for being open about what did not last. Did patients notice the difference while it worked?',
        },
      },
    });
    steps.push({
      actor: community,
      step: {
        type: 'CommentOnIntervention',
        data: { commentId: 'demo-comment-2', interventionId: commented, body: 'Whoever ran this should be named and sacked.' },
      },
    });
    steps.push({
      actor: { id: 'demo-admin', role: 'ADMIN', name: 'Longview moderator' },
      step: { type: 'HideComment', data: { commentId: 'demo-comment-2', reason: 'Blames individuals: Longview is for learning, not blame.' } },
    });
  }
  return steps;
}
