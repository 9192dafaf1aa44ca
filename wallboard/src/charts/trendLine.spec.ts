import { init } from 'echarts/core';
import { describe, expect, it } from 'vitest';
import './registry';
import { t } from '../testing/charts.fixture';
import { row } from '../trends/trends.fixture';
import { chartColors, seriesColor } from './palette';
import { COMPARE_SERIES_ID, TREND_SERIES_ID, ZOOM_FROM_POINTS, trendLine } from './trendLine';

const ctx = { theme: 'dark', locale: 'en', timeZone: 'America/New_York', t } as const;

type Series = { id: string; name: string; type: string; data: (number | null)[]; lineStyle?: { type?: string; color?: string } };
const seriesOf = (option: ReturnType<typeof trendLine>) => option.series as Series[];
const byId = (option: ReturnType<typeof trendLine>, id: string) => seriesOf(option).find((s) => s.id === id);

/** The fall-back day in New York by hour, 00:00–02:00 local: 01:00 comes twice. */
const hours = [
  row('2026-11-01T00:00:00-04:00', 0.5, { answeredInThreshold: 1, answered: 2 }),
  row('2026-11-01T01:00:00-04:00', null),
  row('2026-11-01T01:00:00-05:00', 0.75, { answeredInThreshold: 3, answered: 4 }),
  row('2026-11-01T02:00:00-05:00', 1, { answeredInThreshold: 2, answered: 2 }),
];
const lastYear = [row('2025-11-01T00:00:00-04:00', 0.25), row('2025-11-01T01:00:00-04:00', 0.4)];

describe('trendLine', () => {
  it('draws a rate as a line of the rows’ values over their local buckets, a gap where there is no value', () => {
    const option = trendLine({ metric: 'threeRingRate', granularity: 'hour', rows: hours, rangeName: '2026-11-01' }, ctx);
    const main = byId(option, TREND_SERIES_ID)!;
    expect(main.type).toBe('line');
    expect(main.data).toEqual([0.5, null, 0.75, 1]);
    expect((option.xAxis as { data: string[] }).data).toEqual([
      '2026-11-01 00:00',
      '2026-11-01 01:00 (−04:00)',
      '2026-11-01 01:00 (−05:00)',
      '2026-11-01 02:00',
    ]);
    expect(option.yAxis).toMatchObject({ min: 0, max: 1 });
    expect(byId(option, COMPARE_SERIES_ID)).toBeUndefined();
  });

  it('leaves a small rate its own scale, from 0', () => {
    const option = trendLine(
      { metric: 'abandonRate', granularity: 'day', rows: [row('2026-03-07T00:00:00-05:00', 0.04)], rangeName: 'x' },
      ctx,
    );
    expect(option.yAxis).toMatchObject({ min: 0 });
    expect((option.yAxis as { max?: number }).max).toBeUndefined();
  });

  it('draws a count as bars', () => {
    const option = trendLine({ metric: 'offered', granularity: 'day', rows: [row('2026-03-07T00:00:00-05:00', 520)], rangeName: 'x' }, ctx);
    expect(byId(option, TREND_SERIES_ID)).toMatchObject({ type: 'bar', data: [520] });
  });

  it('overlays the comparison as a dashed line aligned by position, empty past its last bucket', () => {
    const option = trendLine(
      { metric: 'threeRingRate', granularity: 'hour', rows: hours, compare: lastYear, rangeName: '2026-11-01', compareName: '2025-11-01' },
      ctx,
    );
    const compare = byId(option, COMPARE_SERIES_ID)!;
    expect(compare.type).toBe('line');
    expect(compare.data).toEqual([0.25, 0.4, null, null]);
    expect(compare.lineStyle).toMatchObject({ type: 'dashed', color: chartColors('dark').reference });
    expect(byId(option, TREND_SERIES_ID)!.lineStyle?.color).toBe(seriesColor('dark', 0));
    expect((option.legend as { data: string[] }).data).toEqual(['2026-11-01', '2025-11-01']);
  });

  it('adds a zoom once the buckets would crowd the axis', () => {
    const few = trendLine({ metric: 'offered', granularity: 'hour', rows: hours, rangeName: 'x' }, ctx);
    expect(few.dataZoom).toEqual([]);
    const many = Array.from({ length: ZOOM_FROM_POINTS + 1 }, (_, i) =>
      row(`2026-03-${String(1 + (i % 28)).padStart(2, '0')}T00:00:00-05:00`, i),
    );
    const zoomed = trendLine({ metric: 'offered', granularity: 'day', rows: many, rangeName: 'x' }, ctx);
    expect((zoomed.dataZoom as { type: string }[]).map((z) => z.type)).toEqual(['inside', 'slider']);
  });

  it('says the bucket and both values in the tooltip, only the range’s past the comparison’s end', () => {
    const option = trendLine(
      { metric: 'threeRingRate', granularity: 'hour', rows: hours, compare: lastYear, rangeName: 'a', compareName: 'b' },
      ctx,
    );
    const formatter = (option.tooltip as { formatter: (p: unknown) => string }).formatter;
    expect(formatter([{ dataIndex: 0 }])).toBe('<strong>2026-11-01 00:00</strong>: 50.0%<br/>2025-11-01 00:00: 25.0%');
    expect(formatter([{ dataIndex: 3 }])).toBe('<strong>2026-11-01 02:00</strong>: 100.0%');
  });

  it('renders in ECharts with its zoom', () => {
    const el = document.createElement('div');
    document.body.append(el);
    const chart = init(el, null, { renderer: 'svg', width: 640, height: 320 });
    const many = Array.from({ length: 45 }, (_, i) => row(`2026-03-01T${String(i % 24).padStart(2, '0')}:00:00-05:00`, i % 7));
    chart.setOption(
      trendLine({ metric: 'offered', granularity: '15m', rows: many, compare: many.slice(0, 10), rangeName: 'a', compareName: 'b' }, ctx),
    );
    const rendered = chart.getOption() as unknown as { series: { id: string; data: unknown[] }[]; dataZoom: unknown[] };
    expect(rendered.series.map((s) => s.id)).toEqual([TREND_SERIES_ID, COMPARE_SERIES_ID]);
    expect(rendered.series[0]!.data).toHaveLength(45);
    expect(rendered.dataZoom).toHaveLength(2);
    chart.dispose();
    el.remove();
  });
});
