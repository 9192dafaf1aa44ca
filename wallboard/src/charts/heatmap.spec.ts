import { init } from 'echarts/core';
import { describe, expect, it } from 'vitest';
import './registry';
import { t } from '../testing/charts.fixture';
import { heatCells } from '../trends/trends.fixture';
import { HEATMAP_SERIES_ID, heatmap, weekdayNames } from './heatmap';

const ctx = { theme: 'light', locale: 'en', timeZone: 'Asia/Kolkata', t } as const;

// A Monday 09:00 and a Wednesday 14:00 in Kolkata (+05:30).
const cells = heatCells([
  { weekday: 0, hour: 9, hours: 1, offered: 12, answered: 10, answeredInThreshold: 8, abandoned: 2, threeRingRate: 8 / 12 },
  { weekday: 2, hour: 14, hours: 1, offered: 5, answered: 4, answeredInThreshold: 4, abandoned: 1, shortAbandoned: 1, threeRingRate: 1 },
]);

type HeatSeries = { id: string; type: string; data: [number, number, number | '-'][] };
const seriesOf = (option: ReturnType<typeof heatmap>) => (option.series as HeatSeries[])[0]!;

describe('heatmap', () => {
  it('names the weekdays Monday first in the reader’s language', () => {
    expect(weekdayNames('en')).toEqual(['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun']);
    expect(weekdayNames('zh-CN')[0]).toBe('周一');
  });

  it('places calls offered at [hour, weekday], scaled to the busiest cell', () => {
    const option = heatmap(cells, 'offered', ctx);
    const data = seriesOf(option).data;
    expect(data).toHaveLength(168);
    expect(data[0 * 24 + 9]).toEqual([9, 0, 12]);
    expect(data[2 * 24 + 14]).toEqual([14, 2, 5]);
    expect(data[6 * 24 + 23]).toEqual([23, 6, 0]);
    expect(option.visualMap).toMatchObject({ min: 0, max: 12 });
  });

  it('gives the three-ring rate of each cell from its counts, blank where no call could count', () => {
    const option = heatmap(cells, 'threeRingRate', ctx);
    const data = seriesOf(option).data;
    // Monday 09:00: 8 ÷ (10 + 2 − 0) = 0.6667; Wednesday 14:00: 4 ÷ (4 + 1 − 1) = 1.
    expect(data[9]![2]).toBeCloseTo(8 / 12, 12);
    expect(data[2 * 24 + 14]).toEqual([14, 2, 1]);
    expect(data[1]).toEqual([1, 0, '-']);
    expect(option.visualMap).toMatchObject({ min: 0, max: 1 });
    const formatter = (option.tooltip as { formatter: (p: unknown) => string }).formatter;
    expect(formatter({ dataIndex: 9 })).toBe('<strong>Mon 09:00</strong><br/>Three-ring rate: 66.7% = 8 ÷ 12');
  });

  it('renders in ECharts', () => {
    const el = document.createElement('div');
    document.body.append(el);
    const chart = init(el, null, { renderer: 'svg', width: 640, height: 300 });
    chart.setOption(heatmap(cells, 'offered', ctx));
    const rendered = chart.getOption() as unknown as { series: { id: string; data: unknown[] }[] };
    expect(rendered.series[0]!.id).toBe(HEATMAP_SERIES_ID);
    expect(rendered.series[0]!.data).toHaveLength(168);
    chart.dispose();
    el.remove();
  });
});
