/**
 * The live state folds events in piece by piece: histories extended, indexes
 * of open, late and recent legs kept up to date, overruns collected as spells
 * end. Whatever arrives in whatever order, what a wallboard sees must equal
 * what the same events give when every call and agent is derived again from
 * scratch. Seeded random evenings (six hours over midnight: late answers,
 * abandons, transfers, breaks past their limit, resends, events late by up to
 * half an hour) are delivered in random batches and compared at checkpoints.
 */
import { describe, expect, it } from 'vitest';
import type { CanonicalEvent, EventOf } from '../events/event.schema.js';
import { buildAgentIntervals } from '../calls/agent-intervals.js';
import { CenterClock } from '../calls/center-clock.js';
import { Rng } from '../simulator/random.js';
import { defaultRulesBook } from '../testing/rules.fixture.js';
import { LiveState } from './live-state.js';

const clock = new CenterClock('Asia/Shanghai');
/** 18:00 in Shanghai on 2026-03-01; midnight is six hours later, the next day's window opens at 20:00. */
const START = Date.parse('2026-03-01T10:00:00Z');
const MIDNIGHT = Date.parse('2026-03-01T16:00:00Z');
const END = START + 8 * 3_600_000;
const QUEUES = ['billing', 'sales', 'support'];
const TYPES = ['inquiry', 'complaint', ''];
const AGENTS = Array.from({ length: 8 }, (_, i) => `a${i + 1}`);
const rules = () =>
  defaultRulesBook(
    [],
    [
      { reason: 'break', effectiveFromMs: -Infinity, limitS: 120 },
      { reason: 'lunch', effectiveFromMs: -Infinity, limitS: 600 },
    ],
  );

interface Delivery {
  event: CanonicalEvent;
  atMs: number;
}

/** An evening of events, each with the time it is delivered (late ones and resends included), in delivery order. */
function evening(seed: number): Delivery[] {
  const rng = new Rng(seed);
  const events: CanonicalEvent[] = [];
  let n = 0;
  const add = (type: string, ms: number, payload: Record<string, unknown>) => {
    if (ms < END)
      events.push({ id: `s${seed}-${++n}`, type, ts: new Date(Math.round(ms)).toISOString(), source: 'test', payload } as CanonicalEvent);
  };
  const state = (agentId: string, ms: number, s: string, reason?: string) =>
    add('agent.state', ms, {
      agentId,
      state: s,
      ...(reason ? { reason } : {}),
      ...(rng.chance(0.3) ? { name: `Agent ${agentId}`, team: agentId < 'a5' ? 't1' : 't2' } : {}),
    });

  // Agents: spells of available and not ready (some past their limit), resends, a log-off now and then.
  for (const agentId of AGENTS) {
    let t = START + rng.between(0, 600_000);
    state(agentId, t, 'available');
    while (t < END) {
      t += rng.exponential(900_000);
      const r = rng.uniform();
      if (r < 0.25) state(agentId, t, 'not_ready', 'break');
      else if (r < 0.35) state(agentId, t, 'not_ready', 'lunch');
      else if (r < 0.45) state(agentId, t, 'not_ready', 'meeting');
      else if (r < 0.5) state(agentId, t, 'offline');
      else state(agentId, t, 'available');
      // The phone says the same thing again.
      if (rng.chance(0.1)) state(agentId, t + rng.between(0, 5_000), 'available');
    }
  }

  // Calls: answered (some after the threshold), abandoned (some short), timed out, transferred, still waiting.
  let callNo = 0;
  for (let t = START; t < END; t += rng.exponential(45_000)) {
    const callId = `c${++callNo}`;
    let queue = rng.pick(QUEUES);
    const callType = rng.pick(TYPES);
    add('call.offered', t, { callId, queue, ...(callType ? { callType } : {}) });
    let at = t;
    for (let leg = 0; leg < 2; leg++) {
      const wait = rng.chance(0.7) ? rng.between(1_000, 14_000) : rng.between(14_000, 90_000);
      const r = rng.uniform();
      if (r < 0.62) {
        const agentId = rng.pick(AGENTS);
        add('call.ringing', at + wait / 2, { callId, agentId });
        if (rng.chance(0.8)) state(agentId, at + wait / 2, 'ringing');
        at += wait;
        add('call.answered', at, { callId, agentId });
        state(agentId, at, 'on_call');
        const talk = rng.between(20_000, 400_000);
        if (rng.chance(0.2)) {
          add('call.held', at + talk / 3, { callId });
          add('call.resumed', at + talk / 2, { callId });
        }
        if (leg === 0 && rng.chance(0.1)) {
          const toQueue = rng.pick(QUEUES.filter((q) => q !== queue));
          add('call.transferred', at + talk, { callId, toQueue });
          add('call.offered', at + talk + 500, { callId, queue: toQueue });
          queue = toQueue;
          at += talk + 500;
          continue;
        }
        add('call.ended', at + talk, { callId, endedBy: rng.pick(['caller', 'agent']) });
        // The wrap-up is announced a little before or after the hang-up.
        state(agentId, at + talk + rng.between(-900, 8_000), 'wrap_up');
        state(agentId, at + talk + rng.between(10_000, 60_000), 'available');
        if (rng.chance(0.7)) add('call.dispositioned', at + talk + 5_000, { callId, agentId, category: 'inquiry' });
      } else if (r < 0.85) {
        add('call.abandoned', at + (rng.chance(0.3) ? rng.between(500, 4_900) : wait), { callId });
      } else if (r < 0.93) {
        add('call.timed_out', at + 60_000 + wait, { callId });
      }
      // Otherwise the call stays in the queue (or its exit was never sent).
      break;
    }
  }

  const deliveries: Delivery[] = [];
  for (const event of events) {
    const ts = Date.parse(event.ts);
    const r = rng.uniform();
    const delay = r < 0.85 ? rng.between(0, 2_000) : r < 0.95 ? rng.between(2_000, 120_000) : rng.between(120_000, 1_800_000);
    deliveries.push({ event, atMs: ts + delay });
    if (rng.chance(0.03)) deliveries.push({ event, atMs: ts + delay + rng.between(0, 600_000) });
  }
  return deliveries.sort((a, b) => a.atMs - b.atMs);
}

