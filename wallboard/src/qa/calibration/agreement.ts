/**
 * How far raters agree, in the words of Landis & Koch (1977, "The measurement
 * of observer agreement for categorical data"): the bands every calibration
 * report reads a kappa against.
 */

export const KAPPA_BANDS = ['poor', 'slight', 'fair', 'moderate', 'substantial', 'almostPerfect'] as const;
export type KappaBand = (typeof KAPPA_BANDS)[number];

/**
 * Each band's range on the kappa scale, lowest first. Kappa runs from −1 (every
 * pair disagrees) to 1; Landis & Koch's upper limits are inclusive (0.20 is
 * still "slight", 0.21 "fair").
 */
export const KAPPA_BAND_RANGES: readonly { band: KappaBand; from: number; to: number }[] = [
  { band: 'poor', from: -1, to: 0 },
  { band: 'slight', from: 0, to: 0.2 },
  { band: 'fair', from: 0.2, to: 0.4 },
  { band: 'moderate', from: 0.4, to: 0.6 },
  { band: 'substantial', from: 0.6, to: 0.8 },
  { band: 'almostPerfect', from: 0.8, to: 1 },
];

/** The band of a kappa: below 0 poor, up to 0.20 slight, 0.40 fair, 0.60 moderate, 0.80 substantial, above almost perfect. */
export function kappaBand(kappa: number): KappaBand {
  // Two decimals, as kappa is read and printed: 0.2049 shows as 0.20 and is slight, −0.004 as 0.00.
  const k = Math.round(kappa * 100) / 100;
  if (k < 0) return 'poor';
  if (k <= 0.2) return 'slight';
  if (k <= 0.4) return 'fair';
  if (k <= 0.6) return 'moderate';
  if (k <= 0.8) return 'substantial';
  return 'almostPerfect';
}

const formats = new Map<string, Intl.NumberFormat>();

/** A kappa with two decimals and a true minus: −0.5 → "−0.50"; a dash when there is none. */
export function formatKappa(kappa: number | null | undefined, locale: string): string {
  if (typeof kappa !== 'number' || !Number.isFinite(kappa)) return '—';
  let format = formats.get(locale);
  if (!format) {
    format = new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    formats.set(locale, format);
  }
  // −0.001 rounds to "-0.00": a kappa that shows as zero carries no sign.
  const text = format.format(Math.abs(kappa) < 0.005 ? 0 : kappa);
  return text.replace('-', '−');
}
