import { describe, expect, it } from 'vitest';
import { qaTileModel } from './progress';

const week = { from: '2026-12-07', to: '2026-12-13' };

describe('qaTileModel', () => {
  it('shows the mean and margin to one decimal, and the share of reviews done', () => {
    expect(qaTileModel({ ...week, n: 23, mean: 86.4347, marginOfError: 3.0871, done: 31, planned: 40 })).toEqual({
      mean: '86.4',
      margin: '3.1',
      n: 23,
      done: 31,
      planned: 40,
      // 31 / 40.
      share: 0.775,
    });
  });

  it('has no margin for a single score and no mean before the first', () => {
    expect(qaTileModel({ ...week, n: 1, mean: 70, marginOfError: null, done: 1, planned: 40 })).toMatchObject({
      mean: '70.0',
      margin: null,
    });
    expect(qaTileModel({ ...week, n: 0, mean: null, marginOfError: null, done: 0, planned: 40 })).toMatchObject({
      mean: null,
      margin: null,
      share: 0,
    });
  });

  it('fills the bar at most once, and leaves it out with nothing sampled', () => {
    expect(qaTileModel({ ...week, n: 5, mean: 80, marginOfError: 4, done: 45, planned: 40 }).share).toBe(1);
    expect(qaTileModel({ ...week, n: 5, mean: 80, marginOfError: 4, done: 5, planned: 0 }).share).toBeNull();
  });
});