/** Rates and sums to the microsecond: counts added and taken out in another order may differ in the last bits. */
const rounded = <T>(x: T): T =>
  JSON.parse(JSON.stringify(x, (_k, v: unknown) => (typeof v === 'number' ? Math.round(v * 1e6) / 1e6 : v))) as T;

/** Everything a wallboard of any scope sees, and the drill-down behind the breaches. */
function observable(s: LiveState, nowMs: number) {
  const queues = s.queueNames();
  return rounded({
    day: s.today.day,
    lastEventAt: s.lastEventAt(),
    size: s.size(),
    queues: queues.map((q) => s.queueView(q, nowMs)),
    totals: s.totals(queues, nowMs),
    billing: s.totals(['billing'], nowMs),
    agents: s.agentIds(null).map((id) => s.agentView(id, nowMs)),
    team: s.agentIds(['t1']),
    breaches: s.breaches(nowMs),
    scoped: s.breaches(nowMs, { queues: ['billing', 'sales'], teams: ['t2'] }),
    breached: s.drill({ queues: null, figure: 'breached' }, nowMs, { limit: 10_000 }).total,
  });
}

/** The same events derived from scratch: a new state, every event at once, every call and agent derived again. */
function recomputed(events: readonly CanonicalEvent[], nowMs: number): LiveState {
  const s = new LiveState(clock, rules(), START);
  s.apply(events);
  s.rollOver(nowMs);
  s.setRules(rules());
  return s;
}

/** SPEC §4 `not_ready_overrun` counted the long way: every not-ready spell of every agent, past its limit and due today. */
function overrunsByWalk(events: readonly CanonicalEvent[], dayStartMs: number, nowMs: number): number {
  const book = rules();
  const states = events.filter((e): e is EventOf<'agent.state'> => e.type === 'agent.state');
  let n = 0;
  for (const i of buildAgentIntervals([...new Map(states.map((e) => [e.id, e])).values()])) {
    if (i.state !== 'not_ready') continue;
    const startMs = i.startedAt.getTime();
    const endMs = i.endedAt?.getTime() ?? nowMs;
    const limitS = book.notReadyLimitS(i.reason, startMs);
    if (limitS !== null && endMs >= dayStartMs && endMs - startMs > limitS * 1000 && startMs + limitS * 1000 >= dayStartMs) n++;
  }
  return n;
}

describe('live state: folded in piece by piece, the same as derived from scratch', () => {
  for (const seed of [1, 2, 3]) {
    it(`evening ${seed}: equal at every checkpoint, through breaches starting and ending and midnight`, () => {
      const rng = new Rng(1000 + seed);
      const deliveries = evening(seed);
      const live = new LiveState(clock, rules(), START);
      const delivered: CanonicalEvent[] = [];
      const seen = { breached: 0, ended: 0, atRisk: 0, overruns: 0, lateAnswers: 0, rolledOver: false, checks: 0 };
      let i = 0;
      let batches = 0;
      while (i < deliveries.length) {
        const batch = deliveries.slice(i, (i += rng.int(1, 40)));
        const nowMs = batch.at(-1)!.atMs;
        live.apply(batch.map((d) => d.event));
        for (const d of batch) delivered.push(d.event);
        const rolled = live.rollOver(nowMs);
        seen.rolledOver ||= rolled;
        if (!rolled && ++batches % 10 !== 0 && i < deliveries.length) continue;
        const got = observable(live, nowMs);
        expect(got).toEqual(observable(recomputed(delivered, nowMs), nowMs));
        expect(got.breaches.counts.not_ready_overrun).toBe(overrunsByWalk(delivered, live.today.startMs, nowMs));
        seen.checks++;
        for (const b of got.breaches.list) {
          if (b.status === 'breached') seen.breached++;
          if (b.status === 'ended') seen.ended++;
          if (b.status === 'at_risk') seen.atRisk++;
        }
        seen.overruns = Math.max(seen.overruns, got.breaches.counts.not_ready_overrun);
        seen.lateAnswers = Math.max(seen.lateAnswers, got.breaches.counts.answer);
      }
      // The evening crossed midnight and went through every kind of breach.
      expect(seen.rolledOver).toBe(true);
      expect(live.today.startMs).toBe(MIDNIGHT);
      expect(seen.checks).toBeGreaterThan(15);
      expect(Math.min(seen.breached, seen.ended, seen.atRisk, seen.overruns, seen.lateAnswers)).toBeGreaterThan(0);
    }, 60_000);
  }
});
