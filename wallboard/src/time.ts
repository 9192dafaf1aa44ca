/**
 * Calendar days in a given time zone, for filters that ask "from this day to
 * that day" of the center while the server wants instants.
 */

/** The zone this browser runs in, for when the center's zone is not known (yet). */
export function browserTimeZone(): string {
  return new Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

const offsetFormats = new Map<string, Intl.DateTimeFormat>();

/** How far the wall clock in `timeZone` is ahead of UTC at `instantMs`, in ms. */
function zoneOffsetMs(instantMs: number, timeZone: string): number {
  let format = offsetFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    offsetFormats.set(timeZone, format);
  }
  const parts = format.formatToParts(new Date(instantMs));
  const part = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value);
  const wallAsUtc = Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'), part('second'));
  return wallAsUtc - Math.floor(instantMs / 1000) * 1000;
}

function parseDay(day: string): [number, number, number] | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return null;
  return [Number(match[1]), Number(match[2]), Number(match[3])];
}

/**
 * The instant local midnight starts `day` (YYYY-MM-DD) in `timeZone`, plus
 * `addDays` days, as ISO 8601 UTC. Two passes, because the offset at midnight
 * can differ from the offset at the first guess on a daylight-saving day.
 * `null` for a malformed day or an unknown zone.
 */
export function startOfDayIn(day: string, timeZone: string, addDays = 0): string | null {
  const parsed = parseDay(day);
  if (!parsed) return null;
  const [year, month, date] = parsed;
  const wall = Date.UTC(year, month - 1, date + addDays);
  try {
    const guess = wall - zoneOffsetMs(wall, timeZone);
    return new Date(wall - zoneOffsetMs(guess, timeZone)).toISOString();
  } catch {
    return null;
  }
}
