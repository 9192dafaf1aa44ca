import { describe, expect, it } from 'vitest';
import { BREACH_SERIES_ID, breachCountsBar } from './breachCountsBar';
import { t } from '../testing/charts.fixture';
import { chartColors } from './palette';

const counts = { answer: 3, not_ready_overrun: 1, atRisk: 2 };

type Bar = { id: string; data: { value: number; itemStyle: { color: string } }[] };

describe('breachCountsBar', () => {
  const option = breachCountsBar(counts, { theme: 'dark', locale: 'en', t });
  const bar = (option.series as Bar[])[0]!;

  it('shows today’s breaches per rule, then the items at risk now', () => {
    expect((option.yAxis as { data: string[] }).data).toEqual(['Waited past three rings', 'Not-ready overrun', 'At risk now']);
    expect(bar.id).toBe(BREACH_SERIES_ID);
    expect(bar.data.map((d) => d.value)).toEqual([3, 1, 2]);
  });

  it('draws breaches in the theme’s bad colour and at-risk items in its warn colour', () => {
    const { bad, warn } = chartColors('dark').level;
    expect(bar.data.map((d) => d.itemStyle.color)).toEqual([bad, bad, warn]);
  });

  it('writes each count on its bar', () => {
    const label = (option.series as { label: { show: boolean; formatter: (p: { value: number }) => string } }[])[0]!.label;
    expect(label.show).toBe(true);
    expect(label.formatter({ value: 1234 })).toBe('1,234');
  });

  it('names a bar and its count in the tooltip', () => {
    const formatter = (option.tooltip as { formatter: (p: { dataIndex: number }) => string }).formatter;
    expect(formatter({ dataIndex: 2 })).toBe('At risk now: 2');
  });
});
