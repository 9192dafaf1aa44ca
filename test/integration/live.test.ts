/**
 * The live engine through the real app: events posted over HTTP, figures read
 * from `GET /api/v1/live` and the `/live` socket, with the live clock fixed so
 * the hand-computed figures of test/support/live-scenario.ts hold exactly.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LiveService, type LivePatch, type LiveSnapshot, simulate } from '@callboard/api';
import { type Socket, io } from 'socket.io-client';
import { applyPatch, applySnapshot } from '../../wallboard/src/live/merge.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, type RunningApp, postEvents, startApp, until } from '../support/app.js';
import { type Client, PASSWORD, type Principals, login, signInEveryRole } from '../support/auth.js';
import { SCENARIO_NOW_S, liveScenario, middayZone } from '../support/live-scenario.js';

const TZ = middayZone();
const NOW = Math.floor(Date.now() / 1000) * 1000;
const BASE = NOW - SCENARIO_NOW_S * 1000;
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'callboard-live-'));
let app: RunningApp;
let principals: Principals;
const sockets: Socket[] = [];

async function boot(): Promise<RunningApp> {
  const a = await startApp({ CALLBOARD_TZ: TZ, CALLBOARD_DATA_DIR: dataDir });
  a.get(LiveService).now = () => NOW;
  return a;
}

beforeAll(async () => {
  app = await boot();
  principals = await signInEveryRole(app);
  const events = liveScenario(BASE);
  // Two posts, the second half first: arrival order must not matter.
  const half = Math.floor(events.length / 2);
  expect((await postEvents(app.url, events.slice(half))).status).toBe(202);
  expect((await postEvents(app.url, events.slice(0, half))).status).toBe(202);
  // The same weekday last week, in the scenario's first hour: read when a process starts (see 'rebuild on start').
  // Zones from middayZone() have whole-hour offsets: local hours start on UTC hours.
  const week = BASE - (BASE % 3_600_000) - 7 * 86_400_000;
  const at = (s: number) => new Date(week + s * 1000).toISOString();
  const lw = (n: number, type: string, s: number, payload: object) => ({ id: `lw-${n}`, type, ts: at(s), source: 'test', payload });
  expect(
    (
      await postEvents(app.url, [
        lw(1, 'call.offered', 60, { callId: 'lw1', queue: 'general', callType: 'billing' }),
        lw(2, 'call.answered', 65, { callId: 'lw1', agentId: 'a1' }),
        lw(3, 'call.offered', 120, { callId: 'lw2', queue: 'general', callType: 'billing' }),
        lw(4, 'call.abandoned', 150, { callId: 'lw2' }),
        lw(5, 'call.offered', 180, { callId: 'lw3', queue: 'general', callType: 'billing' }),
        lw(6, 'call.answered', 200, { callId: 'lw3', agentId: 'a1' }),
      ])
    ).status,
  ).toBe(202);
}, 60_000);

afterAll(async () => {
  for (const s of sockets) s.disconnect();
  await app?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const live = async (who: Client, query = ''): Promise<LiveSnapshot> => {
  const r = await who.get(`/api/v1/live${query}`);
  expect(r.status).toBe(200);
  return r.body as LiveSnapshot;
};

function connect(who: Client): Socket {
  const socket = io(`${app.url}/live`, {
    transports: ['websocket'],
    extraHeaders: { cookie: who.cookie!, origin: app.url },
    reconnection: false,
  });
  sockets.push(socket);
  return socket;
}

/** Subscribes and collects what the server sends. */
async function watch(who: Client, body: object = {}) {
  const socket = connect(who);
  const patches: LivePatch[] = [];
  socket.on('patch', (p: LivePatch) => patches.push(p));
  const snapshot = new Promise<LiveSnapshot>((r) => socket.once('snapshot', r));
  await new Promise<void>((r) => socket.once('connect', () => r()));
  const ack = await socket.emitWithAck('subscribe', body);
  expect(ack.ok).toBe(true);
  return { socket, patches, snapshot: await snapshot, ack };
}

