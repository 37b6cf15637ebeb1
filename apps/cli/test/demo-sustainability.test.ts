/**
 * The demo's sustainability self-assessments, decided by the real decider (with the intervention
 * context the command side loads) and set beside the verdicts the read side computes from the
 * demo's own data (evaluateOutcome, as demo-verdicts.test.ts does), by the one comparison rule:
 * teams that agree with their data and teams that do not, so the intervention page shows both.
 */
import { compareSustainability, evaluateOutcome } from '@longview/analytics';
import { scoreSustainability, type SustainabilityAssessed } from '@longview/domain';
import { demoSustainability, demoSustainabilityCases, generateDemoData, type DemoStepOf } from '../src/demo';
import { decideDemoPeopleSteps } from './decider-support';

describe('demo sustainability self-assessments', () => {
  const plan = generateDemoData();
  const steps = demoSustainability(plan);

  it('is deterministic', () => {
    expect(demoSustainability(generateDemoData())).toEqual(steps);
  });

  it('is accepted by the decider, and shows teams that agree and teams that disagree with the data verdict', () => {
    const assessed = decideDemoPeopleSteps(plan, steps, {
      loaded: ['RegisterTrust', 'DefineLocalMeasure', 'ProposeIntervention', 'StartIntervention', 'ChangeSharing'],
      idPrefix: 's',
    }) as SustainabilityAssessed[];
    expect(assessed).toHaveLength(steps.length);

    const recordings = plan.steps.filter((s): s is DemoStepOf<'RecordObservations'> => s.type === 'RecordObservations');
    const rebases = plan.steps.filter((s): s is DemoStepOf<'RebaseSeries'> => s.type === 'RebaseSeries');
    const cases = demoSustainabilityCases(plan);
    expect(cases.map((c) => c.expected).sort()).toEqual(['AGREE', 'AGREE', 'AGREE', 'DISAGREE', 'DISAGREE', 'DISAGREE']);
    for (const c of cases) {
      const e = plan.expectations.find((x) => x.interventionId === c.interventionId)!;
      const outcome = evaluateOutcome({
        series: recordings
          .filter((r) => r.data.trustCode === e.trustCode && r.data.metric === e.metric)
          .flatMap((r) => r.data.observations.map((o) => ({ period: o.period, value: o.value }))),
        startedOn: e.startedOn,
        direction: e.direction,
        rebase: rebases.filter((r) => r.data.trustCode === e.trustCode && r.data.metric === e.metric).map((r) => r.data.fromPeriod),
      });
      const latest = assessed.filter((a) => a.data.interventionId === c.interventionId).sort((a, b) => b.data.assessedOn.localeCompare(a.data.assessedOn))[0]!;
      const score = scoreSustainability(latest.data.scores);
      const comparison = compareSustainability({ assessedOn: latest.data.assessedOn, total: score.total, max: score.max }, [
        { metric: e.metric, sustainability: outcome.sustainability, monthsObserved: outcome.monthsObserved, post: outcome.post },
      ]);
      expect({ id: c.interventionId, agreement: comparison.agreement }).toEqual({ id: c.interventionId, agreement: c.expected });
    }
    // The confident teams assessed twice (a trend); the totals are 50 then 80, or 20 for a doubtful team.
    expect([...new Set(assessed.map((a) => scoreSustainability(a.data.scores).total))].sort()).toEqual([20, 50, 80]);
  });
});
