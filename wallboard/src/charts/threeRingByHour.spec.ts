import { describe, expect, it } from 'vitest';
import { day, figures, hour, rules, shanghai, t } from '../testing/charts.fixture';
import { chartColors } from './palette';
import { THREE_RING_SERIES_ID, threeRingByHour } from './threeRingByHour';

const ctx = { theme: 'light', locale: 'en', timeZone: 'Asia/Shanghai', t } as const;

// Queue A (target 80 %, 300 offered today) and B (target 90 %, 100 offered), until 09:00.
const queueA = {
  rules: rules(0.8),
  today: figures(300),
  byHour: day(9, {
    8: hour(shanghai(8), { billing: 51 }, { answeredInThreshold: 40, answered: 45, abandoned: 6, shortAbandoned: 1 }),
  }),
};
const queueB = {
  rules: rules(0.9),
  today: figures(100),
  byHour: day(9, {
    8: hour(shanghai(8), { billing: 12 }, { answeredInThreshold: 8, answered: 10, timedOut: 2 }),
    9: hour(shanghai(9), { billing: 2 }, { abandoned: 2, shortAbandoned: 2 }),
  }),
};

type Line = {
  id: string;
  data: (number | null)[];
  connectNulls: boolean;
  markLine: { data: { yAxis: number; name: string }[]; label: { formatter: string } };
};
const lineOf = (option: ReturnType<typeof threeRingByHour>) => (option.series as Line[])[0]!;
const tooltipOf = (option: ReturnType<typeof threeRingByHour>) =>
  (option.tooltip as { formatter: (p: { dataIndex: number }[]) => string }).formatter;

describe('threeRingByHour', () => {
  const option = threeRingByHour([queueA, queueB], ctx);

  it('pools the hour’s counts over the queues before dividing', () => {
    const line = lineOf(option);
    expect(line.id).toBe(THREE_RING_SERIES_ID);
    // 08:00: (40 + 8) ÷ ((45 + 10) + (6 + 0) − (1 + 0) + (0 + 2)) = 48 ÷ 62
    expect(line.data[8]).toBe(48 / 62);
    expect(line.data).toHaveLength(24);
  });

  it('leaves a gap, not 0 %, where an hour has nothing to count', () => {
    const line = lineOf(option);
    expect(line.connectNulls).toBe(false);
    expect(line.data[7]).toBeNull(); // no calls
    expect(line.data[9]).toBeNull(); // only a short abandon: denominator 2 − 2 = 0
    expect(line.data[10]).toBeNull(); // not yet
  });

  it('draws the queues’ offered-weighted target when their targets differ, and says so', () => {
    // (0.8 × 300 + 0.9 × 100) ÷ 400 = 0.825
    const markLine = lineOf(option).markLine;
    expect(markLine.data).toHaveLength(1);
    expect(markLine.data[0]!.yAxis).toBeCloseTo(0.825, 12);
    expect(markLine.label.formatter).toBe('Target 82.5% (weighted by calls offered)');
  });

  it('draws the common target plainly', () => {
    const same = threeRingByHour([queueA, { ...queueB, rules: rules(0.8) }], ctx);
    expect(lineOf(same).markLine.data[0]!.yAxis).toBe(0.8);
    expect(lineOf(same).markLine.label.formatter).toBe('Target 80.0%');
  });

  it('takes a target passed in, and clears the line for none', () => {
    expect(lineOf(threeRingByHour([queueA, queueB], { ...ctx, target: 0.85 })).markLine.label.formatter).toBe('Target 85.0%');
    expect(lineOf(threeRingByHour([queueA, queueB], { ...ctx, target: null })).markLine.data).toEqual([]);
  });

  it('explains the hour’s rate with its formula in the tooltip', () => {
    const text = tooltipOf(option)([{ dataIndex: 8 }]);
    expect(text).toContain('<strong>08:00</strong>');
    expect(text).toContain('Three-ring rate: 77.4%'); // 48 ÷ 62 = 0.7742
    expect(text).toContain('answered within three rings ÷ (answered + abandoned − short abandoned + timed out)');
    expect(text).toContain('= 48 ÷ (55 + 6 − 1 + 2)');
    expect(text).toContain('Target 82.5%');
    expect(tooltipOf(option)([{ dataIndex: 9 }])).toContain('Three-ring rate: —');
  });

  it('keeps rates as fractions on a 0–100 % axis in the theme’s ink', () => {
    const y = option.yAxis as { min: number; max: number; axisLabel: { color: string; formatter: (v: number) => string } };
    expect([y.min, y.max]).toEqual([0, 1]);
    expect(y.axisLabel.formatter(0.8)).toBe('80%');
    expect(y.axisLabel.color).toBe(chartColors('light').textMuted);
  });

  it('gives the same option for the same data', () => {
    expect(JSON.stringify(threeRingByHour([queueA, queueB], ctx))).toBe(JSON.stringify(option));
  });

  it('has no target and no line without queues', () => {
    const empty = threeRingByHour([], ctx);
    expect(lineOf(empty).data).toEqual(Array.from({ length: 24 }, () => null));
    expect(lineOf(empty).markLine.data).toEqual([]);
  });
});
