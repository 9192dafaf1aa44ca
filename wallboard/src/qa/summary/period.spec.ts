import { describe, expect, it } from 'vitest';
import { addDays, dayIn, isDay, mondayOf, presetRange, rangeProblem } from './period';

describe('dayIn', () => {
  it('is the calendar day in the center’s zone, not in UTC', () => {
    // 16:30 UTC on Sunday 6 December is 00:30 on Monday 7 December in Shanghai (UTC+8).
    expect(dayIn(Date.parse('2026-12-06T16:30:00Z'), 'Asia/Shanghai')).toBe('2026-12-07');
    expect(dayIn(Date.parse('2026-12-06T16:30:00Z'), 'UTC')).toBe('2026-12-06');
  });
});

describe('presetRange', () => {
  it('runs weeks Monday to Sunday and months from the 1st to the last day', () => {
    // 7 December 2026 is a Monday.
    expect(presetRange('thisWeek', '2026-12-07')).toEqual({ from: '2026-12-07', to: '2026-12-13' });
    expect(presetRange('lastWeek', '2026-12-07')).toEqual({ from: '2026-11-30', to: '2026-12-06' });
    expect(presetRange('thisMonth', '2026-12-07')).toEqual({ from: '2026-12-01', to: '2026-12-31' });
    expect(presetRange('lastMonth', '2026-12-07')).toEqual({ from: '2026-11-01', to: '2026-11-30' });
  });

  it('crosses the turn of the year', () => {
    // 3 January 2026 is a Saturday: its week began on Monday 29 December 2025.
    expect(presetRange('thisWeek', '2026-01-03')).toEqual({ from: '2025-12-29', to: '2026-01-04' });
    expect(presetRange('lastMonth', '2026-01-03')).toEqual({ from: '2025-12-01', to: '2025-12-31' });
  });

  it('knows February’s length in a leap year', () => {
    expect(presetRange('lastMonth', '2028-03-15')).toEqual({ from: '2028-02-01', to: '2028-02-29' });
  });

  it('takes a Sunday into the week that began six days before', () => {
    expect(mondayOf('2026-12-13')).toBe('2026-12-07');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
  });
});

describe('rangeProblem', () => {
  it('accepts a period of real days in order, one day included', () => {
    expect(rangeProblem({ from: '2026-11-30', to: '2026-12-06' })).toBeNull();
    expect(rangeProblem({ from: '2026-12-06', to: '2026-12-06' })).toBeNull();
  });

  it('names the field and the reason otherwise', () => {
    expect(rangeProblem({ from: '', to: '2026-12-06' })).toEqual({ field: 'from', reason: 'invalid' });
    expect(rangeProblem({ from: '2026-12-01', to: '2026-02-30' })).toEqual({ field: 'to', reason: 'invalid' });
    expect(rangeProblem({ from: '2026-12-07', to: '2026-12-06' })).toEqual({ field: 'to', reason: 'order' });
  });

  it('refuses days that are not on the calendar', () => {
    expect(isDay('2026-02-29')).toBe(false);
    expect(isDay('2028-02-29')).toBe(true);
    expect(isDay('2026-1-05')).toBe(false);
  });
});
