/**
 * The periods of the trends page as days (YYYY-MM-DD) of the center's zone,
 * both included, and the granularities that fit a period. Pure: "today" is
 * passed in (see `dayIn`), so a period is the same wherever the browser is.
 */
import type { Granularity } from '../api/trends';
import { addDays, monthRange, utcDate, type DayRange } from '../qa/summary/period';

export { dayIn, isDay, rangeProblem, type DayRange, type RangeProblem } from '../qa/summary/period';

export const RANGE_PRESETS = ['today', 'yesterday', 'last7Days', 'thisMonth', 'lastMonth', 'last13Months', 'custom'] as const;
export type RangePreset = (typeof RANGE_PRESETS)[number];

/** The server refuses 15-minute buckets over more than this many days. */
export const MAX_15M_DAYS = 31;
/** Hours over more than a quarter are too many to read or to list. */
export const MAX_HOUR_DAYS = 92;

/** The days of a preset period ending on or around `today`; months run from the 1st, the current one up to today. */
export function presetRange(preset: Exclude<RangePreset, 'custom'>, today: string): DayRange {
  const date = utcDate(today);
  const year = date.getUTCFullYear();
  const month = date.getUTCMonth();
  switch (preset) {
    case 'today':
      return { from: today, to: today };
    case 'yesterday': {
      const day = addDays(today, -1);
      return { from: day, to: day };
    }
    case 'last7Days':
      return { from: addDays(today, -6), to: today };
    case 'thisMonth':
      return { from: monthRange(year, month).from, to: today };
    case 'lastMonth':
      return monthRange(year, month - 1);
    case 'last13Months':
      return { from: monthRange(year, month - 12).from, to: today };
  }
}

/** Calendar days in the range, both ends included. */
export function daysIn(range: DayRange): number {
  return Math.round((utcDate(range.to).getTime() - utcDate(range.from).getTime()) / 86_400_000) + 1;
}

/** The granularities a range can be shown in: not finer than can be read, not coarser than the range. */
export function allowedGranularities(range: DayRange): Granularity[] {
  const days = daysIn(range);
  const allowed: Granularity[] = [];
  if (days <= MAX_15M_DAYS) allowed.push('15m');
  if (days <= MAX_HOUR_DAYS) allowed.push('hour');
  allowed.push('day');
  if (days >= 8) allowed.push('week');
  if (days >= 32) allowed.push('month');
  return allowed;
}

/** The granularity a range opens in: hours for a few days, days for up to a quarter, months beyond. */
export function defaultGranularity(range: DayRange): Granularity {
  const days = daysIn(range);
  if (days <= 7) return 'hour';
  if (days <= MAX_HOUR_DAYS) return 'day';
  return 'month';
}

/** `wanted` when the range allows it, else the range's default. */
export function fitGranularity(wanted: Granularity | undefined, range: DayRange): Granularity {
  return wanted && allowedGranularities(range).includes(wanted) ? wanted : defaultGranularity(range);
}
