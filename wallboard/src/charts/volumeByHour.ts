/**
 * Calls offered per local hour today, stacked by call type, against the same
 * weekday last week (a line): "are we busier than usual, and with what?".
 */
import type { HourVolume, LiveQueue } from '@callboard/api/wire';
import { formatNumber } from '../format';
import { axisStyle, chartBase, escapeHtml, type ChartContext, type ChartOption } from './common';
import { hourAxis, keyHours } from './hours';
import { chartColors, seriesColor } from './palette';

/** The call type the server files calls under when the phone system sent none. */
export const UNSPECIFIED_CALL_TYPE = 'unspecified';

/** Series ids: `offered:<call type>` per bar, and the last-week line. Stable, so `setOption` merges by id. */
export const offeredSeriesId = (callType: string) => `offered:${callType}`;
export const LAST_WEEK_SERIES_ID = 'lastWeek';

export interface VolumeByHourOptions extends ChartContext {
  /**
   * Call types in the order they take colours. Keep it stable through the day
   * (e.g. in order first seen) so a type keeps its colour as others appear;
   * types in the data but not listed follow, alphabetically. When the list can
   * shrink (another scope), set the chart with `replaceMerge: ['series']` so the
   * bars of types no longer shown go.
   */
  callTypes?: readonly string[];
}

type Volumes = Pick<LiveQueue, 'byHour' | 'lastWeek'>;

/** Call types offered today in any of the queues: alphabetical, "unspecified" last. */
export function callTypesOf(queues: readonly Pick<LiveQueue, 'byHour'>[]): string[] {
  const types = new Set<string>();
  for (const q of queues) for (const h of q.byHour) for (const type of Object.keys(h.byCallType)) types.add(type);
  return [...types].sort((a, b) => {
    if (a === UNSPECIFIED_CALL_TYPE || b === UNSPECIFIED_CALL_TYPE) return a === b ? 0 : a === UNSPECIFIED_CALL_TYPE ? 1 : -1;
    return a < b ? -1 : a > b ? 1 : 0;
  });
}

const offeredIn = (h: HourVolume) => Object.values(h.byCallType).reduce((sum, n) => sum + n, 0);

export function volumeByHour(queues: readonly Volumes[], opts: VolumeByHourOptions): ChartOption {
  const { theme, locale, timeZone, t } = opts;
  const colors = chartColors(theme);
  const found = callTypesOf(queues);
  const types = [...new Set([...(opts.callTypes ?? []), ...found])];

  const slots = hourAxis([...queues.map((q) => q.byHour), ...queues.map((q) => q.lastWeek)], timeZone, locale);
  const index = new Map(slots.map((slot, i) => [slot.key, i]));

  // null where a day has no such hour (later today, the hour a DST change skipped): no bar, a gap in the line.
  const today = types.map(() => slots.map((): number | null => null));
  const lastWeek = slots.map((): number | null => null);
  for (const q of queues) {
    for (const { key, item } of keyHours(q.byHour, timeZone, locale)) {
      const i = index.get(key)!;
      types.forEach((type, k) => {
        today[k]![i] = (today[k]![i] ?? 0) + (item.byCallType[type] ?? 0);
      });
    }
    for (const { key, item } of keyHours(q.lastWeek, timeZone, locale)) {
      const i = index.get(key)!;
      lastWeek[i] = (lastWeek[i] ?? 0) + offeredIn(item);
    }
  }

  const typeName = (type: string) => (type === UNSPECIFIED_CALL_TYPE ? t('charts.volume.unspecified') : type);
  const typeColor = (k: number) => seriesColor(theme, k);
  const lastWeekName = t('charts.volume.lastWeek');
  const swatch = (color: string, line = false) =>
    `<span style="display:inline-block;margin-right:6px;vertical-align:middle;width:10px;height:${line ? 2 : 10}px;background:${color}"></span>`;
  const tooltips = slots.map((slot, i) => {
    const rows = types.flatMap((type, k) => {
      const n = today[k]![i];
      return n ? [`${swatch(typeColor(k))}${escapeHtml(typeName(type))}: ${formatNumber(n, locale)}`] : [];
    });
    const total = today.some((series) => series[i] !== null) ? today.reduce((sum, series) => sum + (series[i] ?? 0), 0) : null;
    return [
      `<strong>${escapeHtml(slot.label)}</strong>`,
      ...rows,
      `${t('charts.volume.total')}: ${formatNumber(total, locale)}`,
      `${swatch(colors.reference, true)}${escapeHtml(lastWeekName)}: ${formatNumber(lastWeek[i], locale)}`,
    ].join('<br/>');
  });

  const base = chartBase(theme, opts.fontSize);
  return {
    ...base,
    // Live: new figures every second. A transition would repaint the canvas on every frame in between.
    animation: false,
    grid: { id: 'grid', left: 8, right: 16, top: 40, bottom: 8, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
    // Listed explicitly: a call type first seen mid-day joins the other types, not after last week's line.
    legend: {
      id: 'legend',
      top: 0,
      type: 'scroll',
      data: [...types.map(typeName), lastWeekName],
      textStyle: { color: colors.text },
      inactiveColor: colors.textMuted,
    },
    tooltip: {
      ...base.tooltip,
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (params) => {
        const first = Array.isArray(params) ? params[0] : params;
        return tooltips[first?.dataIndex ?? -1] ?? '';
      },
    },
    xAxis: {
      id: 'hour',
      type: 'category',
      data: slots.map((s) => s.label),
      ...axisStyle(theme, opts.fontSize),
      splitLine: { show: false },
    },
    yAxis: {
      id: 'calls',
      type: 'value',
      name: t('charts.volume.calls'),
      nameTextStyle: { color: colors.textMuted },
      minInterval: 1,
      ...axisStyle(theme, opts.fontSize),
      axisLabel: { ...axisStyle(theme, opts.fontSize).axisLabel, formatter: (value: number) => formatNumber(value, locale) },
    },
    series: [
      ...types.map(
        (type, k) =>
          ({
            id: offeredSeriesId(type),
            name: typeName(type),
            type: 'bar',
            stack: 'offered',
            data: today[k],
            itemStyle: { color: typeColor(k) },
            emphasis: { focus: 'series' },
            barMaxWidth: 28,
          }) as const,
      ),
      {
        id: LAST_WEEK_SERIES_ID,
        name: lastWeekName,
        type: 'line',
        data: lastWeek,
        connectNulls: false,
        symbol: 'none',
        z: 3,
        lineStyle: { color: colors.reference, type: 'dashed', width: 2 },
        itemStyle: { color: colors.reference },
      },
    ],
  };
}
