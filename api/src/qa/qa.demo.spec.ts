import { describe, expect, it } from 'vitest';
import { arrange, demoSpans, demoStatuses } from './qa.demo.js';

describe('demo statuses', () => {
  it('leave every fourth open and acknowledge the 1st, 4th … scored, dispute the next two', () => {
    // Positions 0 1 2 | 3 open | 4 5 6 | 7 open | 8: scored 1 ack, 2 disp, 3 disp, 4 ack, 5 sub, 6 sub, 7 ack.
    expect(demoStatuses(9)).toEqual([
      'acknowledged',
      'disputed',
      'disputed',
      'assigned',
      'acknowledged',
      'submitted',
      'submitted',
      'assigned',
      'acknowledged',
    ]);
  });
});

describe('arranging the demo evaluations', () => {
  const statuses = demoStatuses(9);

  it('puts the wanted ones on the first free position of their status and the rest in order', () => {
    const placed = arrange(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i'], statuses, [
      ['a', 'assigned'],
      ['b', 'submitted'],
      ['i', 'assigned'],
    ]);
    expect(placed).toEqual([
      ['c', 'acknowledged'],
      ['d', 'disputed'],
      ['e', 'disputed'],
      ['a', 'assigned'],
      ['f', 'acknowledged'],
      ['b', 'submitted'],
      ['g', 'submitted'],
      ['i', 'assigned'],
      ['h', 'acknowledged'],
    ]);
  });

  it('keeps the counts of each status when more are wanted than there are places', () => {
    const placed = arrange(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i'], statuses, [
      ['a', 'assigned'],
      ['b', 'assigned'],
      ['c', 'assigned'],
      ['a', 'submitted'],
    ]);
    expect(placed.map(([, s]) => s)).toEqual(statuses);
    expect(placed.filter(([, s]) => s === 'assigned').map(([x]) => x)).toEqual(['a', 'b']);
    expect(new Set(placed.map(([x]) => x)).size).toBe(9);
  });
});

describe('demo spans', () => {
  it('split seven days 3 + 2 + 2, across a month end', () => {
    expect(demoSpans('2026-11-27', '2026-12-03')).toEqual([
      { from: '2026-11-27', to: '2026-11-29' },
      { from: '2026-11-30', to: '2026-12-01' },
      { from: '2026-12-02', to: '2026-12-03' },
    ]);
  });

  it('give fewer spans for fewer days', () => {
    expect(demoSpans('2026-12-01', '2026-12-02')).toEqual([
      { from: '2026-12-01', to: '2026-12-01' },
      { from: '2026-12-02', to: '2026-12-02' },
    ]);
  });
});
