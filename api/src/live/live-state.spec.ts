/**
 * Scenario tests of the live state: scripted events, an injected clock, and
 * every expected figure worked out by hand from SPEC §3–§4 in the comments.
 */
import { describe, expect, it } from 'vitest';
import type { CanonicalEvent } from '../events/event.schema.js';
import { buildAgentIntervals } from '../calls/agent-intervals.js';
import { CenterClock } from '../calls/center-clock.js';
import { LiveState, carryEvent } from './live-state.js';
import { liveScenario } from '../testing/live.scenario.js';
import { defaultRulesBook, defaultRulesRow } from '../testing/rules.fixture.js';

const book = defaultRulesBook;

let n = 0;
const ev = (type: string, ts: string, payload: Record<string, unknown>): CanonicalEvent =>
  ({ id: `e${String(++n).padStart(4, '0')}-${type}`, type, ts, source: 'test', payload }) as CanonicalEvent;
/** 2026-03-02, Asia/Shanghai (UTC+8): 01:00Z is 09:00 local. */
const t = (hms: string) => `2026-03-02T${hms}Z`;
const ms = (hms: string) => Date.parse(t(hms));

/**
 * The hour of live.scenario.ts (its table has the figures by hand), with queue
 * billing as the main queue and the call ids c1 … c10, from 01:00Z: 09:00–10:00
 * in Shanghai. At 02:00:00 c9 has waited 120 s and c10 13 s (at risk); a3's
 * break began 01:40:00, breached at 01:55:00.
 */
const morning = () => liveScenario(Date.parse(t('01:00:00')), { queue: 'billing', prefix: '' });

const NOW = ms('02:00:00');
const clock = new CenterClock('Asia/Shanghai');

function stateWith(events: CanonicalEvent[], now = NOW, rules = book()): LiveState {
  const s = new LiveState(clock, rules, now);
  s.apply(events);
  return s;
}

/** Everything a wallboard sees that does not depend on when it was asked or in which order events came. */
function observable(s: LiveState, now = NOW) {
  return {
    queues: s.queueNames().map((q) => s.queueView(q, now)),
    agents: s.agentIds(null).map((id) => s.agentView(id, now)),
    breaches: s.breaches(now),
  };
}