describe('GET /api/v1/live: figures by hand (SPEC §3)', () => {
  it('general and sales as worked out in the scenario', async () => {
    const snap = await until('all scenario calls counted', async () => {
      const s = await live(principals.byRole.manager!);
      return s.queues.find((q) => q.queue === 'general')?.today.offered === 8 &&
        s.queues.find((q) => q.queue === 'sales')?.today.offered === 3
        ? s
        : undefined;
    });
    expect(snap.tz).toBe(TZ);
    const general = snap.queues.find((q) => q.queue === 'general')!;
    expect(general.today).toMatchObject({
      offered: 8,
      answered: 3,
      answeredInThreshold: 3,
      abandoned: 3,
      shortAbandoned: 1,
      abandonedInThreshold: 2,
      timedOut: 0,
      handled: 3,
    });
    expect(general.today.threeRingRate).toBeCloseTo(0.6, 12);
    expect(general.today.slAnsweredOnly).toBe(1);
    expect(general.today.slAbandonNeutral).toBeCloseTo(5 / 6, 12);
    expect(general.today.asaS).toBeCloseTo(10, 9);
    expect(general.today.abandonRate).toBeCloseTo(2 / 7, 12);
    expect(general.today.ahtS).toBeCloseTo(150, 9);
    expect(general.today.occupancy).toBeCloseTo(330 / 3652, 12);
    expect(general.waiting).toBe(2);
    expect(general.longestWaitS).toBe(120);
    expect(general.rules).toMatchObject({ rings: 3, ringCycleS: 5, slThresholdS: 15, shortAbandonS: 5 });
    const sales = snap.queues.find((q) => q.queue === 'sales')!;
    expect(sales.today).toMatchObject({ offered: 3, answered: 2, answeredInThreshold: 0, timedOut: 1, threeRingRate: 0 });
    expect(sales.today.asaS).toBeCloseTo(25, 9);
    expect(sales.today.ahtS).toBeCloseTo(210, 9);
    // the whole center: 11 offered, 5 answered, 3 within
    expect(snap.totals).toMatchObject({ offered: 11, answered: 5, answeredInThreshold: 3, abandoned: 3, timedOut: 1 });
    expect(snap.breachCounts).toEqual({ answer: 5, not_ready_overrun: 1, atRisk: 1 });
    expect(snap.agents.map((a) => [a.agentId, a.state, a.handledToday])).toEqual([
      ['a1', 'available', 2],
      ['a3', 'not_ready', 0],
    ]);
    // Staffing inputs over the last 30 minutes: c6, c8, c9, c10 offered → 8 an hour; AHT from c8's 120 s.
    expect(general.staffing).toMatchObject({
      offeredInWindow: 4,
      arrivalsPerHour: 8,
      ahtS: 120,
      ahtFrom: 'window',
      staffed: 1,
      available: 1,
      slThresholdS: 15,
      slTarget: 0.8,
    });
    expect(general.staffing.trafficErlangs).toBeCloseTo((8 / 3600) * 120, 3);
    expect(general.staffing.requiredErlangC).toBeGreaterThanOrEqual(1);
    expect(general.staffing.gapErlangC).toBe(1 - general.staffing.requiredErlangC!);
    // Erlang C by hand, A = 0.2667 E, AHT 120 s, 15 s, target 80 %:
    //   N = 1: C = A = 0.2667, SL = 1 − 0.2667 · e^(−0.7333 · 15/120) = 0.757 < 0.8;
    //   N = 2: C = (A²/2 · 2/(2 − A)) ÷ (1 + A + A²/2 · 2/(2 − A)) = 0.04103 ÷ 1.3077 = 0.03137,
    //          SL = 1 − 0.03137 · e^(−1.7333 · 15/120) = 0.975 → 2 agents, 1 staffed: gap −1.
    expect(general.staffing).toMatchObject({ requiredErlangC: 2, slErlangC: 0.975, gapErlangC: -1 });
  });

  it('answers the same snapshot as the socket', async () => {
    const { snapshot } = await watch(principals.byRole.manager!);
    const rest = await live(principals.byRole.manager!);
    expect({ ...rest, seq: 0 }).toEqual({ ...snapshot, seq: 0 });
  });

  it('holds a supervisor to queue general and team-a, on REST and socket alike', async () => {
    const supervisor = principals.byRole.supervisor!;
    const { snapshot } = await watch(supervisor);
    expect(snapshot.subscription).toEqual({ queues: ['general'], teams: ['team-a'] });
    expect(snapshot.queues.map((q) => q.queue)).toEqual(['general']);
    expect(snapshot.agents.map((a) => a.agentId)).toEqual(['a1']);
    // a3 (team-b) and the sales calls are outside: only general's c9, c10 and no ended item within 15 minutes
    expect(snapshot.breaches.map((b) => b.subject)).toEqual(['call:lv-c9', 'call:lv-c10']);
    expect(snapshot.breachCounts).toEqual({ answer: 2, not_ready_overrun: 0, atRisk: 1 });
    expect((await supervisor.get('/api/v1/live?queue=sales')).status).toBe(403);
    expect((await principals.byRole.qa_reviewer!.get('/api/v1/live')).status).toBe(403);
  });
});

