/**
 * QA mean scores per agent or team (SPEC §5), best first, as horizontal bars
 * from 0 to 100 with the 95 % margin of error drawn as whiskers: a mean of
 * three scores and a mean of thirty look alike as bars, not with their
 * whiskers. Each category's label carries its number of scores; a row with
 * fewer than two has no whisker, and its tooltip says why.
 */
import type { CustomSeriesRenderItem } from 'echarts';
import type { SummaryRow } from '../qa/summary/rows';
import { fixed1 } from '../qa/summary/rows';
import { formatNumber } from '../format';
import { axisStyle, chartBase, escapeHtml, type ChartContext, type ChartOption } from './common';
import { chartColors } from './palette';

export const MEAN_SERIES_ID = 'mean';
export const MARGIN_SERIES_ID = 'margin';

/** Scores run from 0 to 100 (SPEC §5). */
export const SCORE_MAX = 100;

export type QaChartContext = Omit<ChartContext, 'timeZone'>;

/** A whisker's data: the category's index and the interval's ends (null: no whisker). */
export type WhiskerDatum = [index: number, low: number | null, high: number | null];

/**
 * Draws one error bar: a line from the interval's low end to its high end
 * across the category, with a cap at each end. `horizontal`: values run
 * along x (categories on y).
 */
export function whiskerRenderer(horizontal: boolean, color: string): CustomSeriesRenderItem {
  return (_params, api) => {
    const index = Number(api.value(0));
    const low = Number(api.value(1));
    const high = Number(api.value(2));
    if (!Number.isFinite(low) || !Number.isFinite(high)) return null;
    const at = (value: number) => api.coord(horizontal ? [value, index] : [index, value]);
    const [x1, y1] = at(low) as [number, number];
    const [x2, y2] = at(high) as [number, number];
    const band = api.size?.(horizontal ? [0, 1] : [1, 0]) as number[] | undefined;
    // A cap a little narrower than the bar, kept between 4 and 12 px whatever the number of categories.
    const half = Math.min(12, Math.max(4, ((horizontal ? band?.[1] : band?.[0]) ?? 16) * 0.18));
    const style = { stroke: color, lineWidth: 2 };
    const cap = (x: number, y: number) =>
      horizontal
        ? { type: 'line' as const, shape: { x1: x, y1: y - half, x2: x, y2: y + half }, style }
        : { type: 'line' as const, shape: { x1: x - half, y1: y, x2: x + half, y2: y }, style };
    return {
      type: 'group',
      children: [{ type: 'line', shape: { x1, y1, x2, y2 }, style }, cap(x1, y1), cap(x2, y2)],
    };
  };
}

/** The whiskers' data, one per row in the rows' order, so a data index is a row index in every series. */
export function whiskerData(rows: readonly SummaryRow[]): WhiskerDatum[] {
  return rows.map((row, i) => [i, row.low, row.high]);
}

/** A row's tooltip lines: its name, mean ± margin and interval (or why it has none), and n. */
export function meanTooltip(row: SummaryRow, t: ChartContext['t'], locale: string): string {
  const lines = [`<strong>${escapeHtml(row.label)}</strong>`];
  if (row.margin === null) {
    lines.push(t('qa.summary.chart.mean', { mean: fixed1(row.mean) }), t('qa.summary.chart.noMargin'));
  } else {
    lines.push(
      t('qa.summary.chart.meanMargin', { mean: fixed1(row.mean), margin: fixed1(row.margin) }),
      t('qa.summary.chart.interval', { low: fixed1(row.low), high: fixed1(row.high) }),
    );
  }
  lines.push(t('qa.summary.chart.n', { n: formatNumber(row.n, locale) }));
  return lines.join('<br>');
}

/** A tooltip formatter showing the text of the row under the pointer (the series' data follow `rows`). */
export function rowTooltip<R>(rows: readonly R[], text: (row: R) => string) {
  return (params: { dataIndex?: number } | { dataIndex?: number }[]): string => {
    const first = Array.isArray(params) ? params[0] : params;
    const row = rows[first?.dataIndex ?? -1];
    return row ? text(row) : '';
  };
}

/** "Wang Fang (n=12)": the category's name with its number of scores. */
export function categoryLabel(row: SummaryRow, t: ChartContext['t'], locale: string): string {
  return t('qa.summary.chart.category', { label: row.label, n: formatNumber(row.n, locale) });
}

/** `rows` as `summaryRows` ordered them (best first): drawn top to bottom. */
export function qaMeans(rows: readonly SummaryRow[], opts: QaChartContext): ChartOption {
  const { theme, locale, t } = opts;
  const colors = chartColors(theme);
  const base = chartBase(theme, opts.fontSize);
  const axis = axisStyle(theme, opts.fontSize);
  return {
    ...base,
    grid: { id: 'grid', left: 8, right: 24, top: 8, bottom: 8, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
    tooltip: {
      ...base.tooltip,
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: rowTooltip(rows, (row) => meanTooltip(row, t, locale)),
    },
    xAxis: { id: 'score', type: 'value', min: 0, max: SCORE_MAX, ...axis },
    yAxis: {
      id: 'group',
      type: 'category',
      inverse: true,
      data: rows.map((row) => categoryLabel(row, t, locale)),
      ...axis,
      axisLabel: { ...axis.axisLabel, color: colors.text },
      splitLine: { show: false },
    },
    series: [
      {
        id: MEAN_SERIES_ID,
        name: t('qa.summary.chart.meanSeries'),
        type: 'bar',
        barMaxWidth: 28,
        itemStyle: { color: colors.series[0] },
        // No value written on the bars: a whisker crossing the bar would strike it through; the tooltip and the table have it.
        data: rows.map((row) => row.mean),
      },
      {
        id: MARGIN_SERIES_ID,
        name: t('qa.summary.chart.marginSeries'),
        type: 'custom',
        renderItem: whiskerRenderer(true, colors.reference),
        encode: { x: [1, 2], y: 0 },
        clip: true,
        z: 3,
        data: whiskerData(rows),
      },
    ],
  };
}