describe('live state: figures by hand (SPEC §3)', () => {
  const s = stateWith(morning());

  it('counts billing: 8 offered, 3 answered all within 15 s, 3 abandoned (1 short), 2 waiting', () => {
    const b = s.queueView('billing', NOW);
    expect(b.today).toMatchObject({
      offered: 8,
      answered: 3,
      answeredInThreshold: 3,
      abandoned: 3,
      shortAbandoned: 1,
      abandonedInThreshold: 2,
      timedOut: 0,
      transferredOut: 0,
      handled: 3,
    });
    // three-ring rate = 3 ÷ (3 + 3 − 1 + 0)
    expect(b.today.threeRingRate).toBeCloseTo(3 / 5, 12);
    // answered-only = 3 ÷ 3; abandon-neutral = (3 + 2) ÷ (3 + 3)
    expect(b.today.slAnsweredOnly).toBe(1);
    expect(b.today.slAbandonNeutral).toBeCloseTo(5 / 6, 12);
    // ASA = (10 + 15 + 5) ÷ 3
    expect(b.today.asaS).toBeCloseTo(10, 9);
    // abandon rate = (3 − 1) ÷ (8 − 1)
    expect(b.today.abandonRate).toBeCloseTo(2 / 7, 12);
    // AHT = (c1 180 + 30 wrap, c2 120, c8 120 until the transfer) ÷ 3
    expect(b.today.ahtS).toBeCloseTo(450 / 3, 9);
    expect(b.waiting).toBe(2);
    expect(b.longestWaitS).toBe(120);
    expect(b.oldestOfferedAt).toBe('2026-03-02T09:58:00.000+08:00');
    expect(b.waitingCalls.map((w) => [w.callId, w.waitS])).toEqual([
      ['c9', 120],
      ['c10', 13],
    ]);
  });

  it('counts sales: the transferred call counts once where answered, and again as a new leg in sales', () => {
    const x = s.queueView('sales', NOW);
    expect(x.today).toMatchObject({ offered: 3, answered: 2, answeredInThreshold: 0, abandoned: 0, timedOut: 1, handled: 2 });
    // three-ring rate = 0 ÷ (2 + 0 − 0 + 1); ASA = (20 + 30) ÷ 2; AHT = (220 + 20 hold + 180) ÷ 2
    expect(x.today.threeRingRate).toBe(0);
    expect(x.today.asaS).toBeCloseTo(25, 9);
    expect(x.today.ahtS).toBeCloseTo(210, 9);
    expect(x.today.abandonRate).toBe(0);
    // nobody serving sales ever sent a state: occupancy has no denominator
    expect(x.today.occupancy).toBeNull();
  });

  it('computes occupancy from agent states since midnight', () => {
    // a1: busy 180 + 30 + 120 = 330 s; available 62 + 2785 + 475 = 3322 s; a2 sent no states.
    const b = s.queueView('billing', NOW);
    expect(b.today.busyS).toBe(330);
    expect(b.today.availableS).toBe(3322);
    expect(b.today.occupancy).toBeCloseTo(330 / 3652, 12);
  });

  it('splits by call type and by local hour', () => {
    const b = s.queueView('billing', NOW);
    expect(Object.keys(b.byCallType)).toEqual(['billing']);
    expect(b.byCallType.billing!.offered).toBe(8);
    // 00:00 … 10:00 local: 11 hours, all of billing's calls in 09:00
    expect(b.byHour).toHaveLength(11);
    expect(b.byHour[0]!.hour).toBe('2026-03-02T00:00:00.000+08:00');
    // the hour's own three-ring rate: 3 ÷ (3 + 3 − 1 + 0)
    expect(b.byHour[9]).toEqual({
      hour: '2026-03-02T09:00:00.000+08:00',
      byCallType: { billing: 8 },
      offered: 8,
      answered: 3,
      answeredInThreshold: 3,
      abandoned: 3,
      shortAbandoned: 1,
      timedOut: 0,
      threeRingRate: 0.6,
    });
    expect(b.byHour[10]).toEqual({
      hour: '2026-03-02T10:00:00.000+08:00',
      byCallType: {},
      offered: 0,
      answered: 0,
      answeredInThreshold: 0,
      abandoned: 0,
      shortAbandoned: 0,
      timedOut: 0,
      threeRingRate: null,
    });
  });

  it('shows agents with state, time in state, calls handled and not-ready overrun', () => {
    expect(s.agentView('a1', NOW)).toMatchObject({
      name: '张伟',
      team: 'team-a',
      state: 'available',
      since: '2026-03-02T09:52:05.000+08:00',
      handledToday: 2,
      overrun: false,
    });
    expect(s.agentView('a2', NOW)).toBeUndefined();
    expect(s.agentView('a3', NOW)).toMatchObject({ state: 'not_ready', reason: 'break', limitS: 900, overrun: true, handledToday: 0 });
    const b = s.queueView('billing', NOW);
    expect(b.agents).toEqual({ loggedIn: 1, available: 1, ringing: 0, onCall: 0, wrapUp: 0, notReady: 0 });
  });

  it('lists live breaches with at-risk before breached (SPEC §4)', () => {
    const { list, counts } = s.breaches(NOW);
    // answer: billing c6 (40 s), c9 (120 s so far); sales c3 (20), c7 (300), c8 (30): 5; a3's break: 1.
    expect(counts).toEqual({ answer: 5, not_ready_overrun: 1, atRisk: 1 });
    // Breached first, then at risk, then ended within the last 15 minutes; by due time within each.
    expect(list.map((b) => [b.subject, b.status])).toEqual([
      ['agent:a3', 'breached'], // due 01:55:00
      ['call:c9', 'breached'], // due 01:58:15
      ['call:c10', 'at_risk'], // due 02:00:02
      ['call:c7', 'ended'], // due 01:40:15, timed out 01:45:00: exactly 15 minutes ago
      ['call:c8', 'ended'], // due 01:52:20 in sales, answered 01:52:35
    ]);
    const a3 = list.find((b) => b.subject === 'agent:a3')!;
    expect(a3).toMatchObject({
      rule: 'not_ready_overrun',
      dueAt: '2026-03-02T09:55:00.000+08:00',
      breachedAt: '2026-03-02T09:55:00.000+08:00',
      endedAt: null,
    });
    const c10 = list.find((b) => b.subject === 'call:c10')!;
    expect(c10).toMatchObject({ rule: 'answer', queue: 'billing', dueAt: '2026-03-02T10:00:02.000+08:00', breachedAt: null });
  });

  it('turns at risk into breached as time passes, without events', () => {
    const later = NOW + 3_000; // c10 has waited 16 s
    const c10 = s.breaches(later).list.find((b) => b.subject === 'call:c10')!;
    expect(c10.status).toBe('breached');
    expect(s.breaches(later).counts.atRisk).toBe(0);
  });

  it("names a call's agent, and lists an agent's overrun, only within the teams in scope", () => {
    // c8's late sales leg was answered by a2, who never sent a team; a3 (team-b) is on an overrunning break.
    const teamA = { queues: null, teams: ['team-a'] };
    const c8 = (scope: { queues: null; teams: string[] | null } = teamA) =>
      s.breaches(NOW, scope).list.find((b) => b.subject === 'call:c8')!;
    expect(c8({ queues: null, teams: null }).agentId).toBe('a2');
    expect(c8().agentId).toBeNull();
    expect(s.breaches(NOW, teamA).list.map((b) => b.subject)).toEqual(['call:c9', 'call:c10', 'call:c7', 'call:c8']);
    expect(s.breaches(NOW, teamA).counts).toEqual({ answer: 5, not_ready_overrun: 0, atRisk: 1 });
    expect(s.breaches(NOW, { queues: null, teams: ['team-b'] }).list.map((b) => b.agentId)).toEqual(['a3', null, null, null, null]);

    const answered = (teams: string[] | null) =>
      s.drill({ queues: ['sales'], figure: 'answered' }, NOW, { limit: 50 }, teams).rows.map((r) => [r.callId, r.agentId]);
    expect(answered(null)).toEqual([
      ['c8', 'a2'],
      ['c3', 'a2'],
    ]);
    expect(answered(['team-a'])).toEqual([
      ['c8', null],
      ['c3', null],
    ]);
    // The held leg itself keeps its agent: only the page is redacted.
    expect(answered(null)[0]).toEqual(['c8', 'a2']);

    // Once the directory puts a2 in team-a, a team-a supervisor sees a2.
    const named = stateWith(morning());
    named.setDirectory([{ agentId: 'a2', name: '王芳', team: 'team-a' }]);
    expect(named.breaches(NOW, teamA).list.find((b) => b.subject === 'call:c8')!.agentId).toBe('a2');
    expect(named.drill({ queues: ['sales'], figure: 'answered' }, NOW, { limit: 1 }, ['team-a']).rows[0]!.agentId).toBe('a2');
  });

  it('drills into the calls behind a figure, newest first, paged', () => {
    const page1 = s.drill({ queues: ['billing'], figure: 'abandoned' }, NOW, { limit: 2 });
    expect(page1.total).toBe(3);
    expect(page1.rows.map((r) => r.callId)).toEqual(['c6', 'c5']);
    const last = page1.rows.at(-1)!;
    const page2 = s.drill({ queues: ['billing'], figure: 'abandoned' }, NOW, {
      limit: 2,
      before: { offeredMs: last.offeredAt.getTime(), callId: last.callId, queue: last.queue },
    });
    expect(page2.rows.map((r) => r.callId)).toEqual(['c4']);
    expect(s.drill({ queues: null, figure: 'breached' }, NOW, { limit: 50 }).rows.map((r) => r.callId)).toEqual([
      'c9',
      'c8',
      'c7',
      'c6',
      'c3',
    ]);
    expect(s.drill({ queues: ['billing'], figure: 'short_abandoned' }, NOW, { limit: 50 }).rows.map((r) => r.callId)).toEqual(['c4']);
    expect(s.callerOf('c1')).toBe('13812345678');
  });
});

