/**
 * The weekday × hour grid of a range (`GET /api/v1/trends/heatmap`): calls
 * offered per cell, or the three-ring rate of the cell's summed counts. Monday
 * on top, hours of the center's day across; an empty cell is left blank.
 */
import type { HeatCell } from '../api/trends';
import { formatNumber, formatPercent } from '../format';
import { axisStyle, chartBase, escapeHtml, type ChartContext, type ChartOption } from './common';
import { chartColors, OKABE_ITO } from './palette';

/** What a cell shows: calls offered, or the three-ring rate of its summed counts. */
export type HeatmapMeasure = 'offered' | 'threeRingRate';

export const HEATMAP_SERIES_ID = 'heat';

/** Weekday names Monday first, in the reader's language (2024-01-01 was a Monday). */
export function weekdayNames(locale: string): string[] {
  const format = new Intl.DateTimeFormat(locale, { weekday: 'short', timeZone: 'UTC' });
  return Array.from({ length: 7 }, (_, i) => format.format(new Date(Date.UTC(2024, 0, 1 + i))));
}

export function heatmap(cells: readonly HeatCell[], measure: HeatmapMeasure, opts: ChartContext): ChartOption {
  const { theme, locale, t } = opts;
  const colors = chartColors(theme);
  const days = weekdayNames(locale);
  const hours = Array.from({ length: 24 }, (_, h) => String(h).padStart(2, '0'));
  const valueOf = (cell: HeatCell) => (measure === 'offered' ? cell.offered : cell.threeRingRate);
  const values = cells.map(valueOf).filter((v): v is number => v !== null);
  const max = measure === 'offered' ? Math.max(1, ...values) : 1;
  const show = (value: number | null) => (measure === 'offered' ? formatNumber(value, locale) : formatPercent(value, locale));

  const base = chartBase(theme, opts.fontSize);
  return {
    ...base,
    grid: { id: 'grid', left: 8, right: 16, top: 8, bottom: 56, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
    tooltip: {
      ...base.tooltip,
      trigger: 'item',
      formatter: (params) => {
        const item = Array.isArray(params) ? params[0] : params;
        const cell = cells[item?.dataIndex ?? -1];
        if (!cell) return '';
        const head = `<strong>${escapeHtml(days[cell.weekday]!)} ${hours[cell.hour]}:00</strong>`;
        if (measure === 'offered') return `${head}<br/>${escapeHtml(t('trends.heatmap.offered'))}: ${show(cell.offered)}`;
        const denominator = cell.answered + cell.abandoned - cell.shortAbandoned + cell.timedOut;
        return `${head}<br/>${escapeHtml(t('trends.heatmap.threeRingRate'))}: ${show(cell.threeRingRate)} = ${formatNumber(cell.answeredInThreshold, locale)} ÷ ${formatNumber(denominator, locale)}`;
      },
    },
    xAxis: { id: 'hour', type: 'category', data: hours, ...axisStyle(theme, opts.fontSize), splitArea: { show: false } },
    yAxis: { id: 'weekday', type: 'category', data: days, inverse: true, ...axisStyle(theme, opts.fontSize) },
    visualMap: {
      id: 'scale',
      type: 'continuous',
      min: 0,
      max,
      calculable: false,
      text: [show(max), show(0)],
      orient: 'horizontal',
      left: 'center',
      bottom: 0,
      itemHeight: 160,
      textStyle: { color: colors.textMuted },
      formatter: (value) => show(Number(value)),
      // Colour-blind safe: pale to the palette's blue for volume, vermillion (low) to bluish green (high) for the rate.
      inRange: {
        color: measure === 'offered' ? [colors.surface, OKABE_ITO.blue] : [OKABE_ITO.vermillion, OKABE_ITO.yellow, OKABE_ITO.bluishGreen],
      },
    },
    series: [
      {
        id: HEATMAP_SERIES_ID,
        type: 'heatmap',
        data: cells.map((cell) => [cell.hour, cell.weekday, valueOf(cell) ?? '-']),
        emphasis: { itemStyle: { borderColor: colors.text, borderWidth: 1 } },
      },
    ],
  };
}
