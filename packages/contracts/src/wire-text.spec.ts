import { findMalformedText, textProblem } from './wire-text';

describe('wire text rules', () => {
  it('accepts ordinary text, emoji (surrogate pairs) and the empty string', () => {
    expect(textProblem('Same-day emergency care – 4 hours 🏥')).toBeUndefined();
    expect(textProblem('')).toBeUndefined();
  });

  it('refuses NUL and lone surrogates, high or low', () => {
    expect(textProblem('a\u0000b')).toMatch(/NUL/);
    expect(textProblem('a\uD800')).toMatch(/surrogate/);
    expect(textProblem('\uDC00a')).toMatch(/surrogate/);
    expect(textProblem('\uDC00\uD800')).toMatch(/surrogate/);
  });

  it('names the path of the first bad string, in values and in keys', () => {
    expect(findMalformedText({ title: 'ok', targets: [{ metric: 'ae-4hr' }, { metric: 'x\u0000' }] })).toEqual({
      path: 'targets.1.metric',
      problem: expect.stringMatching(/NUL/),
    });
    expect(findMalformedText({ ['k\uD800']: 1 })).toEqual({ path: 'k\uD800', problem: expect.stringMatching(/key .*surrogate/) });
    expect(findMalformedText('\u0000')).toEqual({ path: '', problem: expect.stringMatching(/NUL/) });
    expect(findMalformedText({ a: [1, true, null, 'fine'] })).toBeUndefined();
  });

  it('refuses deep nesting without recursing (no stack overflow)', () => {
    let deep: unknown = 'leaf';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(findMalformedText(deep, 32)?.problem).toMatch(/nested deeper than 32/);
    expect(findMalformedText([[['x']]], 3)).toBeUndefined();
  });
});
