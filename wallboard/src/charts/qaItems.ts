/**
 * Checklist items' pass rates (SPEC §5): per item, the share of answers that
 * earned its full points, as horizontal bars in checklist order, each with its
 * percentage written on it. The weak items of a period stand out at a glance.
 */
import type { SummaryRow } from '../qa/summary/rows';
import { fixed1 } from '../qa/summary/rows';
import { formatNumber } from '../format';
import { axisStyle, chartBase, escapeHtml, type ChartOption } from './common';
import { chartColors } from './palette';
import { rowTooltip, type QaChartContext } from './qaMeans';

export const PASS_RATE_SERIES_ID = 'passRate';

/** A share 0..1 as the percentage shown, one decimal: 0.9234 → 92.3. */
export const percentOf = (share: number | null) => (share === null ? null : share * 100);

export function itemTooltip(row: SummaryRow, t: QaChartContext['t'], locale: string): string {
  return [
    `<strong>${escapeHtml(row.label)}</strong>`,
    t('qa.summary.chart.passRate', { rate: fixed1(percentOf(row.passRate)) }),
    t('qa.summary.chart.itemMean', { mean: fixed1(row.mean) }),
    t('qa.summary.chart.answers', { n: formatNumber(row.n, locale) }),
  ].join('<br>');
}

/** `rows` in checklist order (`summaryRows` of an item summary), drawn top to bottom. */
export function qaItems(rows: readonly SummaryRow[], opts: QaChartContext): ChartOption {
  const { theme, locale, t } = opts;
  const colors = chartColors(theme);
  const base = chartBase(theme, opts.fontSize);
  const axis = axisStyle(theme, opts.fontSize);
  return {
    ...base,
    grid: { id: 'grid', left: 8, right: 56, top: 8, bottom: 8, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
    tooltip: {
      ...base.tooltip,
      trigger: 'item',
      formatter: rowTooltip(rows, (row) => itemTooltip(row, t, locale)),
    },
    xAxis: { id: 'rate', type: 'value', min: 0, max: 100, ...axis, axisLabel: { ...axis.axisLabel, formatter: '{value}%' } },
    yAxis: {
      id: 'item',
      type: 'category',
      inverse: true,
      data: rows.map((row) => row.label),
      ...axis,
      axisLabel: { ...axis.axisLabel, color: colors.text, width: 260, overflow: 'truncate' },
      splitLine: { show: false },
    },
    series: [
      {
        id: PASS_RATE_SERIES_ID,
        name: t('qa.summary.chart.passRateSeries'),
        type: 'bar',
        barMaxWidth: 24,
        itemStyle: { color: colors.series[2] },
        data: rows.map((row) => percentOf(row.passRate)),
        label: {
          show: true,
          position: 'right',
          color: colors.text,
          ...(opts.fontSize === undefined ? {} : { fontSize: opts.fontSize }),
          formatter: (p: { value?: unknown }) => `${fixed1(typeof p.value === 'number' ? p.value : null)}%`,
        },
      },
    ],
  };
}
