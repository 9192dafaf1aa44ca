import type { CustomSeriesRenderItemAPI, CustomSeriesRenderItemParams } from 'echarts';
import { init } from 'echarts/core';
import { describe, expect, it } from 'vitest';
import './registry';
import type { SummaryRow } from '../qa/summary/rows';
import { t } from '../testing/charts.fixture';
import { chartColors } from './palette';
import { MARGIN_SERIES_ID, MEAN_SERIES_ID, qaMeans, whiskerRenderer } from './qaMeans';

const row = (key: string, label: string, n: number, mean: number | null, margin: number | null): SummaryRow => ({
  key,
  label,
  n,
  mean,
  margin,
  low: margin === null || mean === null ? null : mean - margin,
  high: margin === null || mean === null ? null : mean + margin,
  passRate: null,
});

// As `summaryRows` orders them: best mean first.
const rows = [row('A-2', 'Li Lei', 12, 91.25, 2.5), row('A-1', 'Wang Fang', 1, 84, null), row('A-3', 'Zhao Min', 5, 72.4, 6.2)];

type Series = { id: string; type: string; data: unknown[]; clip?: boolean; label?: { formatter: (p: { value: number }) => string } };

describe('qaMeans', () => {
  const option = qaMeans(rows, { theme: 'dark', locale: 'en', t });
  const series = option.series as Series[];

  it('draws the means as bars in the rows’ order, each category with its number of scores', () => {
    expect((option.yAxis as { data: string[]; inverse: boolean }).data).toEqual(['Li Lei (n=12)', 'Wang Fang (n=1)', 'Zhao Min (n=5)']);
    expect((option.yAxis as { inverse: boolean }).inverse).toBe(true);
    expect(series[0]!.id).toBe(MEAN_SERIES_ID);
    expect(series[0]!.data).toEqual([91.25, 84, 72.4]);
  });

  it('puts each whisker’s ends at mean ∓ margin, none for a single score, on a 0–100 axis', () => {
    expect(series[1]!.id).toBe(MARGIN_SERIES_ID);
    expect(series[1]!.type).toBe('custom');
    // 91.25 ∓ 2.5 and 72.4 ∓ 6.2.
    expect(series[1]!.data).toEqual([
      [0, 88.75, 93.75],
      [1, null, null],
      [2, 72.4 - 6.2, 72.4 + 6.2],
    ]);
    expect(series[1]!.clip).toBe(true);
    expect(option.xAxis).toMatchObject({ min: 0, max: 100 });
  });

  it('tells in the tooltip the mean, margin, interval and n, or that a single score has no margin', () => {
    const formatter = (option.tooltip as { formatter: (p: { dataIndex: number }[]) => string }).formatter;
    expect(formatter([{ dataIndex: 0 }])).toBe('<strong>Li Lei</strong><br>Mean 91.3 ± 2.5<br>95 % interval 88.8 – 93.8<br>n = 12');
    expect(formatter([{ dataIndex: 1 }])).toBe(
      '<strong>Wang Fang</strong><br>Mean 84.0<br>Fewer than two scores: no margin of error<br>n = 1',
    );
  });

  it('escapes names in the tooltip', () => {
    const option2 = qaMeans([row('x', '<b>x</b>', 2, 50, 1)], { theme: 'dark', locale: 'en', t });
    const formatter = (option2.tooltip as { formatter: (p: { dataIndex: number }[]) => string }).formatter;
    expect(formatter([{ dataIndex: 0 }])).toContain('&#60;b&#62;x&#60;/b&#62;');
  });

  it('renders in ECharts', () => {
    const el = document.createElement('div');
    document.body.append(el);
    const chart = init(el, null, { renderer: 'svg', width: 640, height: 320 });
    chart.setOption(option);
    const rendered = chart.getOption() as { series: { id: string }[] };
    expect(rendered.series.map((s) => s.id)).toEqual([MEAN_SERIES_ID, MARGIN_SERIES_ID]);
    chart.dispose();
    el.remove();
  });
});

describe('whiskerRenderer', () => {
  /** A coordinate system where value v sits at x = 10·v and category i at y = 100·i, 40 px per category. */
  const api = (datum: (number | null)[]) =>
    ({
      value: (i: number) => datum[i] ?? Number.NaN,
      coord: ([x, y]: [number, number]) => [x * 10, y * 100],
      size: () => [10, 40],
    }) as unknown as CustomSeriesRenderItemAPI;
  const params = {} as CustomSeriesRenderItemParams;
  type Line = { shape: { x1: number; y1: number; x2: number; y2: number }; style: { stroke: string } };

  it('draws a line from the low end to the high end with a cap at each end', () => {
    const color = chartColors('dark').reference;
    const drawn = whiskerRenderer(true, color)(params, api([2, 88.75, 93.75])) as { children: Line[] };
    // Category 2 at y 200; caps are 0.18 × 40 = 7.2 px either side.
    expect(drawn.children.map((c) => c.shape)).toEqual([
      { x1: 887.5, y1: 200, x2: 937.5, y2: 200 },
      { x1: 887.5, y1: 192.8, x2: 887.5, y2: 207.2 },
      { x1: 937.5, y1: 192.8, x2: 937.5, y2: 207.2 },
    ]);
    expect(drawn.children.every((c) => c.style.stroke === color)).toBe(true);
  });

  it('draws nothing for a row without a margin', () => {
    expect(whiskerRenderer(true, '#fff')(params, api([1, null, null]))).toBeNull();
  });
});
