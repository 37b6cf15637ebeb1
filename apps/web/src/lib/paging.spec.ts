import { describe, expect, it } from '@jest/globals';
import { countOf, pageCount, pageItems, pageParam } from './paging';

describe('paging', () => {
  it('reads the page from the address, page 1 for anything odd', () => {
    expect(pageParam('3')).toBe(3);
    expect(pageParam(null)).toBe(1);
    expect(pageParam('0')).toBe(1);
    expect(pageParam('-2')).toBe(1);
    expect(pageParam('2x')).toBe(1);
  });

  it('counts pages', () => {
    expect(pageCount(152, 25)).toBe(7);
    expect(pageCount(0, 25)).toBe(1);
    expect(pageCount(25, 25)).toBe(1);
  });

  it('links the first, last and nearby pages, with gaps marked', () => {
    expect(pageItems(1, 7)).toEqual([1, 2, '…', 7]);
    expect(pageItems(4, 7)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(pageItems(5, 12)).toEqual([1, '…', 4, 5, 6, '…', 12]);
    expect(pageItems(12, 12)).toEqual([1, '…', 11, 12]);
    expect(pageItems(1, 1)).toEqual([1]);
  });

  it('says "1 trust", not "1 trusts"', () => {
    expect(countOf(1, 'trust matches', 'trusts match')).toBe('1 trust matches');
    expect(countOf(152, 'trust', 'trusts')).toBe('152 trusts');
    expect(countOf(0, 'trust', 'trusts')).toBe('0 trusts');
    expect(countOf(1234, 'trust', 'trusts')).toBe('1,234 trusts');
  });
});
