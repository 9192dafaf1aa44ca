/**
 * The QA mean score week by week (SPEC §5): a line through each week's mean,
 * with the week's 95 % margin of error as a whisker, so a dip of two points
 * in a week of four scores is not mistaken for a trend. A week with fewer
 * than two scores has a point and no whisker.
 */
import type { SummaryRow } from '../qa/summary/rows';
import { fixed1 } from '../qa/summary/rows';
import { axisStyle, chartBase, type ChartOption } from './common';
import { chartColors } from './palette';
import {
  MARGIN_SERIES_ID,
  MEAN_SERIES_ID,
  SCORE_MAX,
  meanTooltip,
  rowTooltip,
  whiskerData,
  whiskerRenderer,
  type QaChartContext,
} from './qaMeans';

/** `rows` in week order (`summaryRows` of a week summary), left to right. */
export function qaTrend(rows: readonly SummaryRow[], opts: QaChartContext): ChartOption {
  const { theme, locale, t } = opts;
  const colors = chartColors(theme);
  const base = chartBase(theme, opts.fontSize);
  const axis = axisStyle(theme, opts.fontSize);
  return {
    ...base,
    grid: { id: 'grid', left: 8, right: 24, top: 16, bottom: 8, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
    tooltip: {
      ...base.tooltip,
      trigger: 'axis',
      formatter: rowTooltip(rows, (row) => meanTooltip(row, t, locale)),
    },
    xAxis: { id: 'week', type: 'category', data: rows.map((row) => row.label), ...axis, splitLine: { show: false } },
    // Not from zero: a line shows change, and scores between 80 and 90 would be a flat line on 0–100.
    // A point of room above the highest mean or whisker, so its label stays inside.
    yAxis: {
      id: 'score',
      type: 'value',
      scale: true,
      max: (extent: { max: number }) => Math.min(SCORE_MAX, Math.ceil(extent.max + 1)),
      ...axis,
    },
    series: [
      {
        id: MEAN_SERIES_ID,
        name: t('qa.summary.chart.meanSeries'),
        type: 'line',
        connectNulls: false,
        symbol: 'circle',
        symbolSize: 8,
        itemStyle: { color: colors.series[0] },
        lineStyle: { color: colors.series[0], width: 2 },
        data: rows.map((row) => row.mean),
        label: {
          show: true,
          position: 'right',
          color: colors.text,
          ...(opts.fontSize === undefined ? {} : { fontSize: opts.fontSize }),
          formatter: (p: { value?: unknown }) => fixed1(typeof p.value === 'number' ? p.value : null),
        },
      },
      {
        id: MARGIN_SERIES_ID,
        name: t('qa.summary.chart.marginSeries'),
        type: 'custom',
        renderItem: whiskerRenderer(false, colors.reference),
        encode: { x: 0, y: [1, 2] },
        clip: true,
        z: 1,
        data: whiskerData(rows),
      },
    ],
  };
}
