/**
 * Display formatting for wallboard figures. Pure functions of the value and
 * the locale (and, for times, the center's time zone), so every figure reads
 * the same wherever it is shown.
 */

/** Shown where a figure has no value, e.g. a rate whose denominator is 0. */
export const NO_VALUE = '—';

const numberFormats = new Map<string, Intl.NumberFormat>();

function numberFormat(locale: string, kind: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${locale}|${kind}`;
  let format = numberFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, options);
    numberFormats.set(key, format);
  }
  return format;
}

const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * Built once per locale, zone and kind: making one costs far more than
 * formatting with it, and a wallboard formats times many times a second. An
 * unknown zone throws, as the constructor does.
 */
function dateTimeFormat(locale: string, timeZone: string, kind: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${timeZone}|${kind}`;
  let format = dateTimeFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { ...options, timeZone });
    dateTimeFormats.set(key, format);
  }
  return format;
}

function isFigure(value: number | null | undefined): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

/** A count: 12345 → "12,345" (en). */
export function formatNumber(value: number | null | undefined, locale: string): string {
  if (!isFigure(value)) return NO_VALUE;
  return numberFormat(locale, 'number', { maximumFractionDigits: 0 }).format(value);
}

/** A difference, signed, with a true minus as in the formulas: 2 → "+2", −3 → "−3", 0 → "0". */
export function formatSigned(value: number | null | undefined, locale: string): string {
  if (!isFigure(value)) return NO_VALUE;
  return numberFormat(locale, 'signed', { signDisplay: 'exceptZero', maximumFractionDigits: 0 }).format(value).replace('-', '−');
}

/**
 * A rate given as a fraction 0..1: 0.7123 → "71.2%". Always one decimal, so
 * columns keep their width and a change of 0.1 point is visible.
 */
export function formatPercent(fraction: number | null | undefined, locale: string): string {
  if (!isFigure(fraction)) return NO_VALUE;
  return numberFormat(locale, 'percent', {
    style: 'percent',
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
  }).format(fraction);
}

/** A duration in seconds, at most one decimal: 8.44 → "8.4s" (en), "8.4秒" (zh-CN). */
export function formatSeconds(seconds: number | null | undefined, locale: string): string {
  if (!isFigure(seconds)) return NO_VALUE;
  return numberFormat(locale, 'seconds', {
    style: 'unit',
    unit: 'second',
    unitDisplay: 'narrow',
    maximumFractionDigits: 1,
  }).format(seconds);
}

/**
 * The wall-clock time of an instant in the center's time zone, 24-hour:
 * "2025-03-04T02:05:09Z" in Asia/Shanghai → "10:05:09". The browser's own
 * zone is irrelevant: a supervisor abroad still sees the center's time.
 */
export function formatClock(iso: string, timeZone: string, locale: string): string {
  const instant = new Date(iso);
  if (Number.isNaN(instant.getTime())) return NO_VALUE;
  try {
    return dateTimeFormat(locale, timeZone, 'clock', {
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    }).format(instant);
  } catch {
    // An unknown time zone name: better no time than a wrong one.
    return NO_VALUE;
  }
}

/**
 * Date and time of an instant in the given time zone, in the reader's locale,
 * 24-hour: "2025-03-04T02:05:09Z" in Asia/Shanghai → "03/04/2025, 10:05" (en),
 * "2025/03/04 10:05" (zh-CN). A missing instant ("never") shows a dash.
 */
export function formatDateTime(
  iso: string | null | undefined,
  timeZone: string,
  locale: string,
  { seconds = false }: { seconds?: boolean } = {},
): string {
  if (!iso) return NO_VALUE;
  const instant = new Date(iso);
  if (Number.isNaN(instant.getTime())) return NO_VALUE;
  try {
    return dateTimeFormat(locale, timeZone, seconds ? 'dateTimeSeconds' : 'dateTime', {
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      ...(seconds ? { second: '2-digit' } : {}),
      hourCycle: 'h23',
    }).format(instant);
  } catch {
    return NO_VALUE;
  }
}

/** Waits and handle times as a clock reads them, which a wall screen takes in at a glance better than "125s". */
/** Whole seconds, rounded down (a wait shows 0:14 until it has reached 15 s): 125 → "2:05", 3725 → "1:02:05". */
export function formatDuration(seconds: number | null | undefined): string {
  if (typeof seconds !== 'number' || !Number.isFinite(seconds)) return NO_VALUE;
  const whole = Math.floor(Math.abs(seconds));
  const sign = seconds < 0 && whole > 0 ? '-' : '';
  const h = Math.floor(whole / 3600);
  const m = Math.floor((whole % 3600) / 60);
  const s = whole % 60;
  const ss = String(s).padStart(2, '0');
  return h > 0 ? `${sign}${h}:${String(m).padStart(2, '0')}:${ss}` : `${sign}${m}:${ss}`;
}
