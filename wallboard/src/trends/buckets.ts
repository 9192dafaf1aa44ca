/**
 * Buckets as the server states them: the local start in the center's zone,
 * ISO 8601 with its offset (`2026-11-01T01:00:00-04:00`). The wall clock is
 * read straight from the text, so labels need no zone arithmetic and a DST
 * day shows its 23 or 25 hours as they were.
 */
import type { Granularity } from '../api/trends';

export interface WallTime {
  /** YYYY-MM-DD */
  day: string;
  hour: number;
  minute: number;
  /** `+05:30`, `-04:00`, `Z` */
  offset: string;
  /** 0 Monday … 6 Sunday (ISO). */
  weekday: number;
}

const BUCKET = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::\d{2}(?:\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/** The wall clock of a bucket's start; null for text that is not ISO 8601 with an offset. */
export function wallTime(bucket: string): WallTime | null {
  const match = BUCKET.exec(bucket);
  if (!match) return null;
  const day = match[1]!;
  const weekday = (new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7;
  return { day, hour: Number(match[2]), minute: Number(match[3]), offset: match[4]!, weekday };
}

const pad = (n: number) => String(n).padStart(2, '0');

function plainLabel(wall: WallTime, granularity: Granularity): string {
  switch (granularity) {
    case '15m':
    case 'hour':
      return `${wall.day} ${pad(wall.hour)}:${pad(wall.minute)}`;
    case 'day':
    case 'week':
      return wall.day;
    case 'month':
      return wall.day.slice(0, 7);
  }
}

/**
 * A label per bucket: the local time to the granularity's precision (a week by
 * its Monday, a month as YYYY-MM). The hour a DST change repeats appears twice:
 * both then carry their offset, "2026-11-01 01:00 (−04:00)" and "(−05:00)".
 */
export function bucketLabels(buckets: readonly string[], granularity: Granularity): string[] {
  const walls = buckets.map(wallTime);
  const plain = walls.map((wall, i) => (wall ? plainLabel(wall, granularity) : buckets[i]!));
  const seen = new Map<string, number>();
  for (const label of plain) seen.set(label, (seen.get(label) ?? 0) + 1);
  return plain.map((label, i) => {
    const wall = walls[i];
    if (!wall || seen.get(label) === 1) return label;
    return `${label} (${wall.offset.replace('-', '−')})`;
  });
}
