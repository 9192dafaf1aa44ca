import { describe, expect, it } from 'vitest';
import type { CanonicalEvent } from '../events/event.schema.js';
import { EmbeddedEventLog } from './embedded-event-log.js';

const ev = (id: string) =>
  ({ id, type: 'call.abandoned', ts: '2026-03-02T01:00:00Z', source: 't', payload: { callId: id } }) as CanonicalEvent;

/** A writer that stores ids in memory and lets the test decide when a commit finishes. */
function fakeWriter() {
  const stored = new Set<string>();
  const batches: string[][] = [];
  let release: (() => void) | undefined;
  let fail = false;
  const write = async (events: CanonicalEvent[]) => {
    batches.push(events.map((e) => e.id));
    await new Promise<void>((r) => (release = r));
    if (fail) throw new Error('database down');
    const inserted = new Set<string>();
    for (const e of events) {
      if (stored.has(e.id)) continue;
      stored.add(e.id);
      inserted.add(e.id);
    }
    return { inserted };
  };
  return { write, batches, commit: () => release?.(), failNext: () => (fail = true) };
}

const tick = () => new Promise((r) => setTimeout(r, 0));

describe('EmbeddedEventLog', () => {
  it('acknowledges an append only after its commit, grouping appends that arrive meanwhile', async () => {
    const w = fakeWriter();
    const log = new EmbeddedEventLog(w.write, { maxBatch: 100 });
    let firstDone = false;
    const first = log.append([ev('a')]).then((r) => ((firstDone = true), r));
    await tick();
    const second = log.append([ev('b'), ev('c')]);
    const third = log.append([ev('b')]);
    await tick();
    expect(firstDone).toBe(false);
    w.commit();
    expect(await first).toEqual({ accepted: 1, duplicateIndexes: [] });
    await tick();
    // b, c and the repeated b went to the database in one transaction.
    expect(w.batches).toEqual([['a'], ['b', 'c', 'b']]);
    w.commit();
    expect(await second).toEqual({ accepted: 2, duplicateIndexes: [] });
    expect(await third).toEqual({ accepted: 0, duplicateIndexes: [0] });
  });

  it('never splits an append, and caps a group at maxBatch events', async () => {
    const w = fakeWriter();
    const log = new EmbeddedEventLog(w.write, { maxBatch: 3 });
    const all = [log.append([ev('x')]), log.append([ev('p'), ev('q')]), log.append([ev('r'), ev('s')]), log.append([ev('t')])];
    for (let i = 0; i < 4; i++) {
      await tick();
      w.commit();
    }
    await Promise.all(all);
    expect(w.batches).toEqual([['x'], ['p', 'q'], ['r', 's', 't']]);
  });

  it('rejects the appends of a failed commit, so their senders are not told 202', async () => {
    const w = fakeWriter();
    const log = new EmbeddedEventLog(w.write, { maxBatch: 10 });
    w.failNext();
    const p = log.append([ev('z')]);
    await tick();
    w.commit();
    await expect(p).rejects.toThrow('database down');
  });
});
