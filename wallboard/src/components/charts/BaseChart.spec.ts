import { getInstanceByDom, init, type ECElementEvent, type ECharts } from 'echarts/core';
import { mount, type VueWrapper } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi, type MockInstance } from 'vitest';
import { nextTick } from 'vue';
import type { ChartOption } from '../../charts/common';
import { stubChartBox, type ChartBox } from '../../testing/chartBox';
import BaseChart from './BaseChart.vue';

// `init` watched, and every instance's `setOption`, from the moment the instance exists.
vi.mock('echarts/core', async (importOriginal) => {
  const actual = await importOriginal<typeof import('echarts/core')>();
  return {
    ...actual,
    init: vi.fn((...args: Parameters<typeof actual.init>) => {
      const chart = actual.init(...args);
      vi.spyOn(chart, 'setOption');
      return chart;
    }),
  };
});

/** happy-dom never calls a ResizeObserver back: this one is called by the test. */
class FakeResizeObserver {
  static last: FakeResizeObserver | null = null;
  disconnected = false;
  constructor(private readonly callback: ResizeObserverCallback) {
    FakeResizeObserver.last = this;
  }
  observe(): void {}
  unobserve(): void {}
  disconnect(): void {
    this.disconnected = true;
  }
  fire(): void {
    this.callback([], this as unknown as ResizeObserver);
  }
}

/** The size every element reports. */
let box: ChartBox;

beforeEach(() => {
  vi.stubGlobal('ResizeObserver', FakeResizeObserver);
  FakeResizeObserver.last = null;
  box = stubChartBox();
  vi.mocked(init).mockClear();
});

const mounted: VueWrapper[] = [];
afterEach(() => {
  for (const w of mounted.splice(0)) w.unmount();
});

/** A bar chart with one series per entry, ids as given. */
function bars(series: Record<string, number[]>): ChartOption {
  return {
    xAxis: { type: 'category', data: ['08:00', '09:00'] },
    yAxis: { type: 'value' },
    series: Object.entries(series).map(([id, data]) => ({ id, type: 'bar', data })),
  };
}

type Props = { option: ChartOption; mergeKey?: string; replaceMerge?: string[] };

function mountChart(props: Props) {
  const wrapper = mount(BaseChart, { props: { label: 'Calls by hour', renderer: 'svg', ...props }, attachTo: document.body });
  mounted.push(wrapper);
  return wrapper;
}

const instanceOf = (w: VueWrapper) => getInstanceByDom(w.element as HTMLElement);
const setOptionOf = (chart: ECharts) => chart.setOption as unknown as MockInstance<ECharts['setOption']>;
const seriesIds = (chart: ECharts) =>
  ((chart.getOption() as { series: ({ id: string } | null)[] }).series ?? []).filter(Boolean).map((s) => s!.id);
const seriesData = (chart: ECharts, id: string) =>
  (chart.getOption() as { series: ({ id: string; data: number[] } | null)[] }).series.find((s) => s?.id === id)?.data;

