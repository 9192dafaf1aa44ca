/**
 * Today's SLA breaches by rule, and the items at risk now (SPEC §4): a small
 * horizontal bar chart for a wallboard corner. Breaches are drawn in the
 * theme's "bad" colour, at-risk items in its "warn" colour; each bar carries
 * its count as text, so colour is never the only cue.
 */
import type { BreachCounts } from '@callboard/api/wire';
import { formatNumber } from '../format';
import { axisStyle, chartBase, escapeHtml, type ChartContext, type ChartOption } from './common';
import { chartColors } from './palette';

export const BREACH_SERIES_ID = 'breaches';

/** The bars, top to bottom. */
export const BREACH_BARS = ['answer', 'not_ready_overrun', 'atRisk'] as const satisfies readonly (keyof BreachCounts)[];

export type BreachCountsBarOptions = Omit<ChartContext, 'timeZone'>;

export function breachCountsBar(counts: BreachCounts, opts: BreachCountsBarOptions): ChartOption {
  const { theme, locale, t } = opts;
  const colors = chartColors(theme);
  const label = (bar: (typeof BREACH_BARS)[number]) => t(`charts.breaches.${bar}`);
  const base = chartBase(theme, opts.fontSize);
  return {
    ...base,
    grid: { id: 'grid', left: 8, right: 40, top: 8, bottom: 8, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
    tooltip: {
      ...base.tooltip,
      trigger: 'item',
      formatter: (params) => {
        const item = Array.isArray(params) ? params[0] : params;
        const bar = BREACH_BARS[item?.dataIndex ?? -1];
        return bar ? `${escapeHtml(label(bar))}: ${formatNumber(counts[bar], locale)}` : '';
      },
    },
    xAxis: { id: 'count', type: 'value', minInterval: 1, ...axisStyle(theme), axisLabel: { show: false } },
    yAxis: {
      id: 'rule',
      type: 'category',
      inverse: true,
      data: BREACH_BARS.map(label),
      ...axisStyle(theme, opts.fontSize),
      axisLabel: { ...axisStyle(theme, opts.fontSize).axisLabel, color: colors.text },
      splitLine: { show: false },
    },
    series: [
      {
        id: BREACH_SERIES_ID,
        name: t('charts.breaches.title'),
        type: 'bar',
        barMaxWidth: 24,
        data: BREACH_BARS.map((bar) => ({
          value: counts[bar],
          itemStyle: { color: bar === 'atRisk' ? colors.level.warn : colors.level.bad },
        })),
        label: {
          show: true,
          position: 'right',
          color: colors.text,
          ...(opts.fontSize === undefined ? {} : { fontSize: opts.fontSize }),
          formatter: (p: { value?: unknown }) => formatNumber(typeof p.value === 'number' ? p.value : null, locale),
        },
      },
    ],
  };
}
