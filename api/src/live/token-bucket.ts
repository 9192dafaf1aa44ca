/**
 * A token bucket: `burst` takes at once, then `perSecond` on average. A
 * refused take costs nothing and says how long until the next would pass.
 */
export class TokenBucket {
  private tokens: number;
  private atMs: number;

  constructor(
    private readonly burst: number,
    private readonly perSecond: number,
    nowMs: number,
  ) {
    this.tokens = burst;
    this.atMs = nowMs;
  }

  take(nowMs: number): { ok: true } | { ok: false; retryAfterMs: number } {
    // A clock that steps back refills nothing.
    this.tokens = Math.min(this.burst, this.tokens + (Math.max(0, nowMs - this.atMs) * this.perSecond) / 1000);
    this.atMs = Math.max(this.atMs, nowMs);
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return { ok: true };
    }
    return { ok: false, retryAfterMs: Math.ceil(((1 - this.tokens) * 1000) / this.perSecond) };
  }
}
