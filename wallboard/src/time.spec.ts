import { describe, expect, it } from 'vitest';
import { startOfDayIn } from './time';

describe('startOfDayIn', () => {
  it('gives the instant local midnight starts a day in the center’s zone', () => {
    // Asia/Shanghai is UTC+8 all year: midnight on 4 March is 16:00 UTC the day before.
    expect(startOfDayIn('2025-03-04', 'Asia/Shanghai')).toBe('2025-03-03T16:00:00.000Z');
    expect(startOfDayIn('2025-03-04', 'UTC')).toBe('2025-03-04T00:00:00.000Z');
  });

  it('adds days across a month end, for an exclusive end of range', () => {
    expect(startOfDayIn('2025-02-28', 'Asia/Shanghai', 1)).toBe('2025-02-28T16:00:00.000Z'); // 1 March, 00:00 +08:00
    expect(startOfDayIn('2024-12-31', 'UTC', 1)).toBe('2025-01-01T00:00:00.000Z');
  });

  it('follows daylight-saving changes', () => {
    // New York moves to EDT at 02:00 on 9 March 2025: that midnight is still EST (−5), the next is EDT (−4).
    expect(startOfDayIn('2025-03-09', 'America/New_York')).toBe('2025-03-09T05:00:00.000Z');
    expect(startOfDayIn('2025-03-10', 'America/New_York')).toBe('2025-03-10T04:00:00.000Z');
  });

  it('refuses a malformed day or an unknown zone', () => {
    expect(startOfDayIn('4/3/2025', 'UTC')).toBeNull();
    expect(startOfDayIn('2025-03-04', 'Mars/Olympus_Mons')).toBeNull();
  });
});
