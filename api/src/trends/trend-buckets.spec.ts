/** Local buckets worked out by hand from the zones' rules (America/New_York, Asia/Kolkata). */
import { describe, expect, it } from 'vitest';
import { assign, bucketsOf, comparedRange, daysIn, rangeInstants, repeatedDays } from './trend-buckets.js';

const NY = 'America/New_York';
const labels = (...args: Parameters<typeof bucketsOf>) => bucketsOf(...args).map((b) => b.label);

describe('bucketsOf', () => {
  it('gives the 23 hours of the spring-forward day, 02:00 skipped', () => {
    const hours = labels({ from: '2026-03-08', to: '2026-03-08' }, 'hour', NY);
    expect(hours).toHaveLength(23);
    expect(hours.slice(0, 4)).toEqual([
      '2026-03-08T00:00:00-05:00',
      '2026-03-08T01:00:00-05:00',
      '2026-03-08T03:00:00-04:00',
      '2026-03-08T04:00:00-04:00',
    ]);
    expect(hours.at(-1)).toBe('2026-03-08T23:00:00-04:00');
  });

  it('gives the 25 hours of the fall-back day, 01:00 twice with its two offsets', () => {
    const hours = labels({ from: '2026-11-01', to: '2026-11-01' }, 'hour', NY);
    expect(hours).toHaveLength(25);
    expect(hours.slice(0, 4)).toEqual([
      '2026-11-01T00:00:00-04:00',
      '2026-11-01T01:00:00-04:00',
      '2026-11-01T01:00:00-05:00',
      '2026-11-01T02:00:00-05:00',
    ]);
    // 25 hours of four quarters each
    expect(bucketsOf({ from: '2026-11-01', to: '2026-11-01' }, '15m', NY)).toHaveLength(100);
  });

  it('starts Kolkata hours at half past the UTC hour', () => {
    const b = bucketsOf({ from: '2026-06-15', to: '2026-06-15' }, 'hour', 'Asia/Kolkata');
    expect(b).toHaveLength(24);
    expect(b[10]!.label).toBe('2026-06-15T10:00:00+05:30');
    expect(new Date(b[10]!.startMs).toISOString()).toBe('2026-06-15T04:30:00.000Z');
  });

  it('counts every hour of 13 months: 24 a day, one more on each fall-back day, one fewer on the spring-forward day', () => {
    // 2025-11-01 … 2026-11-30: 395 days; fall-backs 2025-11-02 and 2026-11-01, spring-forward 2026-03-08.
    const hours = bucketsOf({ from: '2025-11-01', to: '2026-11-30' }, 'hour', NY);
    expect(hours).toHaveLength(395 * 24 + 1);
    expect(hours.at(-1)!.label).toBe('2026-11-30T23:00:00-05:00');
    expect(labels({ from: '2026-01-01', to: '2026-01-01' }, 'day', 'UTC')).toEqual(['2026-01-01T00:00:00+00:00']);
  });

  it('starts weeks on Monday, across a year boundary, and months at local midnight', () => {
    expect(labels({ from: '2025-12-24', to: '2026-01-05' }, 'week', NY)).toEqual([
      '2025-12-22T00:00:00-05:00',
      '2025-12-29T00:00:00-05:00',
      '2026-01-05T00:00:00-05:00',
    ]);
    expect(labels({ from: '2026-02-15', to: '2026-04-01' }, 'month', NY)).toEqual([
      '2026-02-01T00:00:00-05:00',
      '2026-03-01T00:00:00-05:00',
      '2026-04-01T00:00:00-04:00',
    ]);
  });
});

describe('ranges', () => {
  it('counts days both included and covers local midnights', () => {
    expect(daysIn({ from: '2026-03-01', to: '2026-03-31' })).toBe(31);
    const r = rangeInstants({ from: '2026-03-08', to: '2026-03-08' }, NY);
    expect(r.start.toISOString()).toBe('2026-03-08T05:00:00.000Z');
    expect(r.end.toISOString()).toBe('2026-03-09T04:00:00.000Z');
  });

  it('compares with the days right before, or the same days a year earlier (29 February → 28 February)', () => {
    expect(comparedRange({ from: '2026-03-01', to: '2026-03-10' }, 'previous')).toEqual({ from: '2026-02-19', to: '2026-02-28' });
    expect(comparedRange({ from: '2024-02-29', to: '2024-03-01' }, 'last_year')).toEqual({ from: '2023-02-28', to: '2023-03-01' });
  });

  it('finds the days whose local times repeat', () => {
    expect(repeatedDays({ from: '2025-10-01', to: '2026-11-30' }, NY)).toEqual([
      { from: '2025-11-02', to: '2025-11-02' },
      { from: '2026-11-01', to: '2026-11-01' },
    ]);
    expect(repeatedDays({ from: '2026-03-08', to: '2026-03-08' }, NY)).toEqual([]);
    expect(repeatedDays({ from: '2026-01-01', to: '2026-12-31' }, 'Asia/Kolkata')).toEqual([]);
  });
});

describe('assign', () => {
  it('puts each instant in the last bucket starting at or before it', () => {
    const b = bucketsOf({ from: '2026-11-01', to: '2026-11-01' }, 'hour', NY);
    const at = (iso: string) => ({ at: new Date(iso) });
    const out = assign(b, [at('2026-11-01T05:10:00Z'), at('2026-11-01T06:20:00Z'), at('2026-11-01T06:59:59Z'), at('2026-11-02T04:50:00Z')]);
    expect(out[1]).toEqual([at('2026-11-01T05:10:00Z')]); // 01:10 EDT
    expect(out[2]).toEqual([at('2026-11-01T06:20:00Z'), at('2026-11-01T06:59:59Z')]); // 01:20 and 01:59 EST
    expect(out[24]).toEqual([at('2026-11-02T04:50:00Z')]); // 23:50 EST
    expect(out.flat()).toHaveLength(4);
  });
});
