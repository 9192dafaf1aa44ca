/**
 * Today's three-ring rate hour by hour, against the target: "when did we fall
 * behind?". Each hour's rate is pooled over the queues shown, from the counts
 * (never a mean of the queues' rates): answered within three rings ÷
 * (answered + abandoned − short abandoned + timed out), SPEC §3.
 */
import type { LiveQueue } from '@callboard/api/wire';
import { NO_VALUE, formatPercent } from '../format';
import { formulaArithmetic, formulaDefinition, formulaFor, formulaResult, type FormulaInput } from '../tiles/formula';
import { scopeSlTarget } from '../tiles/targets';
import { axisStyle, chartBase, escapeHtml, type ChartContext, type ChartOption } from './common';
import { hourAxis, keyHours } from './hours';
import { chartColors, seriesColor } from './palette';

export const THREE_RING_SERIES_ID = 'threeRingRate';
export const THREE_RING_TARGET_ID = 'threeRingTarget';

export interface ThreeRingByHourOptions extends ChartContext {
  /**
   * The target line, 0..1; null for none. Left out, it is the queues' own
   * target — and when their targets differ, the offered-weighted mean of them
   * (`scopeSlTarget`: a queue counts by today's offered calls), labelled as
   * such, since no single queue's target applies to the pooled rate.
   */
  target?: number | null;
}

type HourCounts = FormulaInput<'threeRingRate'>;

const ZERO: HourCounts = { answeredInThreshold: 0, answered: 0, abandoned: 0, shortAbandoned: 0, timedOut: 0 };

export function threeRingByHour(
  queues: readonly Pick<LiveQueue, 'byHour' | 'rules' | 'today'>[],
  opts: ThreeRingByHourOptions,
): ChartOption {
  const { theme, locale, timeZone, t } = opts;
  const colors = chartColors(theme);
  const scope = opts.target === undefined ? scopeSlTarget(queues) : null;
  const target = opts.target === undefined ? (scope?.target ?? null) : opts.target;
  const targetText =
    target === null
      ? ''
      : t(scope?.mixed ? 'charts.threeRing.targetWeighted' : 'charts.threeRing.target', {
          value: formatPercent(target, locale),
        });

  const slots = hourAxis(
    queues.map((q) => q.byHour),
    timeZone,
    locale,
  );
  const index = new Map(slots.map((slot, i) => [slot.key, i]));
  const counts = slots.map((): HourCounts | null => null);
  for (const q of queues) {
    for (const { key, item } of keyHours(q.byHour, timeZone, locale)) {
      const i = index.get(key)!;
      const sum = counts[i] ?? { ...ZERO };
      for (const field of Object.keys(ZERO) as (keyof HourCounts)[]) sum[field] += item[field];
      counts[i] = sum;
    }
  }
  const formulas = counts.map((c) => (c === null ? null : formulaFor('threeRingRate', c)));
  // A null value leaves a gap: an hour without a call that counts has no rate, not 0 %.
  const rates = formulas.map((f) => f?.value ?? null);

  const rateName = t('charts.threeRing.rate');
  const tooltips = slots.map((slot, i) => {
    const formula = formulas[i];
    const lines = [`<strong>${escapeHtml(slot.label)}</strong>`];
    if (formula) {
      lines.push(
        `${escapeHtml(rateName)}: ${formulaResult(formula, locale)}`,
        escapeHtml(formulaDefinition(formula, t)),
        escapeHtml(`= ${formulaArithmetic(formula, t, locale)}`),
      );
    } else {
      lines.push(`${escapeHtml(rateName)}: ${NO_VALUE}`);
    }
    if (target !== null) lines.push(escapeHtml(targetText));
    return lines.join('<br/>');
  });

  const axisPercent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 });
  const base = chartBase(theme, opts.fontSize);
  const lineColor = seriesColor(theme, 0);
  return {
    ...base,
    // Live: new figures every second. A transition would repaint the canvas on every frame in between.
    animation: false,
    grid: { id: 'grid', left: 8, right: 16, top: 40, bottom: 8, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
    legend: { id: 'legend', top: 0, textStyle: { color: colors.text }, inactiveColor: colors.textMuted },
    tooltip: {
      ...base.tooltip,
      trigger: 'axis',
      formatter: (params) => {
        const first = Array.isArray(params) ? params[0] : params;
        return tooltips[first?.dataIndex ?? -1] ?? '';
      },
    },
    xAxis: {
      id: 'hour',
      type: 'category',
      boundaryGap: false,
      data: slots.map((s) => s.label),
      ...axisStyle(theme, opts.fontSize),
      splitLine: { show: false },
    },
    yAxis: {
      id: 'rate',
      type: 'value',
      min: 0,
      max: 1,
      ...axisStyle(theme, opts.fontSize),
      axisLabel: {
        ...axisStyle(theme, opts.fontSize).axisLabel,
        formatter: (value: number) => axisPercent.format(value),
      },
    },
    series: [
      {
        id: THREE_RING_SERIES_ID,
        name: rateName,
        type: 'line',
        data: rates,
        connectNulls: false,
        showSymbol: true,
        symbolSize: 6,
        lineStyle: { color: lineColor, width: 3 },
        itemStyle: { color: lineColor },
        markLine: {
          id: THREE_RING_TARGET_ID,
          silent: true,
          symbol: 'none',
          lineStyle: { color: colors.reference, type: 'dashed', width: 2 },
          label: {
            color: colors.text,
            ...(opts.fontSize === undefined ? {} : { fontSize: opts.fontSize }),
            position: 'insideEndTop',
            formatter: targetText,
          },
          // An empty list clears a line an earlier option drew, when the target goes.
          data: target === null ? [] : [{ name: targetText, yAxis: target }],
        },
      },
    ],
  };
}
