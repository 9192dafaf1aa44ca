import { describe, expect, it } from 'vitest';
import type { SummaryRow } from '../qa/summary/rows';
import { t } from '../testing/charts.fixture';
import { MARGIN_SERIES_ID, MEAN_SERIES_ID } from './qaMeans';
import { qaTrend } from './qaTrend';

const week = (monday: string, label: string, n: number, mean: number | null, margin: number | null): SummaryRow => ({
  key: monday,
  label,
  n,
  mean,
  margin,
  low: margin === null || mean === null ? null : mean - margin,
  high: margin === null || mean === null ? null : mean + margin,
  passRate: null,
});

const rows = [
  week('2026-11-16', 'Nov 16', 6, 82.5, 4),
  week('2026-11-23', 'Nov 23', 1, 90, null),
  week('2026-11-30', 'Nov 30', 9, 86.1, 2.2),
];

describe('qaTrend', () => {
  const option = qaTrend(rows, { theme: 'dark', locale: 'en', t });
  const series = option.series as { id: string; type: string; data: unknown[] }[];

  it('draws weeks left to right with a point at each mean', () => {
    expect((option.xAxis as { data: string[] }).data).toEqual(['Nov 16', 'Nov 23', 'Nov 30']);
    expect(series[0]).toMatchObject({ id: MEAN_SERIES_ID, type: 'line', data: [82.5, 90, 86.1] });
  });

  it('draws each week’s margin as a vertical whisker, none for a week of one score', () => {
    // 82.5 ∓ 4 and 86.1 ∓ 2.2.
    expect(series[1]).toMatchObject({ id: MARGIN_SERIES_ID, type: 'custom', encode: { x: 0, y: [1, 2] } });
    expect(series[1]!.data).toEqual([
      [0, 78.5, 86.5],
      [1, null, null],
      [2, 86.1 - 2.2, 86.1 + 2.2],
    ]);
  });

  it('leaves a point of room above the top, never past 100', () => {
    const max = (option.yAxis as { max: (e: { max: number }) => number }).max;
    expect(max({ max: 104.3 })).toBe(100);
    // 88.3 + 1, rounded up.
    expect(max({ max: 88.3 })).toBe(90);
  });
});
