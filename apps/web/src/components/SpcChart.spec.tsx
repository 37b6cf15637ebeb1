import { describe, expect, it } from '@jest/globals';
import { renderToStaticMarkup } from 'react-dom/server';
import { SpcChart } from './SpcChart';
import type { ChartPoint } from '../lib/spc';

const months = Array.from({ length: 24 }, (_, i) => `${2024 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`);
const points: ChartPoint[] = months.map((period, i) => ({
  period,
  value: 70 + (i % 3),
  mean: i < 12 ? 71 : 75,
  lpl: i < 12 ? 67 : 71,
  upl: i < 12 ? 75 : 79,
  group: i < 12 ? 0 : 1,
  pointType: i === 23 ? 'special_cause_concern' : 'common_cause',
  rule: i === 23 ? '7 Points Below CL' : 'Common Cause',
}));

describe('SpcChart', () => {
  const html = renderToStaticMarkup(
    <SpcChart metricName="A&E 4-hour" unit="%" points={points} target={95} markers={[{ date: '2024-06-10', label: 'Started: Front-door streaming' }]} />,
  );

  it('sits in a keyboard-focusable, named region that scrolls sideways', () => {
    expect(html).toMatch(
      /<div class="app-scroll-region app-chart__scroll" role="region" aria-label="A&amp;E 4-hour chart \(scrolls sideways on a narrow screen\)" tabindex="0">/,
    );
  });

  it('draws at 1 unit per pixel (so its text keeps its size)', () => {
    expect(html).toContain('viewBox="0 0 720 340" width="720" height="340"');
  });

  it('marks the target, the intervention start and the new baseline, and says so in its description', () => {
    expect(html).toContain('Target 95%');
    expect(html).toContain('Started: Front-door streaming');
    expect(html).toContain('New baseline');
    expect(html).toMatch(/<desc[^>]*>[^<]*New baseline from January 2025\.[^<]*Started: Front-door streaming: 10 June 2024\./);
  });

  it('describes signals in plain English, and offers the data as a table', () => {
    expect(html).toContain('Concern: 7 months in a row below the average');
    expect(html).not.toContain('Points Below CL');
    expect(html).toContain('Show as table');
    expect(html).toContain('<caption class="nhsuk-table__caption nhsuk-table__caption--s">A&amp;E 4-hour: monthly values</caption>');
  });

  it('does not let the last month label run off the edge', () => {
    const labels = [...html.matchAll(/<text class="app-chart__tick" x="([\d.]+)" y="[\d.]+" text-anchor="(\w+)">([A-Z][a-z]{2} \d{4})<\/text>/g)];
    expect(labels.length).toBeGreaterThan(1);
    expect(labels.length).toBeLessThanOrEqual(Math.floor((720 - 92) / 72));
    const last = labels[labels.length - 1]!;
    if (last[2] === 'middle') expect(Number(last[1]) + 28).toBeLessThanOrEqual(718);
    else expect(last[2]).toBe('end');
  });
});
