import { describe, expect, it } from 'vitest';
import type { CanonicalEvent } from '../events/event.schema.js';
import { isDataError, refusalReason, writeIsolating } from './refusals.js';

const ev = (id: string) =>
  ({ id, type: 'call.abandoned', ts: '2026-03-02T01:00:00Z', source: 't', payload: { callId: id } }) as CanonicalEvent;

const dbError = (code: string, message = 'invalid value "13812345678"') => Object.assign(new Error(message), { code });

/** A database that refuses, as a whole, every transaction holding an event whose id starts with "bad". */
function refusingWriter() {
  const stored: string[] = [];
  const transactions: string[][] = [];
  const write = async (events: CanonicalEvent[]) => {
    transactions.push(events.map((e) => e.id));
    if (events.some((e) => e.id.startsWith('bad'))) throw dbError('22023');
    const inserted = new Set<string>();
    for (const e of events) {
      if (stored.includes(e.id)) continue;
      stored.push(e.id);
      inserted.add(e.id);
    }
    return { inserted };
  };
  return { write, stored, transactions };
}

describe('isDataError', () => {
  it('takes data exceptions, integrity violations and program limits for refusals, and nothing else', () => {
    expect(['22023', '22P02', '23514', '54000'].map((c) => isDataError(dbError(c)))).toEqual([true, true, true, true]);
    // Connection lost, out of memory, shutting down, serialization failure, a bug in the SQL, a socket error, no code at all.
    expect(['08006', '53200', '57P01', '40001', '42703', 'ECONNRESET'].map((c) => isDataError(dbError(c)))).toEqual([
      false,
      false,
      false,
      false,
      false,
      false,
    ]);
    expect(isDataError(new Error('database down'))).toBe(false);
    expect(isDataError(null)).toBe(false);
  });

  it('tells the kind of refusal and its SQLSTATE, never the database message that may quote the value', () => {
    expect(refusalReason(dbError('22003'))).toBe('refused by the database: a number is out of range (SQLSTATE 22003)');
    expect(refusalReason(dbError('2200H'))).toBe('refused by the database: a value is not accepted (SQLSTATE 2200H)');
    expect(refusalReason(dbError('22023'))).not.toContain('13812345678');
  });
});

describe('writeIsolating', () => {
  it('writes a batch the database takes in one transaction', async () => {
    const w = refusingWriter();
    const r = await writeIsolating(w.write, [ev('a'), ev('b')]);
    expect(r).toEqual({ inserted: new Set(['a', 'b']), refused: [] });
    expect(w.transactions).toEqual([['a', 'b']]);
  });

  it('bisects a refused batch down to the refused event and stores every other', async () => {
    const w = refusingWriter();
    const events = ['a', 'b', 'c', 'bad', 'd'].map(ev);
    const r = await writeIsolating(w.write, events);
    expect(r.inserted).toEqual(new Set(['a', 'b', 'c', 'd']));
    expect(r.refused).toEqual([
      { index: 3, event: events[3], code: '22023', reason: 'refused by the database: a value is not valid (SQLSTATE 22023)' },
    ]);
    // [a b c bad d] → [a b c] ok, [bad d] → [bad] refused, [d] ok.
    expect(w.transactions).toEqual([['a', 'b', 'c', 'bad', 'd'], ['a', 'b', 'c'], ['bad', 'd'], ['bad'], ['d']]);
    expect(w.stored).toEqual(['a', 'b', 'c', 'd']);
  });

  it('finds several refused events, in order', async () => {
    const w = refusingWriter();
    const r = await writeIsolating(w.write, ['bad1', 'a', 'b', 'bad2'].map(ev));
    expect(r.refused.map((f) => [f.index, f.event.id])).toEqual([
      [0, 'bad1'],
      [3, 'bad2'],
    ]);
    expect(w.stored).toEqual(['a', 'b']);
  });

  it('stops at an availability error: the batch is to be retried, not refused', async () => {
    let calls = 0;
    const write = async (events: CanonicalEvent[]) => {
      calls++;
      if (calls === 1) throw dbError('22023');
      if (calls === 2) return { inserted: new Set(events.map((e) => e.id)) };
      throw dbError('57P01', 'terminating connection due to administrator command');
    };
    await expect(writeIsolating(write, ['a', 'bad', 'c'].map(ev))).rejects.toMatchObject({ code: '57P01' });
    expect(calls).toBe(3);
  });

  it('writes nothing for an empty batch', async () => {
    const w = refusingWriter();
    expect(await writeIsolating(w.write, [])).toEqual({ inserted: new Set(), refused: [] });
    expect(w.transactions).toEqual([]);
  });
});
