/**
 * The buckets of a trend, pure: every local bucket of a range of local days in
 * the center's zone (luxon), so 15-minute and hourly buckets follow the
 * instants across a DST change (23 or 25 hours in a day), days and months
 * start at local midnight, and weeks on Monday (ISO).
 */
import { DateTime } from 'luxon';
import type { TrendComparison, TrendGranularity } from './trends.schemas.js';

export interface Bucket {
  /** Local start, ISO 8601 with the offset. */
  label: string;
  /** Start instant (ms); the first bucket of a week or month may start before the range. */
  startMs: number;
}

export interface DayRange {
  from: string;
  to: string;
}

/** The longest range, in days, each granularity answers. */
export const MAX_DAYS: Record<TrendGranularity, number> = { '15m': 31, hour: 400, day: 3700, week: 3700, month: 3700 };

const STEP: Record<TrendGranularity, object> = {
  '15m': { minutes: 15 },
  hour: { hours: 1 },
  day: { days: 1 },
  week: { weeks: 1 },
  month: { months: 1 },
};

/** Days from `from` to `to`, both included. */
export const daysIn = (r: DayRange): number =>
  Math.round(DateTime.fromISO(r.to, { zone: 'utc' }).diff(DateTime.fromISO(r.from, { zone: 'utc' }), 'days').days) + 1;

/** The instants [start, end) the range of local days covers. */
export function rangeInstants(r: DayRange, tz: string): { start: Date; end: Date } {
  const start = DateTime.fromISO(r.from, { zone: tz }).startOf('day');
  const end = DateTime.fromISO(r.to, { zone: tz }).startOf('day').plus({ days: 1 });
  return { start: start.toJSDate(), end: end.toJSDate() };
}

const startOfBucket = (t: DateTime, g: TrendGranularity): DateTime =>
  g === 'week' ? t.startOf('week') : g === 'month' ? t.startOf('month') : t;

/** Every bucket that meets the range, in order. Sub-day steps are added as durations, so they follow the instants. */
export function bucketsOf(r: DayRange, g: TrendGranularity, tz: string): Bucket[] {
  const { end } = rangeInstants(r, tz);
  const endMs = end.getTime();
  let t = startOfBucket(DateTime.fromISO(r.from, { zone: tz }).startOf('day'), g);
  const out: Bucket[] = [];
  while (t.toMillis() < endMs) {
    out.push({ label: t.toISO({ suppressMilliseconds: true })!, startMs: t.toMillis() });
    t = t.plus(STEP[g]);
  }
  return out;
}

/** The days of the range on which a local wall-clock time repeats (a DST fall-back): local 15-minute and hourly buckets merge such times. */
export function repeatedDays(r: DayRange, tz: string): DayRange[] {
  const out: DayRange[] = [];
  let t = DateTime.fromISO(r.from, { zone: tz }).startOf('day');
  const end = DateTime.fromISO(r.to, { zone: tz }).startOf('day').plus({ days: 1 });
  while (t < end) {
    const next = t.plus({ days: 1 });
    if (next.offset < t.offset) out.push({ from: t.toISODate()!, to: t.toISODate()! });
    t = next;
  }
  return out;
}

/** The range a comparison shows: the same number of days right before, or the same local days a year earlier (29 February → 28 February). */
export function comparedRange(r: DayRange, compare: TrendComparison): DayRange {
  const from = DateTime.fromISO(r.from, { zone: 'utc' });
  const to = DateTime.fromISO(r.to, { zone: 'utc' });
  if (compare === 'last_year') return { from: from.minus({ years: 1 }).toISODate()!, to: to.minus({ years: 1 }).toISODate()! };
  const days = daysIn(r);
  return { from: from.minus({ days }).toISODate()!, to: from.minus({ days: 1 }).toISODate()! };
}

/**
 * Puts instant-keyed rows into their buckets: each row goes to the last bucket
 * starting at or before it. `rows` and `buckets` are both in order.
 */
export function assign<T extends { at: Date }>(buckets: readonly Bucket[], rows: readonly T[]): T[][] {
  const out: T[][] = buckets.map(() => []);
  let i = 0;
  for (const row of rows) {
    const ms = row.at.getTime();
    while (i + 1 < buckets.length && buckets[i + 1]!.startMs <= ms) i++;
    if (buckets.length > 0 && buckets[i]!.startMs <= ms) out[i]!.push(row);
  }
  return out;
}
