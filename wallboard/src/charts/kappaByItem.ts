/**
 * Agreement per form item in a calibration: Fleiss' kappa as horizontal bars
 * on the −1…1 scale, with Landis & Koch's bands shaded behind them so a bar
 * reads as "fair" or "poor" at a glance. An item without a kappa (everyone
 * answered alike, or too few raters) gets its reason written where the bar
 * would be, so an empty row is never mistaken for zero.
 */
import { formatKappa, KAPPA_BAND_RANGES, kappaBand, type KappaBand } from '../qa/calibration/agreement';
import { axisStyle, chartBase, escapeHtml, type ChartContext, type ChartOption } from './common';
import { chartColors, OKABE_ITO } from './palette';

export const KAPPA_SERIES_ID = 'kappa';

export interface KappaBar {
  /** The item's text in the reader's language. */
  label: string;
  kappa: number | null;
  /** Why there is no kappa, already in the reader's language; shown in place of the bar. */
  noKappa?: string;
}

export type KappaByItemOptions = Omit<ChartContext, 'timeZone'>;

/** Band tints, from the poor red to the almost-perfect green; faint, so the bars in front stay the figure. */
export const KAPPA_BAND_COLORS: Record<KappaBand, string> = {
  poor: OKABE_ITO.vermillion,
  slight: OKABE_ITO.orange,
  fair: OKABE_ITO.yellow,
  moderate: OKABE_ITO.skyBlue,
  substantial: OKABE_ITO.bluishGreen,
  almostPerfect: OKABE_ITO.bluishGreen,
};
export const KAPPA_BAND_OPACITY: Record<KappaBand, number> = {
  poor: 0.16,
  slight: 0.14,
  fair: 0.12,
  moderate: 0.14,
  substantial: 0.14,
  almostPerfect: 0.28,
};

export function kappaByItem(bars: readonly KappaBar[], opts: KappaByItemOptions): ChartOption {
  const { theme, locale, t } = opts;
  const colors = chartColors(theme);
  const base = chartBase(theme, opts.fontSize);
  const bandName = (band: KappaBand) => t(`qa.calibration.bands.${band}`);
  const valueText = (bar: KappaBar) =>
    bar.kappa === null ? (bar.noKappa ?? '—') : `${formatKappa(bar.kappa, locale)} · ${bandName(kappaBand(bar.kappa))}`;
  const axis = axisStyle(theme, opts.fontSize);
  return {
    ...base,
    grid: { id: 'grid', left: 8, right: 24, top: 28, bottom: 8, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
    tooltip: {
      ...base.tooltip,
      trigger: 'item',
      formatter: (params) => {
        const item = Array.isArray(params) ? params[0] : params;
        const bar = bars[item?.dataIndex ?? -1];
        return bar ? `${escapeHtml(bar.label)}<br>κ ${escapeHtml(valueText(bar))}` : '';
      },
    },
    xAxis: {
      id: 'kappa',
      type: 'value',
      min: -1,
      max: 1,
      interval: 0.2,
      ...axis,
      axisLabel: { ...axis.axisLabel, formatter: (value: number) => formatKappa(value, locale) },
      splitLine: { show: false },
    },
    yAxis: {
      id: 'item',
      type: 'category',
      inverse: true,
      data: bars.map((b) => b.label),
      ...axis,
      axisLabel: { ...axis.axisLabel, color: colors.text, width: 300, overflow: 'truncate' },
      splitLine: { show: false },
    },
    series: [
      {
        id: KAPPA_SERIES_ID,
        name: 'κ',
        type: 'bar',
        barMaxWidth: 18,
        data: bars.map((bar) =>
          bar.kappa === null
            ? // A zero-length bar carrying the reason, so the row says why it is empty.
              { value: 0, itemStyle: { color: 'transparent' }, label: { show: true, position: 'right', color: colors.textMuted } }
            : { value: bar.kappa, itemStyle: { color: colors.text }, label: { show: true, position: bar.kappa < 0 ? 'left' : 'right' } },
        ),
        label: {
          show: true,
          color: colors.text,
          ...(opts.fontSize === undefined ? {} : { fontSize: opts.fontSize }),
          formatter: (p: { dataIndex: number }) => {
            const bar = bars[p.dataIndex];
            return bar ? (bar.kappa === null ? (bar.noKappa ?? '—') : formatKappa(bar.kappa, locale)) : '';
          },
        },
        markArea: {
          silent: true,
          label: { show: true, position: 'top', color: colors.textMuted, fontSize: 11 },
          data: KAPPA_BAND_RANGES.map(({ band, from, to }) => [
            { name: bandName(band), xAxis: from, itemStyle: { color: KAPPA_BAND_COLORS[band], opacity: KAPPA_BAND_OPACITY[band] } },
            { xAxis: to },
          ]),
        },
      },
    ],
  };
}
