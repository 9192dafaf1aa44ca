/** Scores as QA screens write them: 0–100 with at most one decimal, so 93.75 reads "93.8". */
import { NO_VALUE } from '../../format';

const formats = new Map<string, Intl.NumberFormat>();

export function formatScore(score: number | null | undefined, locale: string): string {
  if (typeof score !== 'number' || !Number.isFinite(score)) return NO_VALUE;
  let format = formats.get(locale);
  if (!format) {
    format = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
    formats.set(locale, format);
  }
  return format.format(score);
}

/** A score for a `data-score` attribute: one decimal, the same in every locale; empty without one. */
export function scoreAttribute(score: number | null | undefined): string {
  return typeof score === 'number' && Number.isFinite(score) ? score.toFixed(1) : '';
}

/** A moment of the recording, stamped to a tenth of a second. */
export function stampSeconds(seconds: number): number {
  return Math.max(0, Math.round(seconds * 10) / 10);
}
