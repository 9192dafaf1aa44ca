/**
 * What every option builder takes and gives. Builders are pure functions of
 * data and this context: no store, no `useI18n`, no `Date.now()`; the page
 * passes the center's zone (the snapshot's `tz`), the locale, `t` and the theme.
 */
import type { ComposeOption } from 'echarts/core';
import type { BarSeriesOption, CustomSeriesOption, HeatmapSeriesOption, LineSeriesOption } from 'echarts/charts';
import type {
  DataZoomComponentOption,
  GridComponentOption,
  LegendComponentOption,
  MarkLineComponentOption,
  TooltipComponentOption,
  VisualMapComponentOption,
} from 'echarts/components';
import type { Translate } from '../tiles/formula';
import { chartColors, type ChartTheme } from './palette';

export type ChartOption = ComposeOption<
  | BarSeriesOption
  | CustomSeriesOption
  | HeatmapSeriesOption
  | LineSeriesOption
  | DataZoomComponentOption
  | GridComponentOption
  | LegendComponentOption
  | MarkLineComponentOption
  | TooltipComponentOption
  | VisualMapComponentOption
>;

export type { Translate };

export interface ChartContext {
  theme: ChartTheme;
  /** The reader's locale, for numbers and zone names. */
  locale: string;
  /** The center's IANA zone: hours are labelled in it, wherever the browser is. */
  timeZone: string;
  t: Translate;
  /** Base text size in px: larger on a TV read from across the room; ECharts' 12 when left out. */
  fontSize?: number;
}

/** Chart text on a wall display, in px: axis labels and legends read from a few metres away. */
export const TV_CHART_FONT_SIZE = 18;

/** Escapes text that came from the phone system (call types) before it goes into a tooltip's HTML. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The parts every chart shares: transparent background, theme ink, axis-triggered tooltip. */
export function chartBase(theme: ChartTheme, fontSize?: number) {
  const c = chartColors(theme);
  return {
    backgroundColor: 'transparent',
    color: [...c.series],
    textStyle: { color: c.text, ...(fontSize === undefined ? {} : { fontSize }) },
    tooltip: {
      backgroundColor: c.tooltipBackground,
      borderColor: c.tooltipBorder,
      textStyle: { color: c.text },
    },
  } satisfies ChartOption;
}

/** Axis styling of the theme, for `xAxis`/`yAxis` entries; labels at `fontSize` when given (ECharts sets its own 12 on them). */
export function axisStyle(theme: ChartTheme, fontSize?: number) {
  const c = chartColors(theme);
  return {
    axisLine: { lineStyle: { color: c.axisLine } },
    axisTick: { lineStyle: { color: c.axisLine } },
    axisLabel: { color: c.textMuted, ...(fontSize === undefined ? {} : { fontSize }) },
    splitLine: { lineStyle: { color: c.splitLine } },
  };
}