describe('/live patches', () => {
  it('numbers patches after the snapshot and carries the changed queue and agent', async () => {
    const { snapshot, patches } = await watch(principals.byRole.manager!);
    expect(
      (
        await postEvents(app.url, [
          {
            id: 'lv-new-1',
            type: 'call.offered',
            ts: new Date(NOW - 1000).toISOString(),
            source: 'test',
            payload: { callId: 'lv-c11', queue: 'general', callType: 'billing' },
          },
          {
            id: 'lv-new-2',
            type: 'agent.state',
            ts: new Date(NOW - 1000).toISOString(),
            source: 'test',
            payload: { agentId: 'a1', state: 'ringing' },
          },
        ])
      ).status,
    ).toBe(202);
    const patch = await until('a patch with general', async () => patches.find((p) => p.queues?.some((q) => q.queue === 'general')));
    expect(patches[0]!.seq).toBe(snapshot.seq + 1);
    patches.forEach((p, i) => expect(p.seq).toBe(snapshot.seq + 1 + i));
    const general = patch.queues!.find((q) => q.queue === 'general')!;
    expect(general.waiting).toBe(3);
    expect(general.today?.offered).toBe(9);
    expect(patch.totals!.offered).toBe(12);
    const agents = await until('a patch with a1', async () => patches.find((p) => p.agents?.some((a) => a.agentId === 'a1'))?.agents);
    expect(agents.find((a) => a.agentId === 'a1')!.state).toBe('ringing');
    expect(patch.lastEventAt).not.toBeNull();
    // Once the room has a queue, patches leave out its rules and last week's volume: c11 starts ringing.
    expect(
      (
        await postEvents(app.url, [
          {
            id: 'lv-new-3',
            type: 'call.ringing',
            ts: new Date(NOW - 500).toISOString(),
            source: 'test',
            payload: { callId: 'lv-c11', agentId: 'a1' },
          },
        ])
      ).status,
    ).toBe(202);
    const later = await until('a patch with c11 ringing', async () =>
      patches.find((p) => p.queues?.some((q) => q.queue === 'general' && q.waitingCalls?.some((w) => w.callId === 'lv-c11' && w.ringing))),
    );
    const partial = later.queues!.find((q) => q.queue === 'general')!;
    // Only what moved: the waiting list (c11 rings now). No count changed, so no figure, hour or rule is sent again.
    expect(partial.waitingCalls!.map((w) => [w.callId, w.ringing])).toContainEqual(['lv-c11', true]);
    expect(partial.today).toBeUndefined();
    expect(partial.byCallType).toBeUndefined();
    expect(partial.rules).toBeUndefined();
    expect(partial.lastWeek).toBeUndefined();
    expect(partial.byHour).toBeUndefined();
    expect(partial.byHourTail).toBeUndefined();
    expect(later.queues!.some((q) => q.queue === 'sales')).toBe(false);
    // The snapshot with every patch merged in, as the wallboard does, is the snapshot asked for now (the clock stands still).
    const fresh = await live(principals.byRole.manager!);
    const merged = patches.reduce((state, p) => {
      const next = applyPatch(state, p);
      expect(next.gap).toBe(false);
      return next.state;
    }, applySnapshot(snapshot));
    expect(fresh.lastEventAt).toBe(merged.lastEventAt);
    expect({ ...merged, seq: 0, asOf: '' }).toEqual({ ...fresh, seq: 0, asOf: '' });
  });

  it('sends a fresh snapshot when a client asks again after a gap', async () => {
    const { socket, snapshot } = await watch(principals.byRole.manager!);
    const again = new Promise<LiveSnapshot>((r) => socket.once('snapshot', r));
    const ack = await socket.emitWithAck('subscribe', {});
    expect(ack).toMatchObject({ ok: true });
    const fresh = await again;
    expect(fresh.seq).toBeGreaterThanOrEqual(snapshot.seq);
    expect(fresh.queues.find((q) => q.queue === 'general')!.today.offered).toBe(9);
    expect(fresh.queues.find((q) => q.queue === 'general')!.rules.slThresholdS).toBe(15);
  });
});