describe('live state: order, duplicates, late events', () => {
  it('ends equal whatever the arrival order, and a duplicate changes nothing', () => {
    const events = morning();
    const inOrder = stateWith(events);
    const reversed = stateWith([...events].reverse());
    const twice = stateWith([...events, ...events.slice(0, 10)]);
    const oneByOne = new LiveState(clock, book(), NOW);
    // One at a time in a fixed shuffle (37 is prime to the event count).
    expect(events.length % 37).not.toBe(0);
    for (let i = 0; i < events.length; i++) oneByOne.apply([events[(i * 37) % events.length]!]);
    expect(observable(reversed)).toEqual(observable(inOrder));
    expect(observable(twice)).toEqual(observable(inOrder));
    expect(observable(oneByOne)).toEqual(observable(inOrder));
  });

  it('places a late wrap-up on the call it follows (AHT changes when the agent leaves wrap-up)', () => {
    n = 500;
    const s = stateWith(
      [
        ev('call.offered', t('03:00:00'), { callId: 'w1', queue: 'q', callType: 'x' }),
        ev('call.answered', t('03:00:05'), { callId: 'w1', agentId: 'b1' }),
        ev('call.ended', t('03:01:05'), { callId: 'w1', endedBy: 'agent' }),
        ev('agent.state', t('03:01:05'), { agentId: 'b1', state: 'wrap_up' }),
      ],
      ms('03:05:00'),
    );
    // wrap-up still open: the call's handle time is its talk alone
    expect(s.queueView('q', ms('03:05:00')).today.ahtS).toBe(60);
    s.apply([ev('agent.state', t('03:01:50'), { agentId: 'b1', state: 'available' })]);
    expect(s.queueView('q', ms('03:05:00')).today.ahtS).toBe(105);
  });
});

