import { describe, expect, it } from 'vitest';
import { rowLimit, rowsThatFit } from './fitting';

describe('rowsThatFit', () => {
  it('fills the height under the header, keeping a row for the "+N more" line', () => {
    // (600 − 40 − 36) ÷ 36 = 14.6: 14 rows.
    expect(rowsThatFit({ innerPx: 600, headPx: 40, rowPx: 36 })).toBe(14);
    // (580 − 40 − 36) ÷ 36 = 14 exactly.
    expect(rowsThatFit({ innerPx: 580, headPx: 40, rowPx: 36 })).toBe(14);
  });

  it('draws at least one row in a box too small for any', () => {
    expect(rowsThatFit({ innerPx: 50, headPx: 40, rowPx: 36 })).toBe(1);
  });

  it('has no answer before a row has been drawn to measure', () => {
    expect(rowsThatFit({ innerPx: 600, headPx: 40, rowPx: 0 })).toBeNull();
  });
});

describe('rowLimit', () => {
  it('takes the fewer of the cap and what fits, either alone, or no limit', () => {
    expect(rowLimit(20, 14)).toBe(14);
    expect(rowLimit(20, 31)).toBe(20);
    expect(rowLimit(undefined, 14)).toBe(14);
    expect(rowLimit(20, null)).toBe(20);
    expect(rowLimit(undefined, null)).toBe(Infinity);
  });
});
