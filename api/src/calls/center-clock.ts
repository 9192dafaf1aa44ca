/**
 * The center's calendar (SPEC §3): "today" runs from local midnight in
 * CALLBOARD_TZ to the next local midnight — 23 or 25 hours on a DST change —
 * and hourly buckets start on the local hour.
 */
import { DateTime } from 'luxon';

export interface CenterDay {
  /** YYYY-MM-DD, local. */
  day: string;
  startMs: number;
  /** The next local midnight. */
  endMs: number;
}

const SLOT_MS = 15 * 60_000;
const HOUR_MS = 3_600_000;

export class CenterClock {
  /** UTC offset in ms per 15-minute slot: offsets only change on (quarter-)hour boundaries. */
  private readonly offsets = new Map<number, number>();

  constructor(readonly tz: string) {}

  offsetMs(ms: number): number {
    const slot = Math.floor(ms / SLOT_MS);
    let off = this.offsets.get(slot);
    if (off === undefined) {
      off = DateTime.fromMillis(slot * SLOT_MS, { zone: this.tz }).offset * 60_000;
      if (this.offsets.size > 10_000) this.offsets.clear();
      this.offsets.set(slot, off);
    }
    return off;
  }

  dayOf(ms: number): CenterDay {
    const start = DateTime.fromMillis(ms, { zone: this.tz }).startOf('day');
    return { day: start.toISODate()!, startMs: start.toMillis(), endMs: start.plus({ days: 1 }).toMillis() };
  }

  /** The same local day a week earlier (calendar-aware: 7 local days, not 168 hours). */
  weekBefore(day: CenterDay): CenterDay {
    return this.dayOf(DateTime.fromMillis(day.startMs, { zone: this.tz }).minus({ weeks: 1 }).toMillis());
  }

  /** Start of the local hour containing ms. */
  hourStartMs(ms: number): number {
    const local = ms + this.offsetMs(ms);
    return ms - (((local % HOUR_MS) + HOUR_MS) % HOUR_MS);
  }

  /** Local hour starts from startMs (a local midnight) up to, not including, endMs. */
  hours(startMs: number, endMs: number): number[] {
    const out: number[] = [];
    for (let h = this.hourStartMs(startMs); h < endMs; h = this.hourStartMs(h + HOUR_MS + 1)) out.push(h);
    return out;
  }

  /** ISO 8601 with the center's offset and milliseconds, e.g. 2026-03-02T09:00:00.000+08:00. */
  iso(ms: number): string {
    const off = this.offsetMs(ms);
    const local = new Date(ms + off).toISOString().slice(0, -1);
    const sign = off < 0 ? '-' : '+';
    const abs = Math.abs(off) / 60_000;
    return `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
  }
}
