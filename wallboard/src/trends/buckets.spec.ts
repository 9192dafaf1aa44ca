import { describe, expect, it } from 'vitest';
import { bucketLabels, wallTime } from './buckets';

describe('wallTime', () => {
  it('reads the local wall clock and the ISO weekday from the text, whatever the offset', () => {
    // 2026-03-08 was a Sunday; 2026-01-01 a Thursday.
    expect(wallTime('2026-03-08T03:00:00-04:00')).toEqual({ day: '2026-03-08', hour: 3, minute: 0, offset: '-04:00', weekday: 6 });
    expect(wallTime('2026-01-01T05:30:00+05:30')).toEqual({ day: '2026-01-01', hour: 5, minute: 30, offset: '+05:30', weekday: 3 });
    expect(wallTime('2026-03-09T00:00:00.000Z')?.weekday).toBe(0);
  });

  it('refuses text without an offset', () => {
    expect(wallTime('2026-03-08T03:00:00')).toBeNull();
    expect(wallTime('yesterday')).toBeNull();
  });
});

describe('bucketLabels', () => {
  it('labels the fall-back day’s repeated hour with its offsets and leaves the others plain', () => {
    const buckets = ['2026-11-01T00:00:00-04:00', '2026-11-01T01:00:00-04:00', '2026-11-01T01:00:00-05:00', '2026-11-01T02:00:00-05:00'];
    expect(bucketLabels(buckets, 'hour')).toEqual([
      '2026-11-01 00:00',
      '2026-11-01 01:00 (−04:00)',
      '2026-11-01 01:00 (−05:00)',
      '2026-11-01 02:00',
    ]);
  });

  it('writes a 15-minute bucket in a half-hour zone, a day, a week by its Monday and a month', () => {
    expect(bucketLabels(['2026-03-08T05:45:00+05:30'], '15m')).toEqual(['2026-03-08 05:45']);
    expect(bucketLabels(['2026-03-08T00:00:00-05:00'], 'day')).toEqual(['2026-03-08']);
    expect(bucketLabels(['2025-12-29T00:00:00-05:00'], 'week')).toEqual(['2025-12-29']);
    expect(bucketLabels(['2026-03-01T00:00:00-05:00', '2026-04-01T00:00:00-04:00'], 'month')).toEqual(['2026-03', '2026-04']);
  });
});
