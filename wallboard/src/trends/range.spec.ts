import { describe, expect, it } from 'vitest';
import { allowedGranularities, dayIn, daysIn, defaultGranularity, fitGranularity, presetRange, rangeProblem } from './range';

const NEW_YORK = 'America/New_York';

describe('today in the center’s zone', () => {
  it('is the local day, on both sides of midnight, across the spring-forward night', () => {
    // 2026-03-08 04:30Z is 23:30 EST on the 7th; 05:30Z is 00:30 EST on the 8th (the clocks go forward at 02:00).
    expect(dayIn(Date.parse('2026-03-08T04:30:00Z'), NEW_YORK)).toBe('2026-03-07');
    expect(dayIn(Date.parse('2026-03-08T05:30:00Z'), NEW_YORK)).toBe('2026-03-08');
    // After the change the offset is −04:00: 03:59Z on the 9th is still 23:59 on the 8th.
    expect(dayIn(Date.parse('2026-03-09T03:59:00Z'), NEW_YORK)).toBe('2026-03-08');
    expect(dayIn(Date.parse('2026-03-09T04:00:00Z'), NEW_YORK)).toBe('2026-03-09');
  });

  it('follows a half-hour zone: 18:29Z is 23:59 in Kolkata, 18:30Z the next day', () => {
    expect(dayIn(Date.parse('2026-03-31T18:29:00Z'), 'Asia/Kolkata')).toBe('2026-03-31');
    expect(dayIn(Date.parse('2026-03-31T18:30:00Z'), 'Asia/Kolkata')).toBe('2026-04-01');
  });
});

describe('presetRange', () => {
  // The DST day itself, a Sunday.
  const today = '2026-03-08';

  it('today and yesterday are single days', () => {
    expect(presetRange('today', today)).toEqual({ from: '2026-03-08', to: '2026-03-08' });
    expect(presetRange('yesterday', today)).toEqual({ from: '2026-03-07', to: '2026-03-07' });
    expect(presetRange('yesterday', '2026-01-01')).toEqual({ from: '2025-12-31', to: '2025-12-31' });
  });

  it('the last 7 days end today', () => {
    expect(presetRange('last7Days', today)).toEqual({ from: '2026-03-02', to: '2026-03-08' });
    expect(presetRange('last7Days', '2026-03-03')).toEqual({ from: '2026-02-25', to: '2026-03-03' });
  });

  it('this month runs from the 1st to today, last month over its whole days (28 in February 2026)', () => {
    expect(presetRange('thisMonth', today)).toEqual({ from: '2026-03-01', to: '2026-03-08' });
    expect(presetRange('lastMonth', today)).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(presetRange('lastMonth', '2026-01-15')).toEqual({ from: '2025-12-01', to: '2025-12-31' });
  });

  it('the last 13 months start on the 1st of the month a year before this one', () => {
    expect(presetRange('last13Months', today)).toEqual({ from: '2025-03-01', to: '2026-03-08' });
    expect(presetRange('last13Months', '2026-12-07')).toEqual({ from: '2025-12-01', to: '2026-12-07' });
  });
});

describe('granularities', () => {
  it('counts the days of a range, both ends included', () => {
    expect(daysIn({ from: '2026-03-08', to: '2026-03-08' })).toBe(1);
    expect(daysIn({ from: '2026-03-01', to: '2026-03-31' })).toBe(31);
    expect(daysIn({ from: '2025-03-01', to: '2026-03-08' })).toBe(373);
  });

  it('offers 15 minutes up to 31 days, hours up to 92, weeks from 8 days and months from 32', () => {
    expect(allowedGranularities({ from: '2026-03-08', to: '2026-03-08' })).toEqual(['15m', 'hour', 'day']);
    expect(allowedGranularities({ from: '2026-03-01', to: '2026-03-31' })).toEqual(['15m', 'hour', 'day', 'week']);
    expect(allowedGranularities({ from: '2026-03-01', to: '2026-04-01' })).toEqual(['hour', 'day', 'week', 'month']);
    expect(allowedGranularities({ from: '2025-03-01', to: '2026-03-08' })).toEqual(['day', 'week', 'month']);
  });

  it('opens a few days by hour, up to a quarter by day, longer by month', () => {
    expect(defaultGranularity({ from: '2026-03-02', to: '2026-03-08' })).toBe('hour');
    expect(defaultGranularity({ from: '2026-02-01', to: '2026-02-28' })).toBe('day');
    expect(defaultGranularity({ from: '2025-03-01', to: '2026-03-08' })).toBe('month');
  });

  it('keeps a granularity the range allows and replaces one it does not', () => {
    expect(fitGranularity('15m', { from: '2026-03-01', to: '2026-03-31' })).toBe('15m');
    expect(fitGranularity('15m', { from: '2025-03-01', to: '2026-03-08' })).toBe('month');
    expect(fitGranularity(undefined, { from: '2026-03-08', to: '2026-03-08' })).toBe('hour');
  });
});

describe('rangeProblem', () => {
  it('names the field at fault', () => {
    expect(rangeProblem({ from: '2026-02-30', to: '2026-03-01' })).toEqual({ field: 'from', reason: 'invalid' });
    expect(rangeProblem({ from: '2026-03-01', to: '' })).toEqual({ field: 'to', reason: 'invalid' });
    expect(rangeProblem({ from: '2026-03-02', to: '2026-03-01' })).toEqual({ field: 'to', reason: 'order' });
    expect(rangeProblem({ from: '2026-03-01', to: '2026-03-01' })).toBeNull();
  });
});
