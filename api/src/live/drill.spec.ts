/** The drill-down's figures, order and pages over hand-built legs. */
import { describe, expect, it } from 'vitest';
import type { CallRow } from '../calls/call-state.js';
import { type DrillCursor, countsIn, decodeCursor, drillPage, encodeCursor } from './drill.js';

const T0 = Date.parse('2026-03-02T01:00:00Z');

/** An answered leg offered `atS` seconds after T0, answered 5 s later. */
function leg(callId: string, queue: string, atS: number, extra: Partial<CallRow> = {}): CallRow {
  return {
    callId,
    queue,
    offeredAt: new Date(T0 + atS * 1000),
    callType: 'billing',
    callerMasked: null,
    channel: null,
    agentId: 'a1',
    answeredAt: new Date(T0 + (atS + 5) * 1000),
    endedAt: null,
    endedBy: null,
    outcome: 'answered',
    waitS: 5,
    talkS: null,
    holdS: 0,
    holdCount: 0,
    wrapS: null,
    ringCount: 0,
    answeredInThreshold: true,
    abandonedInThreshold: false,
    shortAbandon: false,
    slThresholdS: 15,
    shortAbandonS: 5,
    category: null,
    summary: null,
    transferred: false,
    transferTarget: null,
    recordingUrl: null,
    recordingDurationS: null,
    ...extra,
  };
}

const answered = { queues: null, figure: 'answered' } as const;
const keys = (rows: CallRow[]) => rows.map((r) => `${r.callId}/${r.queue}`);

describe('drillPage', () => {
  // c2 was offered into sales and support at the same millisecond: its legs differ only by queue.
  const legs = [
    leg('c1', 'general', 0),
    leg('c2', 'support', 60),
    leg('c3', 'general', 60),
    leg('c2', 'sales', 60),
    leg('c4', 'general', 120),
  ];

  it('lists newest offer first, then call id descending, then queue ascending, whatever order the legs come in', () => {
    const expected = ['c4/general', 'c3/general', 'c2/sales', 'c2/support', 'c1/general'];
    expect(keys(drillPage(legs, answered, T0, { limit: 10 }).rows)).toEqual(expected);
    expect(keys(drillPage([...legs].reverse(), answered, T0, { limit: 10 }).rows)).toEqual(expected);
  });

  it('pages through legs of one call without skipping or repeating one', () => {
    const seen: string[] = [];
    let before: DrillCursor | undefined;
    for (let i = 0; i < 5; i++) {
      const page = drillPage(legs, answered, T0, { limit: 2, before });
      expect(page.total).toBe(5);
      seen.push(...keys(page.rows));
      if (page.rows.length < 2) break;
      before = decodeCursor(encodeCursor(page.rows.at(-1)!)) ?? undefined;
    }
    // Pages of 2: [c4, c3], [c2/sales, c2/support], [c1]; the cursor after c2/sales would have lost c2/support if it ignored the queue.
    expect(seen).toEqual(['c4/general', 'c3/general', 'c2/sales', 'c2/support', 'c1/general']);
    const afterSales = drillPage(legs, answered, T0, { limit: 10, before: { offeredMs: T0 + 60_000, callId: 'c2', queue: 'sales' } });
    expect(keys(afterSales.rows)).toEqual(['c2/support', 'c1/general']);
  });

  it('filters by call type, calls without one counting as unspecified', () => {
    const mixed = [leg('c1', 'general', 0, { callType: null }), leg('c2', 'general', 10)];
    expect(keys(drillPage(mixed, { ...answered, callType: 'unspecified' }, T0, { limit: 10 }).rows)).toEqual(['c1/general']);
  });
});

describe('countsIn', () => {
  const now = T0 + 3_600_000;

  it('counts a call waiting past its threshold as breached, and one whose exit was lost four hours ago as neither waiting nor breached', () => {
    // Offered 20 s before now: past the 15 s threshold.
    const waiting = leg('c1', 'general', 3580, { outcome: 'waiting', answeredAt: null, waitS: null, answeredInThreshold: false });
    expect([countsIn('waiting', waiting, now), countsIn('breached', waiting, now)]).toEqual([true, true]);
    // 4 h and 1 s later: stale.
    const later = now + 4 * 3_600_000 + 1000;
    expect([countsIn('waiting', waiting, later), countsIn('breached', waiting, later)]).toEqual([false, false]);
  });

  it('counts an answer after 16 s as late and breached, one after exactly 15 s as neither', () => {
    const late = leg('c1', 'general', 0, { waitS: 16, answeredInThreshold: false });
    const onTime = leg('c2', 'general', 0, { waitS: 15 });
    expect([countsIn('answered_late', late, now), countsIn('breached', late, now)]).toEqual([true, true]);
    expect([countsIn('answered_late', onTime, now), countsIn('breached', onTime, now)]).toEqual([false, false]);
  });
});

describe('cursors', () => {
  it('round-trips the sort key of a leg, call ids with colons included', () => {
    expect(decodeCursor(encodeCursor(leg('a:b', 'sales', 60)))).toEqual({ offeredMs: T0 + 60_000, callId: 'a:b', queue: 'sales' });
  });

  it('refuses what it did not issue', () => {
    expect(decodeCursor('yesterday')).toBeNull();
    expect(decodeCursor(Buffer.from('[1,"c1"]').toString('base64url'))).toBeNull();
    expect(decodeCursor(Buffer.from('["1","c1","q"]').toString('base64url'))).toBeNull();
  });
});