describe('BaseChart', () => {
  it('creates the chart once on mount and sets the option once', () => {
    const w = mountChart({ option: bars({ billing: [5, 2] }) });
    const chart = instanceOf(w)!;
    expect(init).toHaveBeenCalledTimes(1);
    expect(setOptionOf(chart)).toHaveBeenCalledTimes(1);
    expect(seriesIds(chart)).toEqual(['billing']);
    expect(w.find('svg').exists()).toBe(true);
    expect(w.attributes('role')).toBe('img');
    expect(w.attributes('aria-label')).toBe('Calls by hour');
  });

  it('merges a new option into the same instance', async () => {
    const w = mountChart({ option: bars({ billing: [5, 2] }) });
    const chart = instanceOf(w)!;
    const next = bars({ billing: [5, 7] });
    await w.setProps({ option: next });

    expect(instanceOf(w)).toBe(chart);
    expect(init).toHaveBeenCalledTimes(1);
    expect(setOptionOf(chart)).toHaveBeenCalledTimes(2);
    expect(setOptionOf(chart)).toHaveBeenLastCalledWith(next, { notMerge: false, lazyUpdate: true });
    expect(seriesData(chart, 'billing')).toEqual([5, 7]);
  });

  it('leaves the option alone when the parent re-renders with the same option', async () => {
    const option = bars({ billing: [5, 2] });
    const w = mountChart({ option, mergeKey: 'sales' });
    await w.setProps({ option, mergeKey: 'sales' });
    expect(setOptionOf(instanceOf(w)!)).toHaveBeenCalledTimes(1);
  });

  it('replaces the series once when mergeKey changes, so series no longer shown go', async () => {
    const w = mountChart({ option: bars({ billing: [5, 2], sales: [1, 0] }), mergeKey: 'sales+support' });
    const chart = instanceOf(w)!;

    const other = bars({ billing: [3, 3] });
    await w.setProps({ option: other, mergeKey: 'support' });
    expect(setOptionOf(chart)).toHaveBeenLastCalledWith(other, { notMerge: false, lazyUpdate: true, replaceMerge: ['series'] });
    expect(seriesIds(chart)).toEqual(['billing']);

    const later = bars({ billing: [3, 4] });
    await w.setProps({ option: later });
    expect(setOptionOf(chart)).toHaveBeenLastCalledWith(later, { notMerge: false, lazyUpdate: true });
    expect(instanceOf(w)).toBe(chart);
  });

  it('passes replaceMerge on every update when given', async () => {
    const w = mountChart({ option: bars({ billing: [5, 2], sales: [1, 0] }), replaceMerge: ['series'] });
    const next = bars({ sales: [1, 1] });
    await w.setProps({ option: next });
    const chart = instanceOf(w)!;
    expect(setOptionOf(chart)).toHaveBeenLastCalledWith(next, { notMerge: false, lazyUpdate: true, replaceMerge: ['series'] });
    expect(seriesIds(chart)).toEqual(['sales']);
  });

  it('disposes of the chart and stops observing its box on unmount', () => {
    const w = mountChart({ option: bars({ billing: [5, 2] }) });
    const el = w.element as HTMLElement;
    expect(getInstanceByDom(el)).toBeDefined();
    w.unmount();
    mounted.splice(mounted.indexOf(w), 1);
    expect(getInstanceByDom(el)).toBeUndefined();
    expect(FakeResizeObserver.last!.disconnected).toBe(true);
  });

  it('waits for a box with a size before creating the chart, with the latest option', async () => {
    box.width = 0;
    const w = mountChart({ option: bars({ billing: [5, 2] }) });
    expect(instanceOf(w)).toBeUndefined();

    FakeResizeObserver.last!.fire();
    expect(instanceOf(w)).toBeUndefined();

    await w.setProps({ option: bars({ billing: [5, 9] }) });
    box.width = 640;
    FakeResizeObserver.last!.fire();
    const chart = instanceOf(w)!;
    expect(init).toHaveBeenCalledTimes(1);
    expect(seriesData(chart, 'billing')).toEqual([5, 9]);
  });

  it('resizes with its box and skips a box that collapsed to nothing', () => {
    const w = mountChart({ option: bars({ billing: [5, 2] }) });
    const resize = vi.spyOn(instanceOf(w)!, 'resize');
    box.width = 800;
    FakeResizeObserver.last!.fire();
    expect(resize).toHaveBeenCalledTimes(1);

    box.height = 0; // e.g. the panel hidden
    FakeResizeObserver.last!.fire();
    expect(resize).toHaveBeenCalledTimes(1);
  });

  it('emits the clicked item for drill-down', async () => {
    const w = mountChart({ option: bars({ billing: [5, 2] }) });
    const params = { componentType: 'series', seriesId: 'billing', dataIndex: 1, name: '09:00', value: 2 };
    instanceOf(w)!.trigger('click', params as unknown as ECElementEvent);
    await nextTick();
    expect(w.emitted('click')).toEqual([[params]]);
  });
});