describe('live state: the day and its rules', () => {
  it('rolls over at local midnight: a call waiting over midnight still waits but belongs to yesterday', () => {
    n = 700;
    // 23:59:50 local on 2 March is 15:59:50Z.
    const s = new LiveState(clock, book(), Date.parse('2026-03-02T15:59:55Z'));
    s.apply([ev('call.offered', '2026-03-02T15:59:50Z', { callId: 'm1', queue: 'q', callType: 'x' })]);
    expect(s.queueView('q', Date.parse('2026-03-02T15:59:55Z')).today.offered).toBe(1);
    const after = Date.parse('2026-03-02T16:00:05Z');
    expect(s.rollOver(after)).toBe(true);
    expect(s.today.day).toBe('2026-03-03');
    let q = s.queueView('q', after);
    expect(q.today.offered).toBe(0);
    expect(q.waiting).toBe(1);
    expect(q.longestWaitS).toBe(15);
    s.apply([
      ev('call.answered', '2026-03-02T16:00:10Z', { callId: 'm1', agentId: 'z' }),
      ev('call.offered', '2026-03-02T16:00:30Z', { callId: 'm2', queue: 'q', callType: 'x' }),
    ]);
    q = s.queueView('q', Date.parse('2026-03-02T16:00:40Z'));
    expect(q.waiting).toBe(1);
    expect(q.today.offered).toBe(1);
    expect(q.today.answered).toBe(0);
    expect(q.byHour).toHaveLength(1);
  });

  it('has 23 hours on the day New York springs forward, and rolls over at its local midnight', () => {
    const ny = new CenterClock('America/New_York');
    const day = ny.dayOf(Date.parse('2026-03-08T12:00:00Z'));
    expect(day.day).toBe('2026-03-08');
    expect((day.endMs - day.startMs) / 3_600_000).toBe(23);
    expect(ny.hours(day.startMs, day.endMs)).toHaveLength(23);
    const s = new LiveState(ny, book(), Date.parse('2026-03-08T12:00:00Z'));
    n = 800;
    // 03:30 EDT (UTC−4) = 07:30Z: the hour after the skipped 02:00
    s.apply([ev('call.offered', '2026-03-08T07:30:00Z', { callId: 'd1', queue: 'q', callType: 'x' })]);
    const hours = s.queueView('q', Date.parse('2026-03-09T03:59:00Z')).byHour;
    expect(hours).toHaveLength(23);
    expect(hours.find((h) => h.byCallType.x === 1)!.hour).toBe('2026-03-08T03:00:00.000-04:00');
    expect(hours[2]!.hour).toBe('2026-03-08T03:00:00.000-04:00');
    expect(s.rollOver(Date.parse('2026-03-09T03:59:59Z'))).toBe(false);
    expect(s.rollOver(Date.parse('2026-03-09T04:00:00Z'))).toBe(true);
    expect(s.queueView('q', Date.parse('2026-03-09T04:00:01Z')).today.offered).toBe(0);
  });

  it('measures each call by the rules in force when it was offered', () => {
    n = 900;
    const change = ms('04:00:00');
    const rules = book([defaultRulesRow({ queue: 'q', effectiveFromMs: change, rings: 2 })]);
    const s = stateWith(
      [
        ev('call.offered', t('03:59:00'), { callId: 'r1', queue: 'q', callType: 'x' }),
        ev('call.answered', t('03:59:12'), { callId: 'r1', agentId: 'z' }),
        ev('call.offered', t('04:01:00'), { callId: 'r2', queue: 'q', callType: 'x' }),
        ev('call.answered', t('04:01:12'), { callId: 'r2', agentId: 'z' }),
      ],
      ms('04:05:00'),
      rules,
    );
    const q = s.queueView('q', ms('04:05:00'));
    // r1: 12 s ≤ 15 s (old rule); r2: 12 s > 10 s (2 rings × 5 s from 04:00)
    expect(q.today.answeredInThreshold).toBe(1);
    expect(q.rules.slThresholdS).toBe(10);
  });

  it('a process rebuilt from the window (agent states carried over) shows what one that ran all along shows', () => {
    n = 1000;
    const events = [
      // before the window (20:00 local the day before is 4 h before midnight): only a1's state survives
      ev('agent.state', '2026-03-01T10:00:00Z', { agentId: 'a1', state: 'not_ready', reason: 'break', name: '张伟', team: 'team-a' }),
      ev('agent.state', '2026-03-01T11:00:00Z', { agentId: 'old', state: 'offline' }),
      ...morning(),
    ];
    const start = Date.parse('2026-03-01T09:00:00Z');
    const always = new LiveState(clock, book(), start);
    always.apply(events.slice(0, 2));
    always.rollOver(Date.parse('2026-03-01T16:00:00Z'));
    always.apply(events.slice(2));
    // The rebuild: agent_states as the writer derives them, the interval running at the window's start, then the window's events.
    const rebuilt = new LiveState(clock, book(), NOW);
    const from = rebuilt.windowStart;
    const agentEvents = events.filter((e) => e.type === 'agent.state') as Parameters<typeof buildAgentIntervals>[0];
    const carries = buildAgentIntervals(agentEvents).filter(
      (i) => i.startedAt.getTime() < from && (i.endedAt === null || i.endedAt.getTime() > from) && i.state !== 'offline',
    );
    rebuilt.apply(carries.map(carryEvent), { carry: true });
    rebuilt.apply(events.filter((e) => Date.parse(e.ts) >= from));
    expect(observable(rebuilt)).toEqual(observable(always));
    expect(always.agentIds(null)).toEqual(['a1', 'a3']);
  });
});

