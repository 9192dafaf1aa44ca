/**
 * The periods the QA summary offers, as calendar days (YYYY-MM-DD) in the
 * center's zone: weeks run Monday to Sunday, months from the 1st to the last
 * day. Pure: "today" is passed in.
 */

export const PERIOD_PRESETS = ['thisWeek', 'lastWeek', 'thisMonth', 'lastMonth', 'custom'] as const;
export type PeriodPreset = (typeof PERIOD_PRESETS)[number];

export interface DayRange {
  from: string;
  to: string;
}

const dayFormats = new Map<string, Intl.DateTimeFormat>();

/** The calendar day of `instantMs` in `timeZone`. */
export function dayIn(instantMs: number, timeZone: string): string {
  let format = dayFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dayFormats.set(timeZone, format);
  }
  const parts = format.formatToParts(new Date(instantMs));
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar day written YYYY-MM-DD (not 2026-02-30). */
export function isDay(text: string): boolean {
  const match = DAY.exec(text);
  if (!match) return false;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return date.toISOString().slice(0, 10) === text;
}

/** Midnight UTC of `day`: a date to do calendar arithmetic on. */
export function utcDate(day: string): Date {
  return new Date(`${day}T00:00:00Z`);
}

const ymd = (date: Date) => date.toISOString().slice(0, 10);

/** `day` moved by `days` calendar days. */
export function addDays(day: string, days: number): string {
  const date = utcDate(day);
  date.setUTCDate(date.getUTCDate() + days);
  return ymd(date);
}

/** The Monday starting the week of `day`. */
export function mondayOf(day: string): string {
  const weekday = utcDate(day).getUTCDay(); // 0 Sunday … 6 Saturday
  return addDays(day, -((weekday + 6) % 7));
}

/** The days of a month (`monthIndex` may run past either end of the year). */
export function monthRange(year: number, monthIndex: number): DayRange {
  return { from: ymd(new Date(Date.UTC(year, monthIndex, 1))), to: ymd(new Date(Date.UTC(year, monthIndex + 1, 0))) };
}

/** The days of a preset period around `today` (a custom period has none of its own). */
export function presetRange(preset: Exclude<PeriodPreset, 'custom'>, today: string): DayRange {
  const monday = mondayOf(today);
  const date = utcDate(today);
  switch (preset) {
    case 'thisWeek':
      return { from: monday, to: addDays(monday, 6) };
    case 'lastWeek':
      return { from: addDays(monday, -7), to: addDays(monday, -1) };
    case 'thisMonth':
      return monthRange(date.getUTCFullYear(), date.getUTCMonth());
    case 'lastMonth':
      return monthRange(date.getUTCFullYear(), date.getUTCMonth() - 1);
  }
}

export type RangeProblem = { field: 'from' | 'to'; reason: 'invalid' | 'order' };

/** What is wrong with a custom period, naming the field; null when it can be asked for. */
export function rangeProblem(range: DayRange): RangeProblem | null {
  if (!isDay(range.from)) return { field: 'from', reason: 'invalid' };
  if (!isDay(range.to)) return { field: 'to', reason: 'invalid' };
  if (range.to < range.from) return { field: 'to', reason: 'order' };
  return null;
}
