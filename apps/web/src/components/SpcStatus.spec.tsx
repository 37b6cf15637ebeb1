import { describe, expect, it } from '@jest/globals';
import { renderToStaticMarkup } from 'react-dom/server';
import { SpcStatus } from './SpcStatus';

describe('SpcStatus', () => {
  it('names the variation and the assurance, each announced as such', () => {
    const html = renderToStaticMarkup(<SpcStatus variation="improvement_high" assurance="consistent_fail" hasTarget />);
    expect(html).toContain('Variation: </span>');
    expect(html).toContain('Special cause improvement (higher)');
    expect(html).toContain('Assurance: </span>');
    expect(html).toContain('Consistently failing');
  });

  it('says when there is no target, or nothing analysed yet', () => {
    expect(renderToStaticMarkup(<SpcStatus variation="common_cause" assurance={null} hasTarget={false} />)).toContain('No target');
    expect(renderToStaticMarkup(<SpcStatus variation={null} assurance={null} hasTarget />)).toContain('Not analysed yet');
  });
});
