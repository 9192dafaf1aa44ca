/**
 * Patch building over the views of the live scenario (`testing/live.scenario.ts`,
 * queue billing, 09:00–10:00 in Shanghai): what a room is sent given what it holds.
 */
import { describe, expect, it, vi } from 'vitest';
import { CenterClock } from '../calls/center-clock.js';
import { liveScenario } from '../testing/live.scenario.js';
import { LiveState } from './live-state.js';
import { agentsForRoom, buildPatch, delta, forget, heartbeat, nothingSent, queueForRoom, sentSnapshot, type Changes } from './patch.js';
import { defaultRulesBook } from '../testing/rules.fixture.js';

const NOW = Date.parse('2026-03-02T02:00:00Z');
const book = defaultRulesBook();
const state = new LiveState(new CenterClock('Asia/Shanghai'), book, NOW);
state.apply(liveScenario(Date.parse('2026-03-02T01:00:00Z'), { queue: 'billing', prefix: '' }));

const changes = (over: Partial<Changes> = {}): Changes => ({
  asOf: '2026-03-02T10:00:00.000+08:00',
  lastEventAt: '2026-03-02T09:59:47.000+08:00',
  queues: [],
  totals: () => state.totals(['billing'], NOW),
  agents: [],
  breaches: state.breaches(NOW),
  ...over,
});

describe('queueForRoom', () => {
  it('sends a queue whole the first time a room gets it', () => {
    const view = state.queueView('billing', NOW);
    expect(queueForRoom(nothingSent(), view)).toBe(view);
  });

  it('sends nothing for a queue the room holds as it is', () => {
    const sent = nothingSent();
    queueForRoom(sent, state.queueView('billing', NOW));
    expect(queueForRoom(sent, state.queueView('billing', NOW))).toBeNull();
  });

  it('sends only the numbers that moved: in the figures, a call type, the current hour, staffing; null is a value', () => {
    const sent = nothingSent();
    const view = state.queueView('billing', NOW);
    queueForRoom(sent, view);
    const [type, figures] = Object.entries(view.byCallType)[0]!;
    const hours = view.byHour.map((h, i, all) =>
      i === all.length - 1 ? { ...h, offered: h.offered + 1, byCallType: { ...h.byCallType, [type]: 1 } } : h,
    );
    const next = queueForRoom(sent, {
      ...view,
      longestWaitS: null,
      today: { ...view.today, offered: view.today.offered + 1, asaS: null },
      byCallType: { ...view.byCallType, [type]: { ...figures, answered: figures.answered + 1 } },
      byHour: hours,
      staffing: { ...view.staffing, staffed: view.staffing.staffed + 2 },
    });
    expect(next).toEqual({
      queue: 'billing',
      longestWaitS: null,
      today: { offered: 9, asaS: null },
      byCallType: { [type]: { answered: figures.answered + 1 } },
      // Local midnight to 10:00 is 11 hours; the tail is the 10:00 hour, empty before.
      byHourTail: [{ hour: '2026-03-02T10:00:00.000+08:00', offered: 1, byCallType: { [type]: 1 } }],
      staffing: { staffed: view.staffing.staffed + 2 },
    });
    expect(view.today.offered).toBe(8);
  });

  it('compares with what was sent, not with the view object, which may change after it was sent', () => {
    const sent = nothingSent();
    const view = state.queueView('billing', NOW);
    queueForRoom(sent, view);
    view.waiting += 3;
    view.waitingCalls.pop();
    const next = queueForRoom(sent, view)!;
    expect(next.waiting).toBe(view.waiting);
    expect(next.waitingCalls).toEqual(view.waitingCalls);
  });

  it('sends new rules, a newly read last week and every hour when a past one changed', () => {
    const sent = nothingSent();
    const view = state.queueView('billing', NOW);
    queueForRoom(sent, view);
    const hours = view.byHour.map((h, i) => (i === 9 ? { ...h, offered: 9 } : h));
    const next = queueForRoom(sent, { ...view, rules: { ...view.rules, rings: 4 }, lastWeek: [], byHour: hours })!;
    expect(next.rules!.rings).toBe(4);
    // An empty list read again is a new list: compared by identity, not content.
    expect(next.lastWeek).toEqual([]);
    expect(next.byHour!.map((h) => h.offered)).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 9, 0]);
    expect(next.byHourTail).toBeUndefined();
  });
});

