import type { Actor, InterventionCategory } from '@longview/domain';
import type { DemoPlan, DemoStep } from './generate';
import type { DemoPersonStep, MentorshipStep } from './people';

const MENTOR_NAMES = ['Dr Asha Patel', 'Gareth Hughes', 'Nkechi Okafor'] as const;
const REQUESTER_NAMES = ['Sam Jones', 'Priya Shah'] as const;
const NOTES = [
  'I led our front-door streaming work for four years; happy to share what held up after the first winter and what did not.',
  'Our gains lasted because we changed rotas, not just targets. I can help you find the system fix behind a quick win.',
  'Coaching on running PDSA cycles that survive staff turnover.',
] as const;

/**
 * Demo mentorship, deterministic from the plan: the three trusts with the most lasting (sustained)
 * improvements shared beyond their trust offer mentorship in those categories; one other trust has
 * a pending request with the first mentor and another an accepted mentorship with the second.
 * People act as the demo sign-in's editors (`demo-trust-editor-<code>`), so signing in on the demo
 * as a mentor's trust lets you answer requests.
 */
export function demoMentorships(plan: DemoPlan): DemoPersonStep<MentorshipStep>[] {
  const proposals = new Map<string, Extract<DemoStep, { type: 'ProposeIntervention' }>['data']>();
  for (const step of plan.steps) if (step.type === 'ProposeIntervention') proposals.set(step.data.interventionId, step.data);
  const records = new Map<string, { categories: InterventionCategory[]; metrics: string[]; count: number }>();
  for (const e of plan.expectations) {
    const proposal = proposals.get(e.interventionId);
    if (e.effect !== 'LASTING' || !proposal || proposal.sharing === 'PRIVATE') continue;
    const record = records.get(e.trustCode) ?? { categories: [], metrics: [], count: 0 };
    if (!record.categories.includes(e.category)) record.categories.push(e.category);
    if (!record.metrics.includes(e.metric)) record.metrics.push(e.metric);
    record.count += 1;
    records.set(e.trustCode, record);
  }
  const mentors = [...records.entries()].sort((a, b) => b[1].count - a[1].count || a[0].localeCompare(b[0])).slice(0, 3);
  const trusts = plan.steps.flatMap((s) => (s.type === 'RegisterTrust' ? [s.data.code] : [])).sort();
  const askers = trusts.filter((code) => !mentors.some(([m]) => m === code)).slice(0, 2);
  const person = (code: string, name: string): Actor => ({ id: `demo-trust-editor-${code}`, role: 'TRUST_EDITOR', trustCode: code, name });

  const steps: DemoPersonStep<MentorshipStep>[] = [];
  mentors.forEach(([code, record], i) => {
    steps.push({
      actor: person(code, MENTOR_NAMES[i] ?? `Mentor at ${code}`),
      step: {
        type: 'OfferMentorship',
        data: {
          offerId: `demo-mentorship-offer-${i + 1}`,
          categories: record.categories.slice(0, 2),
          metrics: record.metrics.slice(0, 3),
          capacity: i + 2,
          note: NOTES[i] ?? NOTES[0],
        },
      },
    });
  });
  const [first, second] = mentors;
  const [pendingAsker, acceptedAsker] = askers;
  if (first && pendingAsker) {
    steps.push({
      actor: person(pendingAsker, REQUESTER_NAMES[0]),
      step: {
        type: 'RequestMentorship',
        data: {
          offerId: 'demo-mentorship-offer-1',
          mentorshipId: 'demo-mentorship-1',
          trustCode: pendingAsker,
          message: 'Our improvements keep fading after a few months. Could we talk about what made yours last?',
        },
      },
    });
  }
  if (second && acceptedAsker) {
    steps.push({
      actor: person(acceptedAsker, REQUESTER_NAMES[1]),
      step: {
        type: 'RequestMentorship',
        data: {
          offerId: 'demo-mentorship-offer-2',
          mentorshipId: 'demo-mentorship-2',
          trustCode: acceptedAsker,
          message: 'We are starting a programme in the same area and would value a monthly call.',
        },
      },
    });
    steps.push({
      actor: person(second[0], MENTOR_NAMES[1]),
      step: { type: 'RespondToMentorship', data: { offerId: 'demo-mentorship-offer-2', mentorshipId: 'demo-mentorship-2', accept: true } },
    });
  }
  return steps;
}
