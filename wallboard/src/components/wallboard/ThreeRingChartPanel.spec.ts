import type { LiveQueue } from '@callboard/api/wire';
import { getInstanceByDom } from 'echarts/core';
import { mount, type VueWrapper } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createAppI18n } from '../../i18n';
import { day, hour, shanghai } from '../../testing/charts.fixture';
import { figures, queue } from '../../testing/live.fixture';
import ThreeRingChartPanel from './ThreeRingChartPanel.vue';

const mounted: VueWrapper[] = [];
beforeEach(() => {
  // The chart follows its data at most once a second: tests step the clock past that.
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
  vi.stubGlobal('matchMedia', () => ({ matches: false, addEventListener() {}, removeEventListener() {} }));
  vi.spyOn(HTMLElement.prototype, 'clientWidth', 'get').mockReturnValue(640);
  vi.spyOn(HTMLElement.prototype, 'clientHeight', 'get').mockReturnValue(320);
});
afterEach(() => {
  vi.useRealTimers();
  for (const w of mounted.splice(0)) w.unmount();
});

const at8 = (name: string, slTarget: number, offered: number, answered: number, answeredInThreshold: number): LiveQueue => {
  const base = queue(name);
  return queue(name, {
    rules: { ...base.rules, slTarget },
    today: figures({ offered }),
    byHour: day(8, { 8: hour(shanghai(8), { general: offered }, { answered, answeredInThreshold }) }),
  });
};

type Rendered = { series: { data: (number | null)[]; markLine: { data: { yAxis: number }[] } }[] };

describe('ThreeRingChartPanel', () => {
  it('draws the pooled rate per hour against the offered-weighted target of the queues', () => {
    const w = mount(ThreeRingChartPanel, {
      // 08:00: (3 + 6) within three rings ÷ (4 + 8) answered = 0.75.
      // Target: (0.8 × 4 + 0.9 × 12) ÷ 16 offered = 0.875.
      props: { queues: [at8('sales', 0.8, 4, 4, 3), at8('support', 0.9, 12, 8, 6)], timeZone: 'Asia/Shanghai', renderer: 'svg' },
      global: { plugins: [createAppI18n('en')] },
      attachTo: document.body,
    });
    mounted.push(w);
    expect(w.get('h2').text()).toBe('Three-ring rate by hour');
    const option = getInstanceByDom(w.get('[role="img"]').element as HTMLElement)!.getOption() as unknown as Rendered;
    expect(option.series[0]!.data[8]).toBeCloseTo(0.75);
    expect(option.series[0]!.markLine.data[0]!.yAxis).toBeCloseTo(0.875);
  });
});
