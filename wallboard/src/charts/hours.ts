/**
 * The hour-of-day axis shared by the hourly charts. Today's hours (midnight to
 * now) and last week's (the whole day) are lined up by their wall-clock label
 * in the center's time zone, not by position or instant: on a daylight-saving
 * day one of them has 23 or 25 hours.
 *
 * A label that occurs twice in one day (the repeated hour when clocks go back)
 * becomes two slots, "01:00" then its second occurrence, each shown with the
 * zone's abbreviation ("01:00 EDT", "01:00 EST"). The hour skipped when clocks
 * go forward is an empty slot on the day that lacks it. The axis always covers
 * 00:00–23:00, so a day's shape reads the same at 09:00 as at 21:00.
 */

export interface HourSlot {
  /** `HH:mm#n`: the wall-clock label and which occurrence of it in the day (0, or 1 for the repeated hour). */
  key: string;
  /** Shown on the axis and in tooltips. */
  label: string;
}

interface LocalHour {
  label: string;
  zone: string;
}

const labelFormats = new Map<string, Intl.DateTimeFormat>();
const zoneFormats = new Map<string, Intl.DateTimeFormat>();

function cached(cache: Map<string, Intl.DateTimeFormat>, key: string, make: () => Intl.DateTimeFormat) {
  let format = cache.get(key);
  if (!format) {
    format = make();
    cache.set(key, format);
  }
  return format;
}

/**
 * Wall-clock "HH:mm" of an instant in `timeZone`, and the zone's short name
 * then. An unknown zone name falls back to the offset the server wrote into the
 * ISO string (it writes the center's): a chart with right labels and a plain
 * offset beats no chart.
 */
export function localHour(iso: string, timeZone: string, locale: string): LocalHour | null {
  const instant = Date.parse(iso);
  if (Number.isNaN(instant)) return null;
  try {
    const parts = cached(
      labelFormats,
      timeZone,
      () => new Intl.DateTimeFormat('en-US', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }),
    ).formatToParts(instant);
    const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '00';
    const zoneParts = cached(
      zoneFormats,
      `${locale}|${timeZone}`,
      () => new Intl.DateTimeFormat(locale, { timeZone, timeZoneName: 'short' }),
    ).formatToParts(instant);
    return { label: `${part('hour')}:${part('minute')}`, zone: zoneParts.find((p) => p.type === 'timeZoneName')?.value ?? '' };
  } catch {
    const match = /T(\d{2}):(\d{2})(?::[\d.]+)?(Z|[+-]\d{2}:?\d{2})$/.exec(iso);
    if (!match) return null;
    return { label: `${match[1]}:${match[2]}`, zone: match[3] === 'Z' ? 'UTC' : `UTC${match[3]}` };
  }
}

export interface KeyedHour<T> extends HourSlot {
  zone: string;
  item: T;
}

/**
 * One day's hours keyed for alignment: the n-th occurrence of a label gets
 * `label#n`. Hours whose start cannot be read are left out.
 */
export function keyHours<T extends { hour: string }>(hours: readonly T[], timeZone: string, locale: string): KeyedHour<T>[] {
  const seen = new Map<string, number>();
  const out: KeyedHour<T>[] = [];
  for (const item of hours) {
    const local = localHour(item.hour, timeZone, locale);
    if (!local) continue;
    const n = seen.get(local.label) ?? 0;
    seen.set(local.label, n + 1);
    out.push({ key: `${local.label}#${n}`, label: local.label, zone: local.zone, item });
  }
  return out;
}

const BASE_LABELS = Array.from({ length: 24 }, (_, h) => `${String(h).padStart(2, '0')}:00`);

/**
 * The slots for the given days (each the list of its hours), in
 * wall-clock order: 00:00–23:00 and any label or repeat the days bring. The
 * zone name comes from the first day listed that has the slot.
 */
export function hourAxis(days: readonly (readonly { hour: string }[])[], timeZone: string, locale: string): HourSlot[] {
  const occurrences = new Map<string, number>(BASE_LABELS.map((label) => [label, 1]));
  const zones = new Map<string, string>();
  for (const day of days) {
    for (const slot of keyHours(day, timeZone, locale)) {
      const n = Number(slot.key.slice(slot.key.indexOf('#') + 1)) + 1;
      occurrences.set(slot.label, Math.max(occurrences.get(slot.label) ?? 0, n));
      if (!zones.has(slot.key)) zones.set(slot.key, slot.zone);
    }
  }
  const labels = [...occurrences.keys()].sort();
  return labels.flatMap((label) => {
    const count = occurrences.get(label)!;
    return Array.from({ length: count }, (_, n) => {
      const key = `${label}#${n}`;
      const zone = zones.get(key);
      return { key, label: count > 1 && zone ? `${label} ${zone}` : label };
    });
  });
}
