import { describe, expect, it } from 'vitest';
import type { CanonicalEvent } from '../events/event.schema.js';
import type { Refusal } from '../writer/refusals.js';
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

  describe('when the database refuses an event', () => {
    const refusal = Object.assign(new Error('invalid value "13812345678"'), { code: '22023' });

    /**
     * A database that refuses, as a whole, every transaction holding an event
     * whose id starts with "bad"; its first transaction waits for `open()`, so
     * the appends made meanwhile form one group.
     */
    function poisonedWriter() {
      const stored: string[] = [];
      const transactions: string[][] = [];
      let open: () => void = () => undefined;
      const gate = new Promise<void>((r) => (open = r));
      const write = async (events: CanonicalEvent[]) => {
        transactions.push(events.map((e) => e.id));
        if (transactions.length === 1) await gate;
        if (events.some((e) => e.id.startsWith('bad'))) throw refusal;
        const inserted = new Set<string>();
        for (const e of events) {
          if (stored.includes(e.id)) continue;
          stored.push(e.id);
          inserted.add(e.id);
        }
        return { inserted };
      };
      return { write, stored, transactions, open: () => open() };
    }

    it('fails only the refused events: other appends of the group and the valid rest are stored and acknowledged', async () => {
      const w = poisonedWriter();
      const refused: Refusal[] = [];
      const followed: string[] = [];
      const log = new EmbeddedEventLog(w.write, { maxBatch: 100, onRefused: (f) => refused.push(f) });
      log.follow(0, (events) => followed.push(...events.map((e) => e.id)));
      const first = log.append([ev('x')]);
      await tick();
      const valid1 = log.append([ev('a'), ev('b')]);
      const poisoned = log.append([ev('p1'), ev('bad'), ev('p2'), ev('a')]);
      const valid2 = log.append([ev('c')]);
      await tick();
      w.open();

      expect(await first).toEqual({ accepted: 1, duplicateIndexes: [] });
      expect(await valid1).toEqual({ accepted: 2, duplicateIndexes: [] });
      // p1 and p2 stored; a was stored by valid1 just before: a duplicate.
      expect(await poisoned).toEqual({
        accepted: 2,
        duplicateIndexes: [3],
        refused: [{ index: 1, reason: 'refused by the database: a value is not valid (SQLSTATE 22023)' }],
      });
      expect(await valid2).toEqual({ accepted: 1, duplicateIndexes: [] });

      expect(w.transactions).toEqual([
        ['x'],
        // The group, refused as a whole; then each append on its own, the poisoned one bisected.
        ['a', 'b', 'p1', 'bad', 'p2', 'a', 'c'],
        ['a', 'b'],
        ['p1', 'bad', 'p2', 'a'],
        ['p1', 'bad'],
        ['p1'],
        ['bad'],
        ['p2', 'a'],
        ['c'],
      ]);
      expect(w.stored).toEqual(['x', 'a', 'b', 'p1', 'p2', 'c']);
      // Followers get each stored event once.
      expect(followed).toEqual(['x', 'a', 'b', 'p1', 'p2', 'c']);
      expect(refused.map((f) => [f.event.id, f.code])).toEqual([['bad', '22023']]);
    });

    it('still fails the whole group when the database is unavailable: nothing is taken apart or acknowledged', async () => {
      const down = Object.assign(new Error('connection terminated'), { code: '08006' });
      const transactions: string[][] = [];
      const write = async (events: CanonicalEvent[]) => {
        transactions.push(events.map((e) => e.id));
        await tick();
        throw down;
      };
      const log = new EmbeddedEventLog(write, { maxBatch: 100 });
      const first = log.append([ev('x')]);
      const group = [log.append([ev('a')]), log.append([ev('bad')])];
      const results = await Promise.allSettled([first, ...group]);
      expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected']);
      expect(transactions).toEqual([['x'], ['a', 'bad']]);
    });
  });
});
