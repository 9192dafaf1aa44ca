/**
 * The buckets of a trend, pure: every local bucket of a range of local days in
 * the center's zone (luxon), so 15-minute and hourly buckets follow the
 * instants across a DST change (23 or 25 hours in a day), days and months
 * start at local midnight, and weeks on Monday (ISO).
 */
import { DateTime, IANAZone } from 'luxon';
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

/** Days from `from` to `to`, both included. */
export const daysIn = (r: DayRange): number =>
  Math.round(DateTime.fromISO(r.to, { zone: 'utc' }).diff(DateTime.fromISO(r.from, { zone: 'utc' }), 'days').days) + 1;

const MINUTE = 60_000;
const DAY = 86_400_000;
const WEEK = 7 * DAY;
const pad = (n: number) => String(n).padStart(2, '0');

/**
 * The zone's offsets over a stretch of time, with luxon's IANA zone asked only
 * once a week and around each change (no zone changes its offset twice in a
 * week), so thousands of bucket labels cost no time-zone look-ups.
 */
class ZoneClock {
  /** `offsets[i]` (minutes east of UTC) applies from `changes[i]` on. */
  private readonly changes: number[] = [-Infinity];
  private readonly offsets: number[];
  private readonly dayLabels = new Map<number, string>();

  constructor(tz: string, fromMs: number, toMs: number) {
    const zone = IANAZone.create(tz);
    let prevMs = Math.floor((fromMs - 2 * DAY) / MINUTE) * MINUTE;
    let prevOffset = zone.offset(prevMs);
    this.offsets = [prevOffset];
    const lastMs = toMs + 2 * DAY;
    while (prevMs < lastMs) {
      const ms = Math.min(prevMs + WEEK, lastMs);
      const offset = zone.offset(ms);
      if (offset !== prevOffset) {
        // The first minute with the new offset.
        let lo = prevMs / MINUTE;
        let hi = ms / MINUTE;
        while (hi - lo > 1) {
          const mid = Math.floor((lo + hi) / 2);
          if (zone.offset(mid * MINUTE) === prevOffset) lo = mid;
          else hi = mid;
        }
        this.changes.push(hi * MINUTE);
        this.offsets.push(offset);
      }
      prevMs = ms;
      prevOffset = offset;
    }
  }

  offsetAt(ms: number): number {
    let i = this.changes.length - 1;
    while (this.changes[i]! > ms) i--;
    return this.offsets[i]!;
  }

  /** Local midnight starting the calendar day `utcDayMs` (a UTC midnight naming the date). */
  midnight(utcDayMs: number): number {
    const guess = utcDayMs - this.offsetAt(utcDayMs) * MINUTE;
    return utcDayMs - this.offsetAt(guess) * MINUTE;
  }

  /** ISO 8601 local time with the offset, to the second. */
  label(ms: number): string {
    const offset = this.offsetAt(ms);
    const local = ms + offset * MINUTE;
    const day = Math.floor(local / DAY);
    let date = this.dayLabels.get(day);
    if (date === undefined) {
      date = new Date(day * DAY).toISOString().slice(0, 10);
      this.dayLabels.set(day, date);
    }
    const inDay = local - day * DAY;
    const abs = Math.abs(offset);
    return `${date}T${pad(Math.floor(inDay / 3_600_000))}:${pad(Math.floor((inDay % 3_600_000) / MINUTE))}:${pad(Math.floor((inDay % MINUTE) / 1000))}${offset < 0 ? '-' : '+'}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
  }

  /** Offset changes in [fromMs, toMs): when, and the offsets before and after. */
  changesIn(fromMs: number, toMs: number): { ms: number; before: number; after: number }[] {
    const out: { ms: number; before: number; after: number }[] = [];
    for (let i = 1; i < this.changes.length; i++)
      if (this.changes[i]! >= fromMs && this.changes[i]! < toMs)
        out.push({ ms: this.changes[i]!, before: this.offsets[i - 1]!, after: this.offsets[i]! });
    return out;
  }
}

const utcDay = (isoDate: string): number => Date.parse(`${isoDate}T00:00:00Z`);

/** A range of local days in a zone: its instants and its clock. */
function clockOf(r: DayRange, tz: string): { clock: ZoneClock; startMs: number; endMs: number } {
  const first = utcDay(r.from);
  const last = utcDay(r.to);
  const clock = new ZoneClock(tz, first - DAY, last + 2 * DAY);
  return { clock, startMs: clock.midnight(first), endMs: clock.midnight(last + DAY) };
}

/** The instants [start, end) the range of local days covers. */
export function rangeInstants(r: DayRange, tz: string): { start: Date; end: Date } {
  const { startMs, endMs } = clockOf(r, tz);
  return { start: new Date(startMs), end: new Date(endMs) };
}

const SUB_DAY_MS: Partial<Record<TrendGranularity, number>> = { '15m': 15 * MINUTE, hour: 60 * MINUTE };

/** Every bucket that meets the range, in order. Sub-day steps are durations, so they follow the instants across a DST change. */
export function bucketsOf(r: DayRange, g: TrendGranularity, tz: string): Bucket[] {
  const { clock, startMs, endMs } = clockOf(r, tz);
  const out: Bucket[] = [];
  const step = SUB_DAY_MS[g];
  if (step !== undefined) {
    for (let ms = startMs; ms < endMs; ms += step) out.push({ label: clock.label(ms), startMs: ms });
    return out;
  }
  const from = new Date(utcDay(r.from));
  let day: Date;
  if (g === 'week') day = new Date(from.getTime() - ((from.getUTCDay() + 6) % 7) * DAY);
  else if (g === 'month') day = new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth(), 1));
  else day = from;
  for (;;) {
    const ms = clock.midnight(day.getTime());
    if (ms >= endMs) return out;
    out.push({ label: clock.label(ms), startMs: ms });
    if (g === 'month') day = new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth() + 1, 1));
    else day = new Date(day.getTime() + (g === 'week' ? WEEK : DAY));
  }
}

/** The local weekday (0 Monday … 6 Sunday) and hour of day of a bucket label (local ISO 8601 with the offset). */
export function weekdayHour(label: string): { weekday: number; hour: number } {
  const day = new Date(`${label.slice(0, 10)}T00:00:00Z`);
  return { weekday: (day.getUTCDay() + 6) % 7, hour: Number(label.slice(11, 13)) };
}

/** The days of the range on which a local wall-clock time repeats (a DST fall-back): local 15-minute and hourly buckets merge such times. */
export function repeatedDays(r: DayRange, tz: string): DayRange[] {
  const { clock, startMs, endMs } = clockOf(r, tz);
  return clock
    .changesIn(startMs, endMs)
    .filter((c) => c.after < c.before)
    .map((c) => {
      const day = clock.label(c.ms).slice(0, 10);
      return { from: day, to: day };
    });
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