describe('agentsForRoom', () => {
  it('sends an agent whole the first time, then only the fields that changed, and nothing when none did', () => {
    const sent = nothingSent();
    const a1 = state.agentView('a1', NOW)!;
    expect(agentsForRoom(sent, [a1])).toEqual([a1]);
    expect(agentsForRoom(sent, [state.agentView('a1', NOW)!])).toEqual([]);
    const moved = { ...a1, state: 'not_ready' as const, reason: 'lunch', since: '2026-03-02T10:00:00.000+08:00' };
    expect(agentsForRoom(sent, [moved])).toEqual([
      { agentId: 'a1', state: 'not_ready', reason: 'lunch', since: '2026-03-02T10:00:00.000+08:00' },
    ]);
  });
});

describe('delta', () => {
  it('keeps the changed keys of objects at any depth and sends anything else whole', () => {
    expect(delta({ a: 1, b: { c: 2, d: [1, 2] } }, { a: 1, b: { c: 3, d: [1, 2] } })).toEqual({ b: { c: 3 } });
    expect(delta({ a: [1, 2] }, { a: [1, 3] })).toEqual({ a: [1, 3] });
    expect(delta({ a: 0 }, { a: null })).toEqual({ a: null });
    expect(delta({ a: { b: 1 } }, { a: { b: 1 } })).toBeUndefined();
    expect(delta(undefined, { a: 1 })).toEqual({ a: 1 });
  });
});

describe('buildPatch', () => {
  it('sends nothing when no queue, agent or breach changed, without reading the totals', () => {
    const sent = nothingSent();
    const now = state.breaches(NOW);
    sentSnapshot(sent, now.list, now.counts);
    const totals = vi.fn(() => state.totals(['billing'], NOW));
    expect(buildPatch(sent, changes({ totals }))).toBeNull();
    expect(totals).not.toHaveBeenCalled();
  });

  it('sends changed queues with the totals, changed agents whole, and the breaches only when they changed', () => {
    const sent = nothingSent();
    const first = state.breaches(NOW);
    sentSnapshot(sent, first.list, first.counts);
    const a1 = state.agentView('a1', NOW)!;
    const patch = buildPatch(sent, changes({ queues: [state.queueView('billing', NOW)], agents: [a1] }))!;
    expect(Object.keys(patch).sort()).toEqual(['agents', 'asOf', 'lastEventAt', 'queues', 'totals', 'totalsAgents']);
    // billing: 3 within threshold ÷ (3 answered + 3 abandoned − 1 short + 0 timed out)
    expect(patch.totals!.threeRingRate).toBe(0.6);
    expect(patch.agents).toEqual([a1]);

    // Three seconds later c10 has waited 16 s: at risk turns breached.
    const later = state.breaches(NOW + 3000);
    const withBreach = buildPatch(sent, changes({ breaches: later }))!;
    expect(withBreach.breachCounts).toEqual({ answer: 6, not_ready_overrun: 1, atRisk: 0 });
    expect(withBreach.breaches!.find((b) => b.subject === 'call:c10')!.status).toBe('breached');
    expect(withBreach.queues).toBeUndefined();
    expect(buildPatch(sent, changes({ breaches: state.breaches(NOW + 3000) }))).toBeNull();
  });

  it('sends nothing more for queues, totals and agents the room holds as they are; after forget, all of them whole', () => {
    const sent = nothingSent();
    const full = changes({ queues: [state.queueView('billing', NOW)], agents: [state.agentView('a1', NOW)!] });
    buildPatch(sent, full);
    expect(buildPatch(sent, full)).toBeNull();
    forget(sent);
    const again = buildPatch(sent, full)!;
    expect(again.queues).toEqual(full.queues);
    expect(again.totals).toEqual(state.totals(['billing'], NOW).figures);
    expect(again.agents).toEqual(full.agents);
    expect(again.breachCounts).toEqual({ answer: 5, not_ready_overrun: 1, atRisk: 1 });
  });

  it('sends the breaches of a room that has none yet', () => {
    const patch = buildPatch(nothingSent(), changes())!;
    expect(patch.breachCounts).toEqual({ answer: 5, not_ready_overrun: 1, atRisk: 1 });
  });
});

describe('heartbeat', () => {
  it('carries only the time and the newest event', () => {
    expect(heartbeat('2026-03-02T10:00:02.000+08:00', null)).toEqual({ asOf: '2026-03-02T10:00:02.000+08:00', lastEventAt: null });
  });
});
