/**
 * The one place chart colours come from. Series take the Okabe–Ito palette
 * (Okabe & Ito, "Color Universal Design", 2008): eight colours that stay apart
 * for the common colour-vision deficiencies. Axes and text match the app's
 * dark (TV) and light themes in `styles.css`.
 */
import type { TileLevel } from '../tiles/thresholds';

export const OKABE_ITO = {
  black: '#000000',
  orange: '#E69F00',
  skyBlue: '#56B4E9',
  bluishGreen: '#009E73',
  yellow: '#F0E442',
  blue: '#0072B2',
  vermillion: '#D55E00',
  reddishPurple: '#CC79A7',
} as const;

export type ChartTheme = 'dark' | 'light';

export interface ChartColors {
  /** The surface charts are drawn on (the chart itself stays transparent). */
  surface: string;
  text: string;
  textMuted: string;
  axisLine: string;
  splitLine: string;
  tooltipBackground: string;
  tooltipBorder: string;
  /** Series colours in the order categories take them; cycles past the end. */
  series: readonly string[];
  /** Comparison lines (last week, targets): the neutral ink of the theme. */
  reference: string;
  level: Record<Exclude<TileLevel, 'none'>, string>;
}

const { orange, skyBlue, bluishGreen, yellow, blue, vermillion, reddishPurple } = OKABE_ITO;

/*
 * Order: the colours that read best on the theme's surface first. On the dark
 * surface the deep blue comes last (it sinks into the background); on white,
 * yellow and sky blue come last (they fade into it).
 */
const THEMES: Record<ChartTheme, ChartColors> = {
  dark: {
    surface: '#161d26',
    text: '#e8edf2',
    textMuted: '#9aa7b5',
    axisLine: '#5a6878',
    splitLine: '#2c3744',
    tooltipBackground: '#1f2833',
    tooltipBorder: '#2c3744',
    series: [skyBlue, orange, bluishGreen, yellow, reddishPurple, vermillion, blue],
    reference: '#e8edf2',
    level: { ok: bluishGreen, warn: orange, bad: vermillion },
  },
  light: {
    surface: '#ffffff',
    text: '#111820',
    textMuted: '#4f5d6b',
    axisLine: '#8a96a3',
    splitLine: '#d3dbe3',
    tooltipBackground: '#ffffff',
    tooltipBorder: '#d3dbe3',
    series: [blue, orange, bluishGreen, vermillion, reddishPurple, skyBlue, yellow],
    reference: '#111820',
    level: { ok: bluishGreen, warn: orange, bad: vermillion },
  },
};

export function chartColors(theme: ChartTheme): ChartColors {
  return THEMES[theme];
}

/** The colour of the i-th category (call type, queue), cycling through the theme's series colours. */
export function seriesColor(theme: ChartTheme, index: number): string {
  const series = THEMES[theme].series;
  return series[((index % series.length) + series.length) % series.length]!;
}
