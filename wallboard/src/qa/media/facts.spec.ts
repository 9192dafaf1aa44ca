import { describe, expect, it } from 'vitest';
import { callOutcome, localDay, sameDayAsOffer, waitSeconds } from './facts';

const call = {
  offeredAt: '2026-03-02T10:00:00.000+08:00',
  answeredAt: '2026-03-02T02:00:42.500Z',
  endedAt: '2026-03-02T10:05:00.000+08:00',
  transferred: false,
};

describe('waitSeconds', () => {
  it('is the time from offer to answer, across time zone notations', () => {
    // 10:00:00 +08:00 is 02:00:00Z; answered 02:00:42.5Z → 42.5 s
    expect(waitSeconds(call)).toBe(42.5);
  });

  it('is unknown for a call never answered, or an answer before the offer', () => {
    expect(waitSeconds({ ...call, answeredAt: null })).toBeNull();
    expect(waitSeconds({ ...call, answeredAt: '2026-03-02T01:59:00Z' })).toBeNull();
  });
});

describe('callOutcome', () => {
  it('is transferred over answered, and unanswered without an answer', () => {
    expect(callOutcome(call)).toBe('answered');
    expect(callOutcome({ ...call, transferred: true })).toBe('transferred');
    expect(callOutcome({ ...call, answeredAt: null })).toBe('unanswered');
  });
});

describe('sameDayAsOffer', () => {
  it('compares calendar days in the center’s zone, not in UTC', () => {
    // Offered 23:59:00 on 1 March in Shanghai (15:59Z), answered 00:00:30 on 2 March there (16:00:30Z):
    // the same UTC day, not the same day in the center.
    const late = { offeredAt: '2026-03-01T15:59:00Z', answeredAt: '2026-03-01T16:00:30Z', endedAt: null, transferred: false };
    expect(sameDayAsOffer(late, late.answeredAt, 'Asia/Shanghai')).toBe(false);
    expect(sameDayAsOffer(late, late.answeredAt, 'UTC')).toBe(true);
    expect(localDay(late.answeredAt, 'Asia/Shanghai')).toBe('2026-03-02');
    expect(sameDayAsOffer(late, null, 'UTC')).toBe(false);
    expect(localDay('not a time', 'UTC')).toBeNull();
  });
});
