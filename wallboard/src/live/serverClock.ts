/**
 * The server's clock as seen from the wallboard: a waiting call's wait ticks
 * up from its `offeredAt` in server time, and a wall screen's own clock may be
 * off by minutes.
 */

/**
 * Estimates server − client clock from the `asOf` of messages as they arrive.
 * Each sample is the offset less the message's time in transit, so the largest
 * recent one is the best estimate; keeping only recent ones lets a corrected
 * client clock (NTP, a laptop waking up) take effect within a minute or so.
 */
export class ServerClock {
  private readonly samples: number[] = [];

  constructor(private readonly windowSize = 30) {}

  /** A message stamped `asOf` by the server arrived at `receivedAtMs` by the client's clock. */
  sample(asOf: string, receivedAtMs: number): void {
    const serverMs = Date.parse(asOf);
    if (Number.isNaN(serverMs)) return;
    this.samples.push(serverMs - receivedAtMs);
    if (this.samples.length > this.windowSize) this.samples.shift();
  }

  /** Server − client in ms; null before the first message. */
  get offsetMs(): number | null {
    return this.samples.length === 0 ? null : Math.max(...this.samples);
  }

  reset(): void {
    this.samples.length = 0;
  }
}

/** Seconds from `sinceIso` to `serverNowMs`, fractional (never negative); null without a readable start. */
export function elapsedSince(sinceIso: string | null, serverNowMs: number): number | null {
  if (sinceIso === null) return null;
  const since = Date.parse(sinceIso);
  if (Number.isNaN(since)) return null;
  return Math.max(0, (serverNowMs - since) / 1000);
}

/** Whole seconds from `sinceIso` to `serverNowMs` (never negative); null without a start. */
export function secondsSince(sinceIso: string | null, serverNowMs: number): number | null {
  const s = elapsedSince(sinceIso, serverNowMs);
  return s === null ? null : Math.floor(s);
}
