import { describe, expect, it } from 'vitest';
import { longestWaitNow, longestWaitNowOf } from './longestWait';

// 10:00:00 in Shanghai is 02:00:00 UTC.
const offeredAt = '2025-03-04T10:00:00.000+08:00';
const at = (iso: string) => Date.parse(iso);

describe('longestWaitNow', () => {
  it('ticks from the oldest waiting call’s offer', () => {
    expect(longestWaitNow({ oldestOfferedAt: offeredAt }, at('2025-03-04T02:00:42.500Z'))).toBe(42.5);
    expect(longestWaitNow({ oldestOfferedAt: offeredAt }, at('2025-03-04T02:01:00.000Z'))).toBe(60);
  });

  it('reads the server’s clock: this browser 1.5 s behind adds 1.5 s', () => {
    expect(longestWaitNow({ oldestOfferedAt: offeredAt }, at('2025-03-04T02:00:42.500Z'), 1500)).toBe(44);
  });

  it('is null when nothing waits', () => {
    expect(longestWaitNow({ oldestOfferedAt: null }, at('2025-03-04T02:00:42.500Z'))).toBeNull();
    expect(longestWaitNow({ oldestOfferedAt: 'not a time' }, 0)).toBeNull();
  });

  it('never goes negative when the clock estimate lags the offer', () => {
    expect(longestWaitNow({ oldestOfferedAt: offeredAt }, at('2025-03-04T01:59:59.000Z'))).toBe(0);
  });
});

describe('longestWaitNowOf', () => {
  it('is the oldest wait of any queue', () => {
    const now = at('2025-03-04T02:00:30.000Z');
    const queues = [{ oldestOfferedAt: null }, { oldestOfferedAt: '2025-03-04T10:00:20.000+08:00' }, { oldestOfferedAt: offeredAt }];
    expect(longestWaitNowOf(queues, now)).toBe(30);
    expect(longestWaitNowOf([{ oldestOfferedAt: null }], now)).toBeNull();
  });
});
