import { describe, expect, it } from 'vitest';
import { callsPerHourAt, DAY_FACTOR, DEFAULT_CALL_TYPES, DEFAULT_QUEUES, PEAK_CALLS_PER_HOUR, WEEKDAY_CALLS_PER_HOUR } from './traffic.js';

describe('callsPerHourAt', () => {
  it('equals the table at the middle of each hour, scaled by the day', () => {
    WEEKDAY_CALLS_PER_HOUR.forEach((v, h) => {
      expect(callsPerHourAt(h * 60 + 30, 3)).toBeCloseTo(v, 9);
      expect(callsPerHourAt(h * 60 + 30, 6)).toBeCloseTo(v * DAY_FACTOR[6]!, 9);
    });
  });

  it('has no step at the full hour: 10:00 is halfway between the 09:30 and 10:30 rates', () => {
    const [r930, r1030] = [WEEKDAY_CALLS_PER_HOUR[9]!, WEEKDAY_CALLS_PER_HOUR[10]!];
    expect(callsPerHourAt(600, 3)).toBeCloseTo((r930 + r1030) / 2, 9);
    expect(callsPerHourAt(0, 3)).toBeCloseTo((WEEKDAY_CALLS_PER_HOUR[23]! + WEEKDAY_CALLS_PER_HOUR[0]!) / 2, 9);
  });

  it('integrates over a day to the sum of the table', () => {
    let calls = 0;
    for (let m = 0; m < 1440; m++) calls += callsPerHourAt(m + 0.5, 2) / 60;
    const sum = WEEKDAY_CALLS_PER_HOUR.reduce((s, v) => s + v, 0);
    expect(calls).toBeCloseTo(sum, 6);
  });

  it('never exceeds the thinning envelope', () => {
    for (let day = 1; day <= 7; day++) {
      for (let m = 0; m < 1440; m += 7) expect(callsPerHourAt(m, day)).toBeLessThanOrEqual(PEAK_CALLS_PER_HOUR);
    }
  });
});

describe('default queues and call types', () => {
  it('mix only call types that exist, with shares summing to 1', () => {
    const types = new Set(DEFAULT_CALL_TYPES.map((t) => t.name));
    for (const q of DEFAULT_QUEUES) for (const t of Object.keys(q.callTypes)) expect(types).toContain(t);
    expect(DEFAULT_QUEUES.reduce((s, q) => s + q.share, 0)).toBeCloseTo(1, 9);
  });

  it('make complaints the longest calls and billing the shortest', () => {
    const mean = (name: string) => DEFAULT_CALL_TYPES.find((t) => t.name === name)!.talkMeanS;
    expect([mean('billing'), mean('sales'), mean('tech_support'), mean('complaint')]).toEqual([240, 300, 420, 540]);
  });
});
