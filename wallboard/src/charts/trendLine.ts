/**
 * A metric over the buckets of a range: bars for counts, a line for rates,
 * times and scores, with the comparison period as a dashed line aligned by
 * position (its first bucket over the range's first) and a zoom under the axis.
 */
import type { TrendMetric, TrendRow } from '../api/trends';
import { bucketLabels } from '../trends/buckets';
import { METRICS, isCountMetric } from '../trends/metrics';
import { formatValue } from '../trends/table';
import type { Granularity } from '../api/trends';
import { axisStyle, chartBase, escapeHtml, type ChartContext, type ChartOption } from './common';
import { chartColors, seriesColor } from './palette';

export const TREND_SERIES_ID = 'trend';
export const COMPARE_SERIES_ID = 'compare';

export interface TrendData {
  metric: TrendMetric;
  granularity: Granularity;
  rows: readonly TrendRow[];
  /** The comparison period's rows, when asked for. */
  compare?: readonly TrendRow[] | null;
  /** Legend names of the two series: the range and the comparison period. */
  rangeName: string;
  compareName?: string;
}

/** Zoom bar and scroll wheel only where the buckets would crowd the axis. */
export const ZOOM_FROM_POINTS = 40;

export function trendLine(data: TrendData, opts: ChartContext): ChartOption {
  const { theme, locale } = opts;
  const colors = chartColors(theme);
  const unit = METRICS[data.metric].unit;
  const bars = isCountMetric(data.metric);
  const labels = bucketLabels(
    data.rows.map((row) => row.bucket),
    data.granularity,
  );
  const values = data.rows.map((row) => row.value);
  const compare = data.compare ?? null;
  const compareLabels = compare
    ? bucketLabels(
        compare.map((row) => row.bucket),
        data.granularity,
      )
    : [];
  // Aligned by position: bucket i of the comparison under bucket i of the range, none past its end.
  const compareValues = compare ? data.rows.map((_, i) => compare[i]?.value ?? null) : [];
  const show = (value: number | null | undefined) => formatValue(unit, value, locale);
  const color = seriesColor(theme, 0);
  const zoom = data.rows.length > ZOOM_FROM_POINTS;
  const peak = Math.max(0, ...values.map((v) => v ?? 0), ...compareValues.map((v) => v ?? 0));

  const base = chartBase(theme, opts.fontSize);
  return {
    ...base,
    grid: { id: 'grid', left: 8, right: 16, top: 40, bottom: zoom ? 48 : 8, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
    legend: {
      id: 'legend',
      top: 0,
      data: compare ? [data.rangeName, data.compareName ?? ''] : [data.rangeName],
      textStyle: { color: colors.text },
      inactiveColor: colors.textMuted,
    },
    tooltip: {
      ...base.tooltip,
      trigger: 'axis',
      axisPointer: { type: bars ? 'shadow' : 'line' },
      formatter: (params) => {
        const first = Array.isArray(params) ? params[0] : params;
        const i = first?.dataIndex ?? -1;
        if (i < 0 || i >= labels.length) return '';
        const lines = [`<strong>${escapeHtml(labels[i]!)}</strong>: ${escapeHtml(show(values[i]))}`];
        if (compareLabels[i] !== undefined) lines.push(`${escapeHtml(compareLabels[i]!)}: ${escapeHtml(show(compareValues[i]))}`);
        return lines.join('<br/>');
      },
    },
    dataZoom: zoom
      ? [
          { id: 'zoomInside', type: 'inside', xAxisIndex: 0 },
          { id: 'zoomSlider', type: 'slider', xAxisIndex: 0, bottom: 8, height: 24, textStyle: { color: colors.textMuted } },
        ]
      : [],
    xAxis: {
      id: 'bucket',
      type: 'category',
      data: labels,
      ...axisStyle(theme, opts.fontSize),
      splitLine: { show: false },
    },
    yAxis: {
      id: 'value',
      type: 'value',
      // A rate near 100 % reads against its full scale; a small one (abandons) gets room to show its changes.
      ...(unit === 'rate' && peak > 0.5 ? { min: 0, max: 1 } : { min: 0 }),
      ...(unit === 'count' ? { minInterval: 1 } : {}),
      ...axisStyle(theme, opts.fontSize),
      axisLabel: {
        ...axisStyle(theme, opts.fontSize).axisLabel,
        formatter: (value: number) => show(value),
      },
    },
    series: [
      bars
        ? {
            id: TREND_SERIES_ID,
            name: data.rangeName,
            type: 'bar',
            data: values,
            itemStyle: { color },
            barMaxWidth: 28,
          }
        : {
            id: TREND_SERIES_ID,
            name: data.rangeName,
            type: 'line',
            data: values,
            connectNulls: false,
            showSymbol: data.rows.length <= ZOOM_FROM_POINTS,
            lineStyle: { color, width: 2 },
            itemStyle: { color },
          },
      ...(compare
        ? [
            {
              id: COMPARE_SERIES_ID,
              name: data.compareName ?? '',
              type: 'line' as const,
              data: compareValues,
              connectNulls: false,
              symbol: 'none',
              z: 3,
              lineStyle: { color: colors.reference, type: 'dashed' as const, width: 2 },
              itemStyle: { color: colors.reference },
            },
          ]
        : []),
    ],
  };
}
