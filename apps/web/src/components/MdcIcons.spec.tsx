import { describe, expect, it } from '@jest/globals';
import { renderToStaticMarkup } from 'react-dom/server';
import { AssuranceIcon, VariationIcon } from './MdcIcons';
import { MDC_COLOURS } from '../lib/mdcIcons';

/** The icon drawn, its accessible name, and the colour of its outline. */
function icon(html: string) {
  return {
    icon: /data-icon="([^"]+)"/.exec(html)?.[1],
    role: /role="([^"]+)"/.exec(html)?.[1],
    label: /aria-label="([^"]+)"/.exec(html)?.[1],
    title: /<title>([^<]+)<\/title>/.exec(html)?.[1],
    outline: /<circle cx="20" cy="20" r="18" fill="#ffffff" stroke="([^"]+)"/.exec(html)?.[1],
    letter: /<text[^>]*>([A-Z])<\/text>/.exec(html)?.[1] ?? null,
  };
}

describe('VariationIcon: the icon chosen for each variation', () => {
  it.each([
    ['common_cause', 'variation-common', MDC_COLOURS.common, null, 'Common cause variation: no significant change'],
    ['improvement_high', 'variation-improvement-h', MDC_COLOURS.improvement, 'H', 'Special cause improvement: values are higher'],
    ['improvement_low', 'variation-improvement-l', MDC_COLOURS.improvement, 'L', 'Special cause improvement: values are lower'],
    ['concern_high', 'variation-concern-h', MDC_COLOURS.concern, 'H', 'Special cause concern: values are higher'],
    ['concern_low', 'variation-concern-l', MDC_COLOURS.concern, 'L', 'Special cause concern: values are lower'],
    ['neutral_high', 'variation-neutral-h', MDC_COLOURS.neutral, 'H', 'Special cause variation: values are higher (neither better nor worse)'],
    ['neutral_low', 'variation-neutral-l', MDC_COLOURS.neutral, 'L', 'Special cause variation: values are lower (neither better nor worse)'],
  ])('%s -> %s', (variation, expected, colour, letter, name) => {
    const got = icon(renderToStaticMarkup(<VariationIcon variation={variation} />));
    expect(got).toEqual({ icon: expected, role: 'img', label: name, title: name, outline: colour, letter });
  });

  it('colours the last dots of a special cause, and none of common cause', () => {
    const coloured = (html: string) => (html.match(new RegExp(`r="2.4" fill="${MDC_COLOURS.improvement}"`, 'g')) ?? []).length;
    expect(coloured(renderToStaticMarkup(<VariationIcon variation="improvement_high" />))).toBe(3);
    expect(renderToStaticMarkup(<VariationIcon variation="common_cause" />)).not.toContain('r="2.4"');
  });

  it('draws nothing without an analysis', () => {
    expect(renderToStaticMarkup(<VariationIcon variation={null} />)).toBe('');
    expect(renderToStaticMarkup(<VariationIcon variation="something_new" />)).toBe('');
  });
});

describe('AssuranceIcon: the icon chosen for each assurance', () => {
  it.each([
    ['consistent_pass', 'assurance-pass', MDC_COLOURS.improvement, 'P', 'Assurance: the target will be met consistently'],
    ['consistent_fail', 'assurance-fail', MDC_COLOURS.concern, 'F', 'Assurance: the target will be missed consistently'],
    ['inconsistent', 'assurance-hit-and-miss', MDC_COLOURS.common, null, 'Assurance: the target will be hit and missed at random'],
  ])('%s -> %s', (assurance, expected, colour, letter, name) => {
    const got = icon(renderToStaticMarkup(<AssuranceIcon assurance={assurance} hasTarget />));
    expect(got).toEqual({ icon: expected, role: 'img', label: name, title: name, outline: colour, letter });
  });

  it('gives no assurance without a target, on a run chart, or with too little data — and says which', () => {
    const noTarget = icon(renderToStaticMarkup(<AssuranceIcon assurance={null} hasTarget={false} />));
    expect(noTarget).toMatchObject({ icon: 'assurance-none', role: 'img', label: 'No assurance: this measure has no target', letter: null });
    const run = icon(renderToStaticMarkup(<AssuranceIcon assurance={null} hasTarget chart="run" />));
    expect(run).toMatchObject({ icon: 'assurance-none', label: 'No assurance yet: too few months for process limits (run chart)' });
    const early = icon(renderToStaticMarkup(<AssuranceIcon assurance={null} hasTarget chart="xmr" />));
    expect(early).toMatchObject({ icon: 'assurance-none', label: 'No assurance yet: not enough data' });
  });
});
