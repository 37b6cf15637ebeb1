import { TEAM_LIKELY_THRESHOLD, compareSustainability, monthsImproved, type OutcomeVerdictInput } from './sustainability-comparison';

const team = (total: number) => ({ assessedOn: '2026-03-01', total, max: 100 });
const improved = { pointType: 'special_cause_improvement' };
const common = { pointType: 'common_cause' };
const faded: OutcomeVerdictInput = {
  metric: 'ae-4hr',
  metricName: 'A&E 4-hour performance',
  sustainability: 'FADED',
  monthsObserved: 14,
  post: [...Array<typeof improved>(8).fill(improved), ...Array<typeof common>(6).fill(common)],
};
const sustained: OutcomeVerdictInput = { metric: 'nel-los', metricName: 'Non-elective length of stay', sustainability: 'SUSTAINED', monthsObserved: 18 };

describe('compareSustainability: the team’s view beside the data', () => {
  it('disagrees when the team rates it likely to last and the data say it faded, saying after how long', () => {
    const c = compareSustainability(team(72), [faded]);
    expect(c.agreement).toBe('DISAGREE');
    expect(c.explanation).toBe(
      'The team rates it likely to last (score 72 of 100, 2026-03-01); but the data say A&E 4-hour performance faded after 8 months. ' +
        "The team's view and the data disagree: worth talking through what the data see that the team does not, or the other way round.",
    );
  });

  it('agrees when both say it lasts, and when both say it does not', () => {
    expect(compareSustainability(team(80), [sustained])).toMatchObject({ agreement: 'AGREE', teamLikelyToLast: true, dataLasted: true });
    expect(compareSustainability(team(30), [faded])).toMatchObject({ agreement: 'AGREE', teamLikelyToLast: false, dataLasted: false });
    expect(compareSustainability(team(80), [sustained]).explanation).toContain('Non-elective length of stay sustained its improvement over 18 months');
  });

  it('disagrees when the team doubts a change the data say was sustained', () => {
    const c = compareSustainability(team(33.3), [sustained]);
    expect(c.agreement).toBe('DISAGREE');
    expect(c.explanation).toContain('The team rates it at risk of not lasting (score 33.3 of 100');
  });

  it('puts the threshold at 60 of 100: 60 is likely to last, 59.9 is not', () => {
    expect(TEAM_LIKELY_THRESHOLD).toBe(60);
    expect(compareSustainability(team(60), [sustained]).agreement).toBe('AGREE');
    expect(compareSustainability(team(59.9), [sustained]).agreement).toBe('DISAGREE');
  });

  it('counts a target that faded against one that was sustained: the data say it did not last', () => {
    const c = compareSustainability(team(70), [sustained, faded]);
    expect(c).toMatchObject({ agreement: 'DISAGREE', dataLasted: false });
    expect(c.explanation).toContain('faded after 8 months');
    expect(c.explanation).not.toContain('sustained its improvement');
  });

  it('treats deteriorated and no-signal targets as not lasting', () => {
    expect(compareSustainability(team(90), [{ metric: 'x', sustainability: 'NO_SIGNAL', monthsObserved: 13 }]).dataLasted).toBe(false);
    expect(compareSustainability(team(20), [{ metric: 'x', sustainability: 'DETERIORATED', monthsObserved: 13 }]).agreement).toBe('AGREE');
  });

  it('has no data to compare without an assessment, or when no target is judged yet', () => {
    expect(compareSustainability(null, [sustained])).toMatchObject({ agreement: 'NO_DATA', teamLikelyToLast: null, dataLasted: true });
    const early = compareSustainability(team(72), [
      { metric: 'ae-4hr', sustainability: 'NOT_YET_EVIDENT', monthsObserved: 5 },
      { metric: 'nel-los', sustainability: 'INSUFFICIENT_DATA', monthsObserved: 0 },
    ]);
    expect(early).toMatchObject({ agreement: 'NO_DATA', dataLasted: null });
    expect(early.explanation).toBe('The team rates it likely to last (score 72 of 100, 2026-03-01); the data cannot say yet whether it lasted.');
    expect(compareSustainability(team(72), []).agreement).toBe('NO_DATA');
  });

  it('monthsImproved: months from the start to the last improvement point', () => {
    expect(monthsImproved([common, improved, improved, common])).toBe(3);
    expect(monthsImproved([common])).toBeUndefined();
    expect(monthsImproved(undefined)).toBeUndefined();
  });
});
