import { describe, expect, it } from '@jest/globals';
import { renderToStaticMarkup } from 'react-dom/server';
import { SpcStatus } from './SpcStatus';
import { SpcIcons } from './SpcSummary';

const names = (html: string) => [...html.matchAll(/role="img" aria-label="([^"]+)"/g)].map((m) => m[1]);

describe('SpcStatus', () => {
  it('shows the variation and the assurance as Making Data Count icons, each named in plain English', () => {
    const html = renderToStaticMarkup(<SpcStatus variation="improvement_high" assurance="consistent_fail" hasTarget />);
    expect(html).toContain('data-icon="variation-improvement-h"');
    expect(html).toContain('data-icon="assurance-fail"');
    expect(names(html)).toEqual(['Special cause improvement: values are higher', 'Assurance: the target will be missed consistently']);
  });

  it('says when there is no target, or nothing analysed yet', () => {
    expect(names(renderToStaticMarkup(<SpcStatus variation="common_cause" assurance={null} hasTarget={false} />))).toEqual([
      'Common cause variation: no significant change',
      'No assurance: this measure has no target',
    ]);
    expect(renderToStaticMarkup(<SpcStatus variation={null} assurance={null} hasTarget />)).toContain('Not analysed yet');
    expect(names(renderToStaticMarkup(<SpcStatus variation="concern_low" assurance={null} hasTarget chart="run" />))).toEqual([
      'Special cause concern: values are lower',
      'No assurance yet: too few months for process limits (run chart)',
    ]);
  });
});

describe('SpcIcons (the trust page)', () => {
  it('puts each icon beside what it means', () => {
    const html = renderToStaticMarkup(<SpcIcons variation="concern_high" assurance="inconsistent" hasTarget />);
    expect(html).toContain('data-icon="variation-concern-h"');
    expect(html).toContain('data-icon="assurance-hit-and-miss"');
    expect(html).toContain('A real deterioration — the latest months are higher than chance alone would explain.');
    expect(html).toContain('some months will meet it and some will not, by chance');
  });
});