describe('live state: what it holds', () => {
  it('holds each event once without a list of every id: a call event and an agent event sent again much later change nothing', () => {
    const events = morning();
    const s = stateWith(events);
    const before = observable(s);
    expect(s.size()).toEqual({ events: events.length, calls: 10, agents: 3 });
    // c1's offer (the first call event) and a1's first state, delivered again an hour on, with the rest of a batch.
    const offer = events.find((e) => e.type === 'call.offered')!;
    const state = events.find((e) => e.type === 'agent.state')!;
    expect(s.apply([offer, state, offer])).toBe(0);
    expect(s.size().events).toBe(events.length);
    expect(observable(s)).toEqual(before);
  });

  it('puts an agent event that arrives late, after later ones, where it belongs: the same as the events folded in order', () => {
    const events = morning();
    // a1 went not ready for 40 s at +600 (between c1 and c3); it arrives after everything else.
    const late = [
      ev('agent.state', t('01:10:00'), { agentId: 'a1', state: 'not_ready', reason: 'meeting' }),
      ev('agent.state', t('01:10:40'), { agentId: 'a1', state: 'available' }),
    ];
    const s = stateWith(events);
    expect(s.apply(late)).toBe(2);
    const fresh = stateWith([...late, ...events]);
    expect(observable(s)).toEqual(observable(fresh));
    expect(s.size().events).toBe(events.length + 2);
    // a1 was available from +220 until c8 rang at +3000: the 40 s not ready come off the queue's available time, busy stays.
    const inOrder = stateWith(events).queueView('billing', NOW).today;
    expect(s.queueView('billing', NOW).today.availableS).toBe(inOrder.availableS - 40);
    expect(s.queueView('billing', NOW).today.busyS).toBe(inOrder.busyS);
  });

  it('gives the caller number of the earliest offer of a call offered twice, whatever the arrival order', () => {
    const first = ev('call.offered', t('01:30:00'), { callId: 'dup', queue: 'billing', caller: '13800000001' });
    const resend = ev('call.offered', t('01:30:05'), { callId: 'dup', queue: 'billing', caller: '13800000002' });
    expect(stateWith([first, resend]).callerOf('dup')).toBe('13800000001');
    expect(stateWith([resend, first]).callerOf('dup')).toBe('13800000001');
  });
});
