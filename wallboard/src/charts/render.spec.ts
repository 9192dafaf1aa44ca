/**
 * The options as ECharts itself takes them: rendered with the SVG renderer
 * (happy-dom has no canvas), then updated the way a live page does, with
 * incremental `setOption` merges.
 */
import { init, type ECharts } from 'echarts/core';
import { afterEach, describe, expect, it } from 'vitest';
import './registry';
import { breachCountsBar } from './breachCountsBar';
import { day, figures, hour, rules, shanghai, t } from '../testing/charts.fixture';
import { threeRingByHour } from './threeRingByHour';
import { volumeByHour } from './volumeByHour';

const ctx = { theme: 'dark', locale: 'en', timeZone: 'Asia/Shanghai', t } as const;

let chart: ECharts | null = null;
afterEach(() => {
  chart?.dispose();
  chart = null;
});

function mount(): ECharts {
  const el = document.createElement('div');
  document.body.append(el);
  chart = init(el, null, { renderer: 'svg', width: 640, height: 320 });
  return chart;
}

type Rendered = { series: { id: string; data: unknown[]; markLine?: { data: unknown[] } }[] };
const rendered = (c: ECharts) => c.getOption() as unknown as Rendered;

const queue = (byHour = day(9, { 8: hour(shanghai(8), { billing: 5 }, { answered: 5, answeredInThreshold: 4 }) })) => ({
  rules: rules(0.8),
  today: figures(5),
  byHour,
  lastWeek: day(23, {}, '2025-02-25'),
});

describe('chart options in ECharts', () => {
  it('renders the hourly volume and merges the next hour into the same series', () => {
    const c = mount();
    c.setOption(volumeByHour([queue()], ctx));
    expect(c.getDom().querySelector('svg')).not.toBeNull();
    const next = queue(day(10, { 8: hour(shanghai(8), { billing: 5 }), 10: hour(shanghai(10), { billing: 2 }) }));
    c.setOption(volumeByHour([next], ctx));
    const series = rendered(c).series;
    expect(series.map((s) => s.id)).toEqual(['offered:billing', 'lastWeek']);
    expect(series[0]!.data[10]).toBe(2);
  });

  it('drops the bars of a call type no longer shown with replaceMerge', () => {
    const c = mount();
    c.setOption(volumeByHour([queue(day(9, { 8: hour(shanghai(8), { billing: 5, sales: 1 }) }))], ctx));
    c.setOption(volumeByHour([queue()], ctx), { replaceMerge: ['series'] });
    // getOption() keeps a null where a removed series was.
    expect(
      rendered(c)
        .series.filter(Boolean)
        .map((s) => s.id),
    ).toEqual(['offered:billing', 'lastWeek']);
  });

  it('renders the three-ring rate and removes its target line when the target goes', () => {
    const c = mount();
    c.setOption(threeRingByHour([queue()], ctx));
    expect(rendered(c).series[0]!.markLine!.data).toHaveLength(1);
    c.setOption(threeRingByHour([queue()], { ...ctx, target: null }));
    expect(rendered(c).series[0]!.markLine!.data).toHaveLength(0);
  });

  it('renders the breach counts in either theme', () => {
    const c = mount();
    c.setOption(breachCountsBar({ answer: 3, not_ready_overrun: 0, atRisk: 1 }, { theme: 'light', locale: 'en', t }));
    c.setOption(breachCountsBar({ answer: 4, not_ready_overrun: 0, atRisk: 1 }, { theme: 'dark', locale: 'en', t }));
    const data = rendered(c).series[0]!.data as { value: number }[];
    expect(data.map((d) => d.value)).toEqual([4, 0, 1]);
  });
});
