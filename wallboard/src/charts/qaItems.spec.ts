import { describe, expect, it } from 'vitest';
import type { SummaryRow } from '../qa/summary/rows';
import { t } from '../testing/charts.fixture';
import { PASS_RATE_SERIES_ID, qaItems } from './qaItems';

const item = (key: string, label: string, n: number, mean: number, passRate: number): SummaryRow => ({
  key,
  label,
  n,
  mean,
  margin: null,
  low: null,
  high: null,
  passRate,
});

// 7 of 8 greetings earned full points: 87.5 %; 3 of 6 verifications: 50 %.
const rows = [item('greet', 'Greets the caller', 8, 93.75, 7 / 8), item('verify', 'Verifies identity', 6, 66.67, 3 / 6)];

describe('qaItems', () => {
  const option = qaItems(rows, { theme: 'dark', locale: 'en', t });
  const bar = (option.series as { id: string; data: number[]; label: { formatter: (p: { value: number }) => string } }[])[0]!;

  it('draws each item’s full-point share as a percentage, in checklist order', () => {
    expect((option.yAxis as { data: string[] }).data).toEqual(['Greets the caller', 'Verifies identity']);
    expect(bar.id).toBe(PASS_RATE_SERIES_ID);
    expect(bar.data).toEqual([87.5, 50]);
    expect(option.xAxis).toMatchObject({ min: 0, max: 100 });
  });

  it('writes the percentage on each bar and the item’s figures in its tooltip', () => {
    expect(bar.label.formatter({ value: 87.5 })).toBe('87.5%');
    const formatter = (option.tooltip as { formatter: (p: { dataIndex: number }) => string }).formatter;
    expect(formatter({ dataIndex: 1 })).toBe(
      '<strong>Verifies identity</strong><br>Full points: 50.0%<br>Mean points: 66.7%<br>Answers: 6',
    );
  });
});
