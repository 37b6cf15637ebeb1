import { assessBalancing, balancingConcernOf, improved, type RoledOutcome } from './balancing';
import { evaluateOutcome } from './outcome';

// set.seed(123); rnorm(20): deterministic common-cause noise (as in outcome.spec.ts)
const NOISE = [
  -0.56047565, -0.23017749, 1.55870831, 0.07050839, 0.12928774, 1.71506499, 0.46091621, -1.26506123, -0.68685285, -0.44566197, 1.2240818, 0.35981383,
  0.40077145, 0.11068272, -0.55584113, 1.78691314, 0.49785048, -1.96661716, 0.7013559, -0.47279141,
];

/** Monthly series from 2020-01: `baselineMonths` at `level` (sd ~1), then `post` offsets. */
function series(level: number, post: readonly number[], baselineMonths = 24): { period: string; value: number }[] {
  const offsets = [...Array<number>(baselineMonths).fill(0), ...post];
  return offsets.map((offset, i) => ({
    period: `${2020 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`,
    value: level + (NOISE[(i * 7) % NOISE.length] as number) + offset,
  }));
}
const START = '2022-01-10';

function roled(
  metric: string,
  name: string,
  role: RoledOutcome['role'],
  direction: RoledOutcome['direction'],
  post: readonly number[],
  level = 50,
): RoledOutcome {
  return { metric, name, role, direction, outcome: evaluateOutcome({ series: series(level, post), startedOn: START, direction }) };
}

describe('the balancing-concern rule', () => {
  it('flags an improvement whose balancing measure rose after the start, naming it', () => {
    const waits = roled('ae-4hr', 'A&E 4-hour performance', 'OUTCOME', 'INCREASE', Array<number>(14).fill(4), 70);
    const stay = roled('nel-los', 'Non-elective length of stay', 'BALANCING', 'DECREASE', Array<number>(14).fill(3), 6);
    expect(improved(waits.outcome)).toBe(true);
    expect(balancingConcernOf(stay.outcome)?.pointType).toBe('special_cause_concern');
    const assessed = assessBalancing([waits, stay]);
    expect(assessed.shiftedProblem).toBe(true);
    expect(assessed.flags).toEqual([true, true]);
    expect(assessed.sentences[0]).toBe(
      'It improved, but non-elective length of stay rose after the start (Above UCL in 2022-01): the problem may have shifted.',
    );
    expect(assessed.sentences[1]).toBe(
      'This balancing measure rose after the start (Above UCL in 2022-01) while A&E 4-hour performance improved: the problem may have shifted.',
    );
  });

  it('does not flag when the balancing measure stays within common-cause variation', () => {
    const waits = roled('ae-4hr', 'A&E 4-hour performance', 'OUTCOME', 'INCREASE', Array<number>(14).fill(4), 70);
    const stay = roled('nel-los', 'Non-elective length of stay', 'BALANCING', 'DECREASE', Array<number>(14).fill(0), 6);
    expect(balancingConcernOf(stay.outcome)).toBeNull();
    expect(assessBalancing([waits, stay])).toEqual({ flags: [false, false], sentences: [null, null], shiftedProblem: false });
  });

  it('does not flag a balancing concern when no outcome improved, nor a process measure that moved', () => {
    const flat = roled('ae-4hr', 'A&E 4-hour performance', 'OUTCOME', 'INCREASE', Array<number>(14).fill(0), 70);
    const stay = roled('nel-los', 'Non-elective length of stay', 'BALANCING', 'DECREASE', Array<number>(14).fill(3), 6);
    expect(assessBalancing([flat, stay]).shiftedProblem).toBe(false);
    const waits = roled('ae-4hr', 'A&E 4-hour performance', 'OUTCOME', 'INCREASE', Array<number>(14).fill(4), 70);
    const process = roled('local-rj1-d2a', 'Discharges to assess', 'PROCESS', 'INCREASE', Array<number>(14).fill(-3), 20);
    expect(assessBalancing([waits, process]).flags).toEqual([false, false]);
  });

  it('judges nothing against a baseline too short for reliable limits', () => {
    const short = evaluateOutcome({ series: series(6, Array<number>(6).fill(5), 8), startedOn: '2020-09-01', direction: 'DECREASE' });
    expect(short.sustainability).toBe('INSUFFICIENT_DATA');
    expect(balancingConcernOf(short)).toBeNull();
    expect(balancingConcernOf(null)).toBeNull();
  });
});
