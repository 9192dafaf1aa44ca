import { describe, expect, it } from 'vitest';
import type { CanonicalEvent } from '../events/event.schema.js';
import { runRealtime } from './pace.js';

const T0 = Date.parse('2026-03-04T02:00:00.000Z');
const event = (n: number, atMs: number): CanonicalEvent => ({
  id: `e${n}`,
  type: 'call.abandoned',
  ts: new Date(T0 + atMs).toISOString(),
  source: 'simulator',
  payload: { callId: `c${n}` },
});

/** A wall clock that only moves when the replay sleeps or the sink says it took time. */
function fakeClock(start = 1_000_000) {
  const clock = {
    now: start,
    sleeps: [] as number[],
    nowMs: () => clock.now,
    sleep: async (ms: number) => {
      clock.sleeps.push(ms);
      clock.now += ms;
    },
  };
  return clock;
}

describe('runRealtime', () => {
  it('hands events over when their scaled time comes, batching those due together', async () => {
    const clock = fakeClock();
    const events = [event(0, 0), event(1, 0), event(2, 1000), event(3, 1500), event(4, 5000)];
    const batches: { at: number; ids: string[] }[] = [];
    const result = await runRealtime(events, async (b) => void batches.push({ at: clock.now - 1_000_000, ids: b.map((e) => e.id) }), {
      speed: 2,
      nowMs: clock.nowMs,
      sleep: clock.sleep,
    });
    // At speed 2 simulated 1000, 1500 and 5000 ms fall due 500, 750 and 2500 ms into the replay.
    expect(batches).toEqual([
      { at: 0, ids: ['e0', 'e1'] },
      { at: 500, ids: ['e2'] },
      { at: 750, ids: ['e3'] },
      { at: 2500, ids: ['e4'] },
    ]);
    expect(clock.sleeps).toEqual([500, 250, 1750]);
    expect(result).toEqual({ events: 5, batches: 4, aborted: false });
  });

  it('catches up after a slow sink with one bigger batch instead of drifting', async () => {
    const clock = fakeClock();
    const events = [event(0, 0), event(1, 100), event(2, 200), event(3, 300), event(4, 2000)];
    const batches: string[][] = [];
    await runRealtime(
      events,
      async (b) => {
        batches.push(b.map((e) => e.id));
        clock.now += 350; // the sink takes 350 ms
      },
      { nowMs: clock.nowMs, sleep: clock.sleep },
    );
    // e0 is sent at 0 and the sink returns at 350: e1–e3 (due 100–300) are overdue and go together.
    expect(batches).toEqual([['e0'], ['e1', 'e2', 'e3'], ['e4']]);
    // Returned at 700; e4 is due at 2000.
    expect(clock.sleeps).toEqual([1300]);
  });

  it('maps startMs, not the first event, to the start of the replay', async () => {
    const clock = fakeClock();
    await runRealtime([event(0, 60_000)], async () => {}, {
      speed: 60,
      startMs: T0,
      nowMs: clock.nowMs,
      sleep: clock.sleep,
    });
    expect(clock.sleeps).toEqual([1000]);
  });

  it('splits large batches at maxBatch and never waits at infinite speed', async () => {
    const clock = fakeClock();
    const events = Array.from({ length: 12 }, (_, i) => event(i, i * 3_600_000));
    const sizes: number[] = [];
    await runRealtime(events, async (b) => void sizes.push(b.length), {
      speed: Infinity,
      maxBatch: 5,
      nowMs: clock.nowMs,
      sleep: clock.sleep,
    });
    expect(sizes).toEqual([5, 5, 2]);
    expect(clock.sleeps).toEqual([]);
  });

  it('stops between batches once aborted and closes the source', async () => {
    const clock = fakeClock();
    const controller = new AbortController();
    let closed = false;
    function* source() {
      try {
        for (let i = 0; i < 100; i++) yield event(i, i * 1000);
      } finally {
        closed = true;
      }
    }
    const sent: string[] = [];
    const result = await runRealtime(
      source(),
      async (b) => {
        sent.push(...b.map((e) => e.id));
        if (sent.length === 3) controller.abort();
      },
      { signal: controller.signal, nowMs: clock.nowMs, sleep: clock.sleep },
    );
    expect(sent).toEqual(['e0', 'e1', 'e2']);
    expect(result).toEqual({ events: 3, batches: 3, aborted: true });
    expect(closed).toBe(true);
  });

  it('cuts a real wait short on abort', async () => {
    const controller = new AbortController();
    const started = Date.now();
    setTimeout(() => controller.abort(), 20);
    const result = await runRealtime([event(0, 0), event(1, 60_000)], async () => {}, { signal: controller.signal });
    expect(result).toEqual({ events: 1, batches: 1, aborted: true });
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('rejects a speed that is not positive', async () => {
    await expect(runRealtime([], async () => {}, { speed: 0 })).rejects.toThrow(/speed/);
  });
});