describe('GET /api/v1/live/calls: the calls behind a figure', () => {
  it('pages the abandoned calls of general, newest first', async () => {
    const admin = principals.byRole.admin!;
    const p1 = await admin.get('/api/v1/live/calls?figure=abandoned&queue=general&limit=2');
    expect(p1.status).toBe(200);
    expect(p1.body.total).toBe(3);
    expect(p1.body.rows.map((r: { callId: string }) => r.callId)).toEqual(['lv-c6', 'lv-c5']);
    expect(p1.body.rows[0]).toMatchObject({ outcome: 'abandoned', waitS: 40, shortAbandon: false, slThresholdS: 15 });
    const p2 = await admin.get(`/api/v1/live/calls?figure=abandoned&queue=general&limit=2&before=${p1.body.next}`);
    expect(p2.body.rows.map((r: { callId: string; shortAbandon: boolean }) => [r.callId, r.shortAbandon])).toEqual([['lv-c4', true]]);
    expect(p2.body.next).toBeNull();
  });

  it('shows caller numbers in full to admins only', async () => {
    const q = '/api/v1/live/calls?figure=answered_in_threshold&queue=general';
    const admin = await principals.byRole.admin!.get(q);
    const supervisor = await principals.byRole.supervisor!.get(q);
    expect(admin.body.rows.map((r: { callId: string }) => r.callId)).toEqual(['lv-c8', 'lv-c2', 'lv-c1']);
    expect(admin.body.rows.find((r: { callId: string }) => r.callId === 'lv-c1').caller).toBe('13812345678');
    expect(supervisor.body.rows.find((r: { callId: string }) => r.callId === 'lv-c1').caller).toBe('*******5678');
    expect(admin.body.rows.find((r: { callId: string }) => r.callId === 'lv-c1').agentName).toBe('张伟');
  });

  it('lists breached calls, refuses kiosks and bad figures', async () => {
    const breached = await principals.byRole.manager!.get('/api/v1/live/calls?figure=breached');
    expect(breached.body.rows.map((r: { callId: string; queue: string }) => `${r.callId}@${r.queue}`)).toEqual([
      'lv-c9@general',
      'lv-c8@sales',
      'lv-c7@sales',
      'lv-c6@general',
      'lv-c3@sales',
    ]);
    expect((await principals.byRole.kiosk!.get('/api/v1/live/calls?figure=abandoned')).status).toBe(403);
    expect((await principals.byRole.supervisor!.get('/api/v1/live/calls?figure=abandoned&queue=sales')).status).toBe(403);
    const bad = await principals.byRole.manager!.get('/api/v1/live/calls?figure=lost');
    expect(bad.status).toBe(400);
    expect(bad.body.field).toBe('figure');
  });
});

describe('rebuild on start', () => {
  it('a restarted process shows the same snapshot as before it stopped', async () => {
    const manager = principals.byRole.manager!;
    const before = await live(manager);
    await app.close();
    app = await boot();
    const again = await login(app.url, 'manager1', PASSWORD);
    const after = await live(again);
    const withoutLastWeek = (x: LiveSnapshot) => ({ ...x, seq: 0, queues: x.queues.map((q) => ({ ...q, lastWeek: [] })) });
    expect(withoutLastWeek(after)).toEqual(withoutLastWeek(before));
    // Last week's volume is read from TimescaleDB when the process starts: 3 calls in general's first scenario hour,
    // 1 answered within 15 s, 1 late, 1 abandoned after 30 s → 1 ÷ (2 + 1 − 0 + 0).
    const lastWeek = after.queues.find((q) => q.queue === 'general')!.lastWeek;
    expect(lastWeek).toHaveLength(24);
    const hour = lastWeek.find((h) => h.offered > 0)!;
    expect(hour).toMatchObject({
      byCallType: { billing: 3 },
      offered: 3,
      answered: 2,
      answeredInThreshold: 1,
      abandoned: 1,
      shortAbandoned: 0,
      timedOut: 0,
    });
    expect(hour.threeRingRate).toBeCloseTo(1 / 3, 12);
    expect(hour.hour.slice(11, 13)).toBe(
      before.queues
        .find((q) => q.queue === 'general')!
        .byHour.find((h) => h.offered > 0)!
        .hour.slice(11, 13),
    );
    const health = (await (await login(app.url, 'admin', ADMIN_PASSWORD)).get('/health')).body as { live: unknown };
    // 36 scenario events and the 3 posted by the patch test; calls c1 … c11; agents a1, a2, a3
    expect(health.live).toMatchObject({ ready: true, day: before.day, events: 39, calls: 11, agents: 3 });
  }, 60_000);
});

