/** The time index's counts and sums from per-minute tallies equal what walking the items gives. */
import { describe, expect, it } from 'vitest';
import { TimeIndex } from './time-index.js';

const MIN = 60_000;

describe('TimeIndex', () => {
  // Items at 0:30, 1:00, 1:59.999, 2:00, 3:15, 3:15 (two keys), 5:00 — weights their minute number × 10 + 1.
  const build = () => {
    const ix = new TimeIndex<number>({ tallied: true, weigh: (w) => w });
    ix.set(30_000, 'a', 1);
    ix.set(MIN, 'b', 11);
    ix.set(2 * MIN - 1, 'c', 12);
    ix.set(2 * MIN, 'd', 21);
    ix.set(3 * MIN + 15_000, 'e', 31);
    ix.set(3 * MIN + 15_000, 'f', 32);
    ix.set(5 * MIN, 'g', 51);
    return ix;
  };

  it('counts and sums a range across several minutes: its edge minutes item by item, the ones between from tallies', () => {
    const ix = build();
    // 0:45 … 3:15 inclusive: b, c, d, e, f = 5 items, 11 + 12 + 21 + 31 + 32 = 107.
    expect(ix.tally(45_000, 3 * MIN + 15_000)).toEqual({ n: 5, w: 107 });
    // 1:00 … 5:00 exclusive of 5:00.001 on: b … g = 6 items, 107 + 51 = 158.
    expect(ix.tally(MIN, 5 * MIN)).toEqual({ n: 6, w: 158 });
    // From 2:00 to the end: d, e, f, g.
    expect(ix.count(2 * MIN)).toBe(4);
    // Within one minute, and an empty range.
    expect(ix.tally(MIN, 2 * MIN - 1)).toEqual({ n: 2, w: 23 });
    expect(ix.tally(4 * MIN, 5 * MIN - 1)).toEqual({ n: 0, w: 0 });
    expect(ix.count(6 * MIN)).toBe(0);
  });

  it('keeps the tallies right when an item is replaced or deleted', () => {
    const ix = build();
    ix.set(2 * MIN, 'd', 100); // d's weight 21 → 100: the item count stays
    expect(ix.delete(3 * MIN + 15_000, 'e')).toBe(true);
    expect(ix.delete(3 * MIN + 15_000, 'e')).toBe(false);
    // 0:00 … 5:00: a, b, c, d, f, g = 6 items, 1 + 11 + 12 + 100 + 32 + 51 = 207.
    expect(ix.tally(0, 5 * MIN)).toEqual({ n: 6, w: 207 });
    expect(ix.size).toBe(6);
    expect([...ix.between(2 * MIN, 4 * MIN)]).toEqual([100, 32]);
    ix.clear();
    expect(ix.tally(0, 10 * MIN)).toEqual({ n: 0, w: 0 });
  });

  it('counts the same without tallies, by walking the items', () => {
    const ix = new TimeIndex<number>({ weigh: (w) => w });
    ix.set(30_000, 'a', 1);
    ix.set(MIN, 'b', 11);
    ix.set(5 * MIN, 'g', 51);
    expect(ix.tally(0, 5 * MIN)).toEqual({ n: 3, w: 63 });
    expect(ix.count(MIN)).toBe(2);
  });
});
