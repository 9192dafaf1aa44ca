import type { LiveQueue } from '@callboard/api/wire';
import { getInstanceByDom, type ECharts } from 'echarts/core';
import { mount, type VueWrapper } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CHART_REDRAW_MS } from '../../composables/useThrottled';
import { createAppI18n } from '../../i18n';
import { stubChartBox } from '../../testing/chartBox';
import { day, hour, shanghai } from '../../testing/charts.fixture';
import { figures, queue } from '../../testing/live.fixture';
import HourlyChartPanel, { type HourlyChartKind } from './HourlyChartPanel.vue';

const mounted: VueWrapper[] = [];
beforeEach(() => {
  // The chart follows its data at most once a second: tests step the clock past that.
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
  stubChartBox();
});
afterEach(() => {
  vi.useRealTimers();
  for (const w of mounted.splice(0)) w.unmount();
});

function mountPanel(kind: HourlyChartKind, queues: LiveQueue[]) {
  const wrapper = mount(HourlyChartPanel, {
    props: { kind, queues, timeZone: 'Asia/Shanghai', renderer: 'svg' },
    global: { plugins: [createAppI18n('en')] },
    attachTo: document.body,
  });
  mounted.push(wrapper);
  return wrapper;
}

const chartOf = (w: VueWrapper) => getInstanceByDom(w.get('[role="img"]').element as HTMLElement)!;

describe('HourlyChartPanel: volume', () => {
  /** A queue with calls at 08:00 Shanghai of the given call types. */
  const withTypes = (name: string, byCallType: Record<string, number>): LiveQueue =>
    queue(name, { byHour: day(8, { 8: hour(shanghai(8), byCallType) }), lastWeek: day(23, {}, '2025-02-25') });

  const seriesIds = (chart: ECharts) =>
    (chart.getOption() as { series: ({ id: string } | null)[] }).series.filter(Boolean).map((s) => s!.id);

  it('titles the chart and describes it to screen readers', () => {
    const w = mountPanel('volume', [withTypes('sales', { sales: 2 })]);
    expect(w.attributes('data-testid')).toBe('volume-panel');
    expect(w.get('h2').text()).toBe('Calls by hour');
    expect(w.get('[role="img"]').attributes('aria-label')).toContain('Calls offered per hour today');
  });

  it('keeps each call type’s colour as new types appear during the day', async () => {
    const w = mountPanel('volume', [withTypes('sales', { sales: 2 })]);
    const chart = chartOf(w);
    expect(seriesIds(chart)).toEqual(['offered:sales', 'lastWeek']);
    const salesColour = (chart.getOption() as { series: { itemStyle: { color: string } }[] }).series[0]!.itemStyle.color;

    // "billing" sorts before "sales" but came later: it goes after, and "sales" keeps the first colour.
    await w.setProps({ queues: [withTypes('sales', { sales: 3, billing: 1 })] });
    await vi.advanceTimersByTimeAsync(CHART_REDRAW_MS);
    expect(chartOf(w)).toBe(chart);
    const series = (chart.getOption() as { series: { id: string; itemStyle: { color: string } }[] }).series;
    expect(series.map((s) => s.id)).toEqual(['offered:sales', 'lastWeek', 'offered:billing']);
    expect(series[0]!.itemStyle.color).toBe(salesColour);
  });

  it('starts the colours afresh and drops the old bars when other queues are shown', async () => {
    const w = mountPanel('volume', [withTypes('sales', { sales: 2 })]);
    await w.setProps({ queues: [withTypes('sales', { sales: 3, billing: 1 })] });
    await vi.advanceTimersByTimeAsync(CHART_REDRAW_MS);
    await w.setProps({ queues: [withTypes('support', { support: 4 })] });
    await vi.advanceTimersByTimeAsync(CHART_REDRAW_MS);
    expect(seriesIds(chartOf(w))).toEqual(['offered:support', 'lastWeek']);
  });
});

describe('HourlyChartPanel: threeRing', () => {
  const at8 = (name: string, slTarget: number, offered: number, answered: number, answeredInThreshold: number): LiveQueue => {
    const base = queue(name);
    return queue(name, {
      rules: { ...base.rules, slTarget },
      today: figures({ offered }),
      byHour: day(8, { 8: hour(shanghai(8), { general: offered }, { answered, answeredInThreshold }) }),
    });
  };

  type Rendered = { series: { data: (number | null)[]; markLine: { data: { yAxis: number }[] } }[] };

  it('draws the pooled rate per hour against the offered-weighted target of the queues', () => {
    // 08:00: (3 + 6) within three rings ÷ (4 + 8) answered = 0.75.
    // Target: (0.8 × 4 + 0.9 × 12) ÷ 16 offered = 0.875.
    const w = mountPanel('threeRing', [at8('sales', 0.8, 4, 4, 3), at8('support', 0.9, 12, 8, 6)]);
    expect(w.attributes('data-testid')).toBe('three-ring-panel');
    expect(w.get('h2').text()).toBe('Three-ring rate by hour');
    expect(w.get('[role="img"]').attributes('aria-label')).toContain('Three-ring rate per hour today');
    const option = chartOf(w).getOption() as unknown as Rendered;
    expect(option.series[0]!.data[8]).toBeCloseTo(0.75);
    expect(option.series[0]!.markLine.data[0]!.yAxis).toBeCloseTo(0.875);
  });
});