describe('live figures and TimescaleDB', () => {
  it('agree: the live engine counts what the writer stores', async () => {
    // Forty simulated minutes before the fixed now, on top of the scenario.
    const events = [...simulate({ seed: 5, tz: TZ, rate: 3 }, NOW - 45 * 60_000, NOW - 5 * 60_000)].map((e) => ({
      ...e,
      id: `sim-${e.id}`,
    }));
    expect(events.length).toBeGreaterThan(200);
    expect((await postEvents(app.url, events)).status).toBe(202);
    const manager = await login(app.url, 'manager1', PASSWORD);
    const keys = [
      'offered',
      'answered',
      'answeredInThreshold',
      'abandoned',
      'shortAbandoned',
      'timedOut',
      'threeRingRate',
      'asaS',
      'abandonRate',
    ] as const;
    const pick = (f: Record<string, unknown>) =>
      Object.fromEntries(keys.map((k) => [k, typeof f[k] === 'number' ? Number((f[k] as number).toFixed(9)) : f[k]]));
    const [liveTotals, dbTotals] = await until('the database to hold every call the live engine counts', async () => {
      const [l, d] = await Promise.all([live(manager), manager.get('/api/v1/today')]);
      return JSON.stringify(pick(l.totals)) === JSON.stringify(pick(d.body.totals)) ? [l.totals, d.body.totals] : undefined;
    }).catch(async () => [(await live(manager)).totals, (await manager.get('/api/v1/today')).body.totals]);
    expect(pick(liveTotals)).toEqual(pick(dbTotals));
    expect(liveTotals.offered).toBeGreaterThan(30);
  }, 60_000);

  it("agree on today's breaches: the sla_breaches view lists what the wallboard counts", async () => {
    const service = app.get(LiveService);
    service.now = Date.now;
    const manager = await login(app.url, 'manager1', PASSWORD);
    const dayStart = new Date(service.state.today.startMs);
    const counts = await until('the same breach counts', async () => {
      const snap = await live(manager);
      const db = await app.db.query<{ rule: string; n: number }>(
        `SELECT rule, count(*) AS n FROM sla_breaches WHERE due_at >= $1 GROUP BY rule`,
        [dayStart],
      );
      const stored = Object.fromEntries(db.rows.map((r) => [r.rule, Number(r.n)]));
      const shown = { answer: snap.breachCounts.answer, not_ready_overrun: snap.breachCounts.not_ready_overrun };
      return JSON.stringify(stored) === JSON.stringify(shown) ? shown : undefined;
    });
    // the scenario's 5 + 1 at least, and whatever the simulated forty minutes added
    expect(counts.answer).toBeGreaterThanOrEqual(5);
    expect(counts.not_ready_overrun).toBeGreaterThanOrEqual(1);
  }, 60_000);
});

