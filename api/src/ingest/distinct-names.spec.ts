import { describe, expect, it } from 'vitest';
import type { CanonicalEvent } from '../events/event.schema.js';
import type { DayNames } from '../live/live.service.js';
import { capDistinctNames } from './distinct-names.js';

/** 2026-03-02 in Asia/Shanghai: 2026-03-01T16:00Z … 2026-03-02T16:00Z. */
const today: DayNames = {
  startMs: Date.parse('2026-03-01T16:00:00Z'),
  endMs: Date.parse('2026-03-02T16:00:00Z'),
  queues: new Set(['billing', 'sales']),
  agents: new Set(['a1']),
};
const TODAY = '2026-03-02T09:00:00+08:00';

const offered = (queue: string, ts = TODAY) =>
  ({ id: `o-${queue}`, type: 'call.offered', ts, source: 'pbx', payload: { callId: `c-${queue}`, queue } }) as CanonicalEvent;
const answered = (agentId: string) =>
  ({ id: `a-${agentId}`, type: 'call.answered', ts: TODAY, source: 'pbx', payload: { callId: 'c', agentId } }) as CanonicalEvent;
const transferred = (toQueue: string, toAgent: string) =>
  ({
    id: `t-${toQueue}`,
    type: 'call.transferred',
    ts: TODAY,
    source: 'pbx',
    payload: { callId: 'c', toQueue, toAgent },
  }) as CanonicalEvent;

describe('capDistinctNames', () => {
  it('refuses a new queue beyond the cap by its batch index, keeping known queues and those within the cap', () => {
    const events = [offered('support'), offered('billing'), offered('refunds'), offered('support'), offered('sales')];
    const r = capDistinctNames(events, [0, 2, 3, 5, 6], today, { queues: 3, agents: 10 });
    expect(r.events.map((e) => e.id)).toEqual(['o-support', 'o-billing', 'o-support', 'o-sales']);
    // The batch indexes of the kept events: the given ones without the refused 3.
    expect(r.indexes).toEqual([0, 2, 5, 6]);
    expect(r.rejected).toEqual([{ index: 3, error: 'payload.queue: too many distinct queues today (3)' }]);
  });

  it('counts agents and the targets of a transfer, naming the field', () => {
    const events = [answered('a1'), answered('a2'), transferred('billing', 'a3'), transferred('vip', 'a1')];
    const r = capDistinctNames(events, [0, 1, 2, 3], today, { queues: 2, agents: 2 });
    expect(r.events.map((e) => e.id)).toEqual(['a-a1', 'a-a2']);
    expect(r.rejected).toEqual([
      { index: 2, error: 'payload.toAgent: too many distinct agents today (2)' },
      { index: 3, error: 'payload.toQueue: too many distinct queues today (2)' },
    ]);
  });

  it('leaves events of other days alone: the live engine does not hold them', () => {
    const events = [offered('archive', '2026-03-01T23:59:59+08:00'), offered('later', '2026-03-03T00:00:00+08:00')];
    const r = capDistinctNames(events, [0, 1], today, { queues: 2, agents: 1 });
    expect(r).toEqual({ events, indexes: [0, 1], rejected: [] });
  });
});
