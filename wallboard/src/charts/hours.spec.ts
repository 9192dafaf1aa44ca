import { describe, expect, it } from 'vitest';
import { hourAxis, keyHours, localHour } from './hours';

/** Consecutive UTC hours from `startIso`, as the server lists a day's hours. */
const hoursFrom = (startIso: string, count: number) =>
  Array.from({ length: count }, (_, i) => ({ hour: new Date(Date.parse(startIso) + i * 3_600_000).toISOString() }));

const labels = (slots: { label: string }[]) => slots.map((s) => s.label);
const DAY = Array.from({ length: 24 }, (_, h) => `${String(h).padStart(2, '0')}:00`);

describe('localHour', () => {
  it('labels an hour in the center’s zone, whatever offset the instant is written with', () => {
    expect(localHour('2025-03-04T09:00:00+08:00', 'Asia/Shanghai', 'en')?.label).toBe('09:00');
    expect(localHour('2025-03-04T01:00:00.000Z', 'Asia/Shanghai', 'en')?.label).toBe('09:00');
    expect(localHour('2025-03-03T16:00:00.000Z', 'Asia/Shanghai', 'en')?.label).toBe('00:00');
  });

  it('falls back to the offset in the string for an unknown zone name', () => {
    expect(localHour('2025-03-04T09:00:00+08:00', 'Mars/Olympus', 'en')).toEqual({ label: '09:00', zone: 'UTC+08:00' });
  });

  it('skips what is not a time', () => {
    expect(localHour('yesterday', 'Asia/Shanghai', 'en')).toBeNull();
  });
});

describe('hourAxis', () => {
  it('covers the whole day even when today has only reached 09:00', () => {
    const today = hoursFrom('2025-03-03T16:00:00Z', 10); // Shanghai 00:00–09:00
    expect(labels(hourAxis([today], 'Asia/Shanghai', 'en'))).toEqual(DAY);
  });

  it('gives the hour repeated when clocks go back two slots, named by zone', () => {
    // New York, Sunday 2 November 2025: 01:00 EDT, then 01:00 EST; 25 hours from 04:00Z.
    const fallBack = hoursFrom('2025-11-02T04:00:00Z', 25);
    const axis = hourAxis([fallBack], 'America/New_York', 'en');
    expect(axis).toHaveLength(25);
    expect(axis.slice(0, 4)).toEqual([
      { key: '00:00#0', label: '00:00' },
      { key: '01:00#0', label: '01:00 EDT' },
      { key: '01:00#1', label: '01:00 EST' },
      { key: '02:00#0', label: '02:00' },
    ]);
    expect(axis[24]).toEqual({ key: '23:00#0', label: '23:00' });
  });

  it('keeps a slot for the hour skipped when clocks go forward', () => {
    // New York, Sunday 9 March 2025: 01:00 EST is followed by 03:00 EDT; 23 hours from 05:00Z.
    const springForward = hoursFrom('2025-03-09T05:00:00Z', 23);
    expect(
      keyHours(springForward, 'America/New_York', 'en')
        .map((h) => h.label)
        .slice(0, 3),
    ).toEqual(['00:00', '01:00', '03:00']);
    expect(labels(hourAxis([springForward], 'America/New_York', 'en'))).toEqual(DAY);
  });

  it('merges a 25-hour day with an ordinary one by label', () => {
    const lastWeek = hoursFrom('2025-10-26T04:00:00Z', 24); // all EDT
    const today = hoursFrom('2025-11-02T04:00:00Z', 3); // 00:00 EDT, 01:00 EDT, 01:00 EST
    const axis = hourAxis([today, lastWeek], 'America/New_York', 'en');
    expect(axis).toHaveLength(25);
    expect(axis[2]?.key).toBe('01:00#1');
  });
});

describe('keyHours', () => {
  it('numbers the occurrences of a label within one day', () => {
    const keys = keyHours(hoursFrom('2025-11-02T04:00:00Z', 4), 'America/New_York', 'en').map((h) => h.key);
    expect(keys).toEqual(['00:00#0', '01:00#0', '01:00#1', '02:00#0']);
  });
});
