import { describe, expect, it } from 'vitest';
import { heatmapCells } from './heatmap';
import { row } from './trends.fixture';

describe('heatmapCells', () => {
  // Two Mondays at 09:00 New York (one before, one after spring forward), a Sunday's repeated 01:00 in November.
  const rows = [
    row('2026-03-02T09:00:00-05:00', null, {
      offered: 10,
      answered: 8,
      answeredInThreshold: 6,
      abandoned: 2,
      shortAbandoned: 1,
      timedOut: 0,
    }),
    row('2026-03-09T09:00:00-04:00', null, {
      offered: 20,
      answered: 18,
      answeredInThreshold: 9,
      abandoned: 1,
      shortAbandoned: 0,
      timedOut: 1,
    }),
    row('2026-11-01T01:00:00-04:00', null, { offered: 3, answered: 3, answeredInThreshold: 3 }),
    row('2026-11-01T01:00:00-05:00', null, { offered: 4, answered: 2, answeredInThreshold: 1, abandoned: 2, shortAbandoned: 2 }),
  ];
  const cells = heatmapCells(rows);
  const cell = (weekday: number, hour: number) => cells[weekday * 24 + hour]!;

  it('has 7 × 24 cells, Monday 00:00 first', () => {
    expect(cells).toHaveLength(168);
    expect(cells[0]).toMatchObject({ weekday: 0, hour: 0 });
    expect(cells[167]).toMatchObject({ weekday: 6, hour: 23 });
  });

  it('sums the counts of the same weekday and local hour, and takes the rate from the sums', () => {
    // Monday 09:00: offered 10 + 20 = 30; in time 6 + 9 = 15 over (8 + 18) + (2 + 1) − (1 + 0) + (0 + 1) = 29.
    expect(cell(0, 9)).toMatchObject({ offered: 30, answeredInThreshold: 15, answered: 26, abandoned: 3, shortAbandoned: 1, timedOut: 1 });
    expect(cell(0, 9).threeRingRate).toBeCloseTo(15 / 29, 12);
    // Not the mean of the hourly rates (6/9 and 9/20 average to 0.5583).
    expect(cell(0, 9).threeRingRate).not.toBeCloseTo((6 / 9 + 9 / 20) / 2, 3);
  });

  it('puts both of the fall-back night’s 01:00 hours in Sunday 01:00', () => {
    // In time 3 + 1 = 4 over (3 + 2) + 2 − 2 + 0 = 5.
    expect(cell(6, 1)).toMatchObject({ offered: 7, answeredInThreshold: 4 });
    expect(cell(6, 1).threeRingRate).toBeCloseTo(0.8, 12);
  });

  it('leaves a cell without calls at zero with no rate', () => {
    expect(cell(2, 14)).toMatchObject({ offered: 0, threeRingRate: null });
  });
});
