/**
 * SPEC §3 "longest wait now": now − the earliest `offered_at` among waiting
 * calls. The snapshot states it as of `asOf`; a tile ticks it forward every
 * second from `oldestOfferedAt`, on the server's clock.
 */
import type { LiveQueue } from '@callboard/api/wire';
import { elapsedSince } from '../live/serverClock';

/**
 * Seconds the oldest waiting call has waited at `nowMs` (this browser's
 * clock), or null when nothing waits. `serverOffsetMs` is how far the server's
 * clock is ahead of this one (server − client, e.g. from `asOf` against the time
 * the snapshot arrived), so a kiosk with a wrong clock still ticks true. Never
 * negative: a call offered "in the future" of a lagging estimate waits 0 s.
 */
export function longestWaitNow(queue: Pick<LiveQueue, 'oldestOfferedAt'>, nowMs: number, serverOffsetMs = 0): number | null {
  return elapsedSince(queue.oldestOfferedAt, nowMs + serverOffsetMs);
}

export function longestWaitNowOf(queues: readonly Pick<LiveQueue, 'oldestOfferedAt'>[], nowMs: number, serverOffsetMs = 0): number | null {
  let longest: number | null = null;
  for (const queue of queues) {
    const wait = longestWaitNow(queue, nowMs, serverOffsetMs);
    if (wait !== null && (longest === null || wait > longest)) longest = wait;
  }
  return longest;
}