describe("a supervisor's team scope in the drill-down and breaches", () => {
  it("leaves out the agent of a call outside the supervisor's teams, and that agent's overruns; the admin sees both", async () => {
    // b1 (team-b) overruns a break (+1100, limit 900 s: breached +2000, back +3400), then answers a general call after 30 s (threshold 15 s).
    // Both items ended within the last 15 minutes: listed as ended.
    const at = (s: number) => new Date(BASE + s * 1000).toISOString();
    const e = (n: number, type: string, s: number, payload: object) => ({ id: `scope-${n}`, type, ts: at(s), source: 'test', payload });
    const posted = await postEvents(app.url, [
      e(1, 'agent.state', 1000, { agentId: 'b1', state: 'available', name: '王强', team: 'team-b' }),
      e(2, 'agent.state', 1100, { agentId: 'b1', state: 'not_ready', reason: 'break' }),
      e(3, 'agent.state', 3400, { agentId: 'b1', state: 'available' }),
      e(4, 'call.offered', 3400, { callId: 'lv-b1', queue: 'general', callType: 'billing' }),
      e(5, 'call.answered', 3430, { callId: 'lv-b1', agentId: 'b1' }),
      e(6, 'agent.state', 3430, { agentId: 'b1', state: 'on_call' }),
      e(7, 'call.ended', 3490, { callId: 'lv-b1', endedBy: 'caller' }),
      e(8, 'agent.state', 3490, { agentId: 'b1', state: 'available' }),
    ]);
    expect(posted.status).toBe(202);
    // Sessions of this process: the one the suite began with was restarted above.
    const admin = await login(app.url, 'admin', ADMIN_PASSWORD);
    const supervisor = await login(app.url, 'super1', PASSWORD);
    const row = async (who: Client) => {
      const r = await who.get('/api/v1/live/calls?figure=answered_late&queue=general');
      expect(r.status).toBe(200);
      return (r.body.rows as { callId: string; agentId: string | null; agentName: string | null }[]).find((c) => c.callId === 'lv-b1');
    };
    expect(await until('the live state to hold lv-b1', () => row(admin))).toMatchObject({ agentId: 'b1', agentName: '王强', waitS: 30 });
    expect(await row(supervisor)).toMatchObject({ agentId: null, agentName: null, waitS: 30 });
    // Beside it, a team-a agent's call stays named for the supervisor.
    const inThreshold = await supervisor.get('/api/v1/live/calls?figure=answered_in_threshold&queue=general');
    expect(inThreshold.body.rows.find((r: { callId: string }) => r.callId === 'lv-c1')).toMatchObject({ agentId: 'a1', agentName: '张伟' });

    const item = (s: LiveSnapshot, subject: string) => s.breaches.find((b) => b.subject === subject);
    const adminView = await live(admin);
    expect(item(adminView, 'agent:b1')).toMatchObject({ rule: 'not_ready_overrun', agentId: 'b1', status: 'ended' });
    expect(item(adminView, 'call:lv-b1')).toMatchObject({ rule: 'answer', queue: 'general', agentId: 'b1', status: 'ended' });
    const supervisorView = await live(supervisor);
    expect(item(supervisorView, 'agent:b1')).toBeUndefined();
    expect(item(supervisorView, 'call:lv-b1')).toMatchObject({ rule: 'answer', queue: 'general', agentId: null, status: 'ended' });
    // a3 (team-b) is still on the scenario's overrunning break.
    expect(item(adminView, 'agent:a3')).toMatchObject({ rule: 'not_ready_overrun', status: 'breached' });
    expect(item(supervisorView, 'agent:a3')).toBeUndefined();
    // Today's overruns by the agent's team, as stored: a3's and b1's are team-b's; a simulated team-a agent's
    // overrun (the forty simulated minutes above) counts for the supervisor too.
    const dayStart = new Date(app.get(LiveService).state.today.startMs);
    const byTeam = async () => {
      const { rows } = await app.db.query<{ team: string | null; n: number }>(
        `SELECT (SELECT s.team FROM agent_states s WHERE s.agent_id = b.agent_id AND s.team IS NOT NULL
                  ORDER BY s.started_at DESC LIMIT 1) AS team, count(*)::int AS n
           FROM sla_breaches b WHERE b.rule = 'not_ready_overrun' AND b.due_at >= $1 GROUP BY 1`,
        [dayStart],
      );
      return Object.fromEntries(rows.map((r) => [r.team ?? '', Number(r.n)]));
    };
    const [stored, adminCount, supervisorCount] = await until('the stored overruns to match both views', async () => {
      const [teams, a, s] = await Promise.all([byTeam(), live(admin), live(supervisor)]);
      const total = Object.values(teams).reduce((x, y) => x + y, 0);
      const matched = a.breachCounts.not_ready_overrun === total && s.breachCounts.not_ready_overrun === (teams['team-a'] ?? 0);
      return matched ? ([teams, a.breachCounts.not_ready_overrun, s.breachCounts.not_ready_overrun] as const) : undefined;
    });
    expect(stored['team-b']).toBeGreaterThanOrEqual(2);
    expect(supervisorCount).toBe(stored['team-a'] ?? 0);
    expect(adminCount - supervisorCount).toBeGreaterThanOrEqual(2);
    // The socket's snapshot holds the supervisor to the same scope.
    const { snapshot } = await watch(supervisor);
    expect(item(snapshot, 'agent:b1')).toBeUndefined();
    expect(item(snapshot, 'call:lv-b1')).toMatchObject({ agentId: null });
  });
});
