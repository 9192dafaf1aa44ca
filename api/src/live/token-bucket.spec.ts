import { describe, expect, it } from 'vitest';
import { TokenBucket } from './token-bucket.js';

const T0 = 1_000_000;

describe('TokenBucket', () => {
  it('passes a burst of 5, then refuses, saying when the next passes', () => {
    const b = new TokenBucket(5, 1, T0);
    expect(Array.from({ length: 5 }, () => b.take(T0).ok)).toEqual([true, true, true, true, true]);
    expect(b.take(T0)).toEqual({ ok: false, retryAfterMs: 1000 });
    // 400 ms later 0.4 of a token has come back: 600 ms to go.
    expect(b.take(T0 + 400)).toEqual({ ok: false, retryAfterMs: 600 });
    expect(b.take(T0 + 1000)).toEqual({ ok: true });
    expect(b.take(T0 + 1000).ok).toBe(false);
  });

  it('refills one per second up to the burst, never beyond', () => {
    const b = new TokenBucket(5, 1, T0);
    for (let i = 0; i < 5; i++) b.take(T0);
    // 3.5 s: 3 whole tokens.
    expect(Array.from({ length: 4 }, () => b.take(T0 + 3500).ok)).toEqual([true, true, true, false]);
    // An hour idle holds 5, not 3600.
    const later = T0 + 3_600_000;
    expect(Array.from({ length: 6 }, () => b.take(later).ok)).toEqual([true, true, true, true, true, false]);
  });

  it('refills nothing when the clock steps back', () => {
    const b = new TokenBucket(1, 1, T0);
    expect(b.take(T0).ok).toBe(true);
    expect(b.take(T0 - 5000)).toEqual({ ok: false, retryAfterMs: 1000 });
    expect(b.take(T0 + 1000).ok).toBe(true);
  });
});
