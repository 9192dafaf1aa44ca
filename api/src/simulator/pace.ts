/**
 * Replays simulated events against the wall clock, for the live demo and
 * `callboard simulate`: an event is handed to the sink when its simulated
 * time, scaled by `speed`, has come. Events that fall due together go in one
 * batch; a slow sink never makes the replay drift, the next batch just holds
 * everything that fell due meanwhile.
 */
import type { CanonicalEvent } from '../events/event.schema.js';

export interface RealtimeOptions {
  /** Simulated milliseconds per wall-clock millisecond (60 = an hour a minute); Infinity = as fast as the sink takes them. Default 1. */
  speed?: number;
  /** Stops the replay between batches and cuts a wait short. */
  signal?: AbortSignal;
  /** The simulated instant that corresponds to the start of the replay; default the first event's time. */
  startMs?: number;
  /** Largest batch handed to the sink; default 5,000, the ingest API's limit per request. */
  maxBatch?: number;
  nowMs?: () => number;
  /** Waits about `ms`, or less when the signal aborts. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

export interface RealtimeResult {
  events: number;
  batches: number;
  aborted: boolean;
}

/** Longest single timer, so a distant event is awaited in steps (setTimeout overflows past 2^31 − 1 ms). */
const MAX_SLEEP_MS = 2 ** 31 - 1;

export async function runRealtime(
  events: Iterable<CanonicalEvent>,
  sink: (batch: CanonicalEvent[]) => Promise<void>,
  opts: RealtimeOptions = {},
): Promise<RealtimeResult> {
  const { speed = 1, signal, maxBatch = 5000, nowMs = Date.now, sleep = abortableSleep } = opts;
  if (!(speed > 0)) throw new RangeError(`speed must be > 0, got ${speed}`);
  if (!Number.isInteger(maxBatch) || maxBatch < 1) throw new RangeError(`maxBatch must be a whole number ≥ 1, got ${maxBatch}`);

  const result: RealtimeResult = { events: 0, batches: 0, aborted: false };
  const it = events[Symbol.iterator]();
  try {
    let next = it.next();
    if (next.done) return result;
    const simStart = opts.startMs ?? Date.parse(next.value.ts);
    const wallStart = nowMs();
    const dueAt = (e: CanonicalEvent) => (speed === Infinity ? wallStart : wallStart + (Date.parse(e.ts) - simStart) / speed);

    while (!next.done) {
      if (signal?.aborted) {
        result.aborted = true;
        return result;
      }
      const wait = dueAt(next.value) - nowMs();
      if (wait > 0) {
        await sleep(Math.min(wait, MAX_SLEEP_MS), signal);
        continue;
      }
      const cutoff = nowMs();
      const batch: CanonicalEvent[] = [];
      while (!next.done && batch.length < maxBatch && dueAt(next.value) <= cutoff) {
        batch.push(next.value);
        next = it.next();
      }
      await sink(batch);
      result.events += batch.length;
      result.batches++;
    }
    return result;
  } finally {
    it.return?.();
  }
}

function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}
