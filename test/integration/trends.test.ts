/**
 * `GET /api/v1/trends` through the real app on the embedded TimescaleDB, from
 * hand-built calls posted as events (older days as a back-fill), each figure
 * worked out by hand from SPEC §3: the New York DST days (23 and 25 hours), a
 * month and a year boundary, Asia/Kolkata's half-hour offset, the real-time
 * tail, comparisons, filters and refusals.
 */
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '@callboard/api';
import { refreshAggregates } from '@callboard/db';
import { type RunningApp, postEvents, startApp, until } from '../support/app.js';
import { type Client, type Principals, signInEveryRole } from '../support/auth.js';

interface Event {
  id: string;
  type: string;
  ts: string;
  source: string;
  payload: Record<string, unknown>;
}

type Leg = { answerAfterS: number; talkS: number; agent: string } | { abandonAfterS: number } | { timeOutAfterS: number };

/** One call as events: offered at the instant `offeredAt` (ISO with offset), then answered and ended, abandoned, or timed out. */
function callEvents(callId: string, queue: string, callType: string, offeredAt: string, leg: Leg): Event[] {
  const t0 = Date.parse(offeredAt);
  const at = (s: number) => new Date(t0 + s * 1000).toISOString();
  const ev = (type: string, s: number, payload: Record<string, unknown>, n: number): Event => ({
    id: `${callId}-${n}`,
    type,
    ts: at(s),
    source: 'test',
    payload: { callId, ...payload },
  });
  const offered = ev('call.offered', 0, { queue, callType }, 0);
  if ('answerAfterS' in leg)
    return [
      offered,
      ev('call.answered', leg.answerAfterS, { agentId: leg.agent }, 1),
      ev('call.ended', leg.answerAfterS + leg.talkS, { endedBy: 'caller' }, 2),
    ];
  if ('abandonAfterS' in leg) return [offered, ev('call.abandoned', leg.abandonAfterS, {}, 1)];
  return [offered, ev('call.timed_out', leg.timeOutAfterS, {}, 1)];
}

const agentState = (agentId: string, team: string, ts: string): Event => ({
  id: `state-${agentId}`,
  type: 'agent.state',
  ts,
  source: 'test',
  payload: { agentId, state: 'available', name: agentId, team },
});

async function backfill(app: RunningApp, events: readonly Event[]): Promise<void> {
  const { secret } = await createApiKey(app.db, `history-${events[0]!.id}`, 'ingest', null, true);
  const res = await fetch(`${app.url}/api/v1/events?backfill=true`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${secret}` },
    body: JSON.stringify(events),
  });
  const body = (await res.json()) as { accepted: number; rejected: unknown[] };
  expect(res.status, JSON.stringify(body)).toBe(202);
  expect(body.accepted, JSON.stringify(body.rejected)).toBe(events.length);
}

const storedCalls = async (app: RunningApp) =>
  (await app.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM calls WHERE outcome NOT IN ('waiting', 'ringing')`)).rows[0]!.n;

async function awaitCalls(app: RunningApp, n: number): Promise<void> {
  await until(`${n} calls stored`, async () => (await storedCalls(app)) === n || undefined);
}

/** Materialises the aggregates over a range, so trends read stored buckets as well as the real-time part. */
async function refresh(app: RunningApp, from: string, to: string): Promise<void> {
  await refreshAggregates(app.db, from, to);
}

/** A bucket with no calls: zero counts and null rates. */
const EMPTY = {
  offered: 0,
  answered: 0,
  answeredInThreshold: 0,
  abandoned: 0,
  shortAbandoned: 0,
  abandonedInThreshold: 0,
  timedOut: 0,
  handled: 0,
  threeRingRate: null,
  slAnsweredOnly: null,
  slAbandonNeutral: null,
  asaS: null,
  abandonRate: null,
  ahtS: null,
  occupancy: null,
  answeredWaitS: 0,
  handleS: 0,
};

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- rows are JSON; each test reads the fields it asserts
type Row = any;
const nonEmpty = (rows: Row[]) => rows.map((r: Row, i: number) => [i, r] as const).filter(([, r]) => r.offered > 0);

describe('America/New_York', () => {
  let app: RunningApp;
  let principals: Principals;
  let manager: Client;
  const trends = async (query: string) => {
    const r = await manager.get(`/api/v1/trends?${query}`);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    return r.body;
  };

  const HISTORY: Event[] = [
    agentState('a1', 'north', '2025-01-01T00:00:00Z'),
    agentState('a2', 'south', '2025-01-01T00:00:01Z'),
    // Fall-back day 2026-11-01: 01:00–02:00 happens twice (EDT −04:00, then EST −05:00).
    ...callEvents('fb1', 'general', 'support', '2026-11-01T00:05:00-04:00', { abandonAfterS: 3 }),
    ...callEvents('fb2', 'general', 'sales', '2026-11-01T01:10:00-04:00', { answerAfterS: 10, talkS: 60, agent: 'a1' }),
    ...callEvents('fb3', 'billing', 'sales', '2026-11-01T01:20:00-05:00', { abandonAfterS: 30 }),
    ...callEvents('fb4', 'general', 'sales', '2026-11-01T23:50:00-05:00', { answerAfterS: 20, talkS: 100, agent: 'a2' }),
    // The day before, for compare=previous.
    ...callEvents('oc1', 'general', 'sales', '2026-10-31T12:00:00-04:00', { answerAfterS: 5, talkS: 30, agent: 'a1' }),
    // Spring-forward day 2026-03-08: 02:00–03:00 does not exist.
    ...callEvents('sf1', 'general', 'sales', '2026-03-08T01:30:00-05:00', { answerAfterS: 12, talkS: 40, agent: 'a1' }),
    ...callEvents('sf2', 'general', 'sales', '2026-03-08T03:15:00-04:00', { abandonAfterS: 8 }),
    // The same day a year earlier, for compare=last_year.
    ...callEvents('ly1', 'general', 'sales', '2025-03-08T12:00:00-05:00', { answerAfterS: 16, talkS: 20, agent: 'a1' }),
    // A month boundary: 23:30 on 31 March local is already 1 April in UTC.
    ...callEvents('mb1', 'general', 'sales', '2026-03-31T23:30:00-04:00', { answerAfterS: 4, talkS: 10, agent: 'a1' }),
    ...callEvents('mb2', 'general', 'sales', '2026-04-01T00:10:00-04:00', { timeOutAfterS: 60 }),
    // A year boundary inside ISO week 2026-W01 (Monday 2025-12-29 to Sunday 2026-01-04).
    ...callEvents('yb1', 'general', 'sales', '2025-12-31T23:30:00-05:00', { answerAfterS: 6, talkS: 10, agent: 'a1' }),
    ...callEvents('yb2', 'general', 'sales', '2026-01-04T23:30:00-05:00', { answerAfterS: 6, talkS: 10, agent: 'a1' }),
    ...callEvents('yb3', 'general', 'sales', '2026-01-05T00:10:00-05:00', { answerAfterS: 6, talkS: 10, agent: 'a1' }),
    // o1 of team east on 10 February: available 09:00, on a call 09:30, wrap-up 09:45, available 09:50, offline 10:15.
    ...(
      [
        ['09:00', 'available'],
        ['09:30', 'on_call'],
        ['09:45', 'wrap_up'],
        ['09:50', 'available'],
        ['10:15', 'offline'],
      ] as const
    ).map(([hhmm, state]) => ({
      id: `o1-${hhmm}`,
      type: 'agent.state',
      ts: `2026-02-10T${hhmm}:00-05:00`,
      source: 'test',
      payload: { agentId: 'o1', state, name: 'o1', team: 'east' },
    })),
  ];
  const HISTORY_CALLS = 13;

  beforeAll(async () => {
    app = await startApp({ CALLBOARD_TZ: 'America/New_York' });
    principals = await signInEveryRole(app);
    manager = principals.byRole.manager!;
    await backfill(app, HISTORY);
    await awaitCalls(app, HISTORY_CALLS);
    await until('the agent states of o1', async () => {
      const r = await app.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM agent_states WHERE agent_id = 'o1'`);
      return r.rows[0]!.n === 5 || undefined;
    });
    await refresh(app, '2025-01-01T00:00:00Z', '2026-11-10T00:00:00Z');
  }, 120_000);

  afterAll(async () => {
    await app?.close();
  });

  it('gives the 25 hours of the fall-back day, the repeated 01:00 hour twice, from the calls', async () => {
    const body = await trends('metric=threeRingRate&from=2026-11-01&to=2026-11-01&granularity=hour');
    expect(body).toMatchObject({ metric: 'threeRingRate', granularity: 'hour', tz: 'America/New_York', source: 'calls' });
    expect(body.rows).toHaveLength(25);
    expect(body.rows.slice(0, 4).map((r: Row) => r.bucket)).toEqual([
      '2026-11-01T00:00:00-04:00',
      '2026-11-01T01:00:00-04:00',
      '2026-11-01T01:00:00-05:00',
      '2026-11-01T02:00:00-05:00',
    ]);
    expect(body.rows[24].bucket).toBe('2026-11-01T23:00:00-05:00');
    expect(nonEmpty(body.rows).map(([i]) => i)).toEqual([0, 1, 2, 24]);
    // fb1: a short abandon (3 s < 5 s), within the threshold; three-ring rate 0 ÷ (0 + 1 − 1 + 0): null; abandon rate (1 − 1) ÷ (1 − 1): null.
    expect(body.rows[0]).toEqual({
      ...EMPTY,
      bucket: '2026-11-01T00:00:00-04:00',
      value: null,
      offered: 1,
      abandoned: 1,
      shortAbandoned: 1,
      abandonedInThreshold: 1,
      slAbandonNeutral: 1,
      abandonRate: null,
    });
    // fb2 (01:10 EDT): answered after 10 s, 60 s of talk.
    expect(body.rows[1]).toEqual({
      ...EMPTY,
      bucket: '2026-11-01T01:00:00-04:00',
      value: 1,
      offered: 1,
      answered: 1,
      answeredInThreshold: 1,
      handled: 1,
      threeRingRate: 1,
      slAnsweredOnly: 1,
      slAbandonNeutral: 1,
      asaS: 10,
      abandonRate: 0,
      ahtS: 60,
      answeredWaitS: 10,
      handleS: 60,
    });
    // fb3 (01:20 EST): abandoned after 30 s; 0 ÷ (0 + 1 − 0 + 0) = 0; abandon rate 1 ÷ 1.
    expect(body.rows[2]).toEqual({
      ...EMPTY,
      bucket: '2026-11-01T01:00:00-05:00',
      value: 0,
      offered: 1,
      abandoned: 1,
      threeRingRate: 0,
      slAbandonNeutral: 0,
      abandonRate: 1,
    });
    // fb4 (23:50 EST, 04:50 UTC the next day): answered after 20 s, outside the 15 s threshold.
    expect(body.rows[24]).toMatchObject({ value: 0, offered: 1, answered: 1, answeredInThreshold: 0, asaS: 20, ahtS: 100 });
    expect(body.rows[3]).toEqual({ ...EMPTY, bucket: '2026-11-01T02:00:00-05:00', value: null });

    // With the day before: that day from the hourly aggregate, the fall-back day still from the calls.
    const two = await trends('metric=offered&from=2026-10-31&to=2026-11-01&granularity=hour');
    expect(two.source).toBe('calls_hourly_total');
    expect(two.rows).toHaveLength(24 + 25);
    expect(nonEmpty(two.rows).map(([i, r]) => [i, r.bucket, r.value])).toEqual([
      [12, '2026-10-31T12:00:00-04:00', 1],
      [24, '2026-11-01T00:00:00-04:00', 1],
      [25, '2026-11-01T01:00:00-04:00', 1],
      [26, '2026-11-01T01:00:00-05:00', 1],
      [48, '2026-11-01T23:00:00-05:00', 1],
    ]);
  });

  it('sums the hours into a weekday × hour grid, the repeated 01:00 into one cell over two hours', async () => {
    const r = await manager.get('/api/v1/trends/heatmap?from=2026-10-31&to=2026-11-01');
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const grid = r.body as { source: string; cells: Row[] };
    expect(grid).toMatchObject({ tz: 'America/New_York', from: '2026-10-31', to: '2026-11-01', source: 'calls_hourly_total' });
    expect(grid.cells).toHaveLength(168);
    expect(grid.cells.reduce((n: number, c: Row) => n + c.hours, 0)).toBe(24 + 25);
    const cell = (weekday: number, hour: number) => grid.cells[weekday * 24 + hour];
    // Saturday 12:00: oc1 answered after 5 s.
    expect(cell(5, 12)).toMatchObject({ hours: 1, offered: 1, answered: 1, answeredInThreshold: 1, threeRingRate: 1, asaS: 5 });
    // Sunday 00:00: fb1 abandoned after 3 s, a short abandon: no call for the rate to count.
    expect(cell(6, 0)).toMatchObject({ hours: 1, offered: 1, abandoned: 1, shortAbandoned: 1, threeRingRate: null });
    // Sunday 01:00 twice (EDT, EST): fb2 in time, fb3 abandoned after 30 s: 1 ÷ (1 + 1 − 0 + 0).
    expect(cell(6, 1)).toMatchObject({ hours: 2, offered: 2, answered: 1, answeredInThreshold: 1, abandoned: 1, threeRingRate: 1 / 2 });
    // Sunday 23:00: fb4 answered after 20 s, outside the threshold.
    expect(cell(6, 23)).toMatchObject({ hours: 1, offered: 1, answeredInThreshold: 0, threeRingRate: 0, asaS: 20 });
    expect(grid.cells.filter((c: Row) => c.offered > 0).map((c: Row) => [c.weekday, c.hour])).toEqual([
      [5, 12],
      [6, 0],
      [6, 1],
      [6, 23],
    ]);

    const billing = await manager.get('/api/v1/trends/heatmap?from=2026-10-31&to=2026-11-01&queue=billing');
    expect([billing.body.source, billing.body.cells.reduce((n: number, c: Row) => n + c.offered, 0)]).toEqual(['calls_hourly_queue', 1]);
    const tooLong = await manager.get('/api/v1/trends/heatmap?from=2025-01-01&to=2026-02-05');
    expect([tooLong.status, tooLong.body.field]).toEqual([400, 'to']);
    expect((await principals.byRole.supervisor!.get('/api/v1/trends/heatmap?from=2026-10-31&to=2026-11-01')).status).toBe(403);
  });

  it('sums the 25-hour day from the daily aggregate, rates from the summed counts', async () => {
    const body = await trends('metric=abandonRate&from=2026-10-31&to=2026-11-02&granularity=day');
    expect(body.source).toBe('calls_daily_total');
    expect(body.rows.map((r: Row) => r.bucket)).toEqual([
      '2026-10-31T00:00:00-04:00',
      '2026-11-01T00:00:00-04:00',
      '2026-11-02T00:00:00-05:00',
    ]);
    // fb1–fb4: offered 4, answered 2 (fb2 in time), abandoned 2 (fb1 short and in time).
    expect(body.rows[1]).toEqual({
      ...EMPTY,
      bucket: '2026-11-01T00:00:00-04:00',
      value: 1 / 3, // (2 − 1) ÷ (4 − 1)
      offered: 4,
      answered: 2,
      answeredInThreshold: 1,
      abandoned: 2,
      shortAbandoned: 1,
      abandonedInThreshold: 1,
      handled: 2,
      threeRingRate: 1 / 3, // 1 ÷ (2 + 2 − 1 + 0)
      slAnsweredOnly: 1 / 2, // 1 ÷ 2
      slAbandonNeutral: 1 / 2, // (1 + 1) ÷ (2 + 2)
      asaS: 15, // (10 + 20) ÷ 2
      abandonRate: 1 / 3,
      ahtS: 80, // (60 + 100) ÷ 2
      answeredWaitS: 30,
      handleS: 160,
    });
    expect(body.rows[0]).toMatchObject({ offered: 1, answered: 1, asaS: 5, value: 0 });
    expect(body.rows[2]).toEqual({ ...EMPTY, bucket: '2026-11-02T00:00:00-05:00', value: null });
  });

  it('gives the 23 hours and 92 quarter-hours of the spring-forward day from the aggregates', async () => {
    const hours = await trends('metric=offered&from=2026-03-08&to=2026-03-08&granularity=hour');
    expect(hours.source).toBe('calls_hourly_total');
    expect(hours.rows).toHaveLength(23);
    expect(nonEmpty(hours.rows).map(([i, r]) => [i, r.bucket, r.value])).toEqual([
      [1, '2026-03-08T01:00:00-05:00', 1],
      [2, '2026-03-08T03:00:00-04:00', 1],
    ]);
    const quarters = await trends('metric=offered&from=2026-03-08&to=2026-03-08&granularity=15m');
    expect(quarters.source).toBe('calls_15m');
    expect(quarters.rows).toHaveLength(92);
    expect(nonEmpty(quarters.rows).map(([i, r]) => [i, r.bucket])).toEqual([
      [6, '2026-03-08T01:30:00-05:00'],
      [9, '2026-03-08T03:15:00-04:00'],
    ]);
    // sf1 answered after 12 s; sf2 abandoned after 8 s (not short, within the threshold).
    const day = await trends('metric=threeRingRate&from=2026-03-08&to=2026-03-08&granularity=day');
    expect(day.rows).toEqual([
      {
        ...EMPTY,
        bucket: '2026-03-08T00:00:00-05:00',
        value: 1 / 2, // 1 ÷ (1 + 1 − 0 + 0)
        offered: 2,
        answered: 1,
        answeredInThreshold: 1,
        abandoned: 1,
        abandonedInThreshold: 1,
        handled: 1,
        threeRingRate: 1 / 2,
        slAnsweredOnly: 1,
        slAbandonNeutral: 1, // (1 + 1) ÷ (1 + 1)
        asaS: 12,
        abandonRate: 1 / 2, // (1 − 0) ÷ (2 − 0)
        ahtS: 40,
        answeredWaitS: 12,
        handleS: 40,
      },
    ]);
  });

  it('splits a month boundary at local midnight, not UTC', async () => {
    const days = await trends('metric=offered&from=2026-03-31&to=2026-04-01&granularity=day');
    expect(days.rows.map((r: Row) => [r.bucket, r.value])).toEqual([
      ['2026-03-31T00:00:00-04:00', 1],
      ['2026-04-01T00:00:00-04:00', 1],
    ]);
    const months = await trends('metric=threeRingRate&from=2026-03-01&to=2026-04-30&granularity=month');
    expect(months.source).toBe('calls_daily_total');
    // March: sf1, sf2, mb1 — answered 2 in time, 1 abandoned: 2 ÷ (2 + 1). April: mb2 timed out: 0 ÷ (0 + 0 − 0 + 1).
    expect(months.rows.map((r: Row) => [r.bucket, r.offered, r.answeredInThreshold, r.timedOut, r.value])).toEqual([
      ['2026-03-01T00:00:00-05:00', 3, 2, 0, 2 / 3],
      ['2026-04-01T00:00:00-04:00', 1, 0, 1, 0],
    ]);
  });

  it('sums ISO weeks (Monday) and months from local days across a year boundary', async () => {
    const weeks = await trends('metric=offered&from=2025-12-22&to=2026-01-11&granularity=week');
    // yb1 (Wed 31 Dec) and yb2 (Sun 4 Jan, 23:30 local = Mon 5 Jan UTC) in 2026-W01; yb3 (Mon 5 Jan) in W02.
    expect(weeks.rows.map((r: Row) => [r.bucket, r.value])).toEqual([
      ['2025-12-22T00:00:00-05:00', 0],
      ['2025-12-29T00:00:00-05:00', 2],
      ['2026-01-05T00:00:00-05:00', 1],
    ]);
    const months = await trends('metric=offered&from=2025-12-01&to=2026-01-31&granularity=month');
    expect(months.rows.map((r: Row) => [r.bucket, r.value])).toEqual([
      ['2025-12-01T00:00:00-05:00', 1],
      ['2026-01-01T00:00:00-05:00', 2],
    ]);
  });

  it('compares with the days right before and with the same days a year earlier', async () => {
    const previous = await trends('metric=offered&from=2026-11-01&to=2026-11-01&granularity=day&compare=previous');
    expect(previous.rows.map((r: Row) => r.value)).toEqual([4]);
    expect(previous.compare.from).toBe('2026-10-31');
    expect(previous.compare.to).toBe('2026-10-31');
    expect(previous.compare.rows.map((r: Row) => [r.bucket, r.value, r.asaS])).toEqual([['2026-10-31T00:00:00-04:00', 1, 5]]);

    const lastYear = await trends('metric=threeRingRate&from=2026-03-08&to=2026-03-08&granularity=day&compare=last_year');
    expect(lastYear.rows.map((r: Row) => r.value)).toEqual([1 / 2]);
    // ly1 answered after 16 s, outside the 15 s threshold: 0 ÷ 1.
    expect(lastYear.compare).toMatchObject({ from: '2025-03-08', to: '2025-03-08' });
    expect(lastYear.compare.rows.map((r: Row) => [r.bucket, r.offered, r.value])).toEqual([['2025-03-08T00:00:00-05:00', 1, 0]]);

    const leap = await trends('metric=offered&from=2024-02-29&to=2024-03-01&granularity=day&compare=last_year');
    expect(leap.compare).toMatchObject({ from: '2023-02-28', to: '2023-03-01' });
    expect(leap.compare.rows.map((r: Row) => r.bucket)).toEqual(['2023-02-28T00:00:00-05:00', '2023-03-01T00:00:00-05:00']);
  });

  it('filters by queue and call type on the aggregates, by agent and team on the calls', async () => {
    const q = 'metric=offered&from=2026-11-01&to=2026-11-01&granularity=day';
    const billing = await trends(`${q}&queue=billing`);
    expect([billing.source, billing.rows[0].offered, billing.rows[0].abandoned]).toEqual(['calls_daily_queue', 1, 1]);
    const both = await trends(`${q}&queue=billing&queue=general`);
    expect(both.rows[0].offered).toBe(4);
    expect((await trends(`${q}&queue=billing,general`)).rows[0].offered).toBe(4);
    const sales = await trends(`${q}&callType=sales`);
    expect([sales.source, sales.rows[0].offered]).toEqual(['calls_daily', 3]);
    const generalSales = await trends(`${q}&queue=general&callType=sales`);
    expect([generalSales.source, generalSales.rows[0].offered]).toEqual(['calls_daily', 2]);
    const a2 = await trends(`${q}&agent=a2`);
    expect([a2.source, a2.rows[0].offered, a2.rows[0].asaS, a2.rows[0].ahtS]).toEqual(['calls', 1, 20, 100]);
    const north = await trends(`${q}&team=north`);
    expect([north.source, north.rows[0].offered, north.rows[0].asaS]).toEqual(['calls', 1, 10]);
  });

  it('counts SLA breaches per rule', async () => {
    const body = await trends('metric=breaches&from=2026-10-31&to=2026-11-01&granularity=day');
    // fb3 waited 30 s and fb4 20 s, beyond the 15 s threshold; oc1 5 s and fb1 3 s did not.
    expect(body.rows.map((r: Row) => [r.bucket, r.value, r.breachesByRule])).toEqual([
      ['2026-10-31T00:00:00-04:00', 0, {}],
      ['2026-11-01T00:00:00-04:00', 2, { answer: 2 }],
    ]);
  });

  it('gives the mean QA score of the scored evaluations by the offer time of their call', async () => {
    const form = (
      await app.db.query<{ form_id: string; version: number }>(`SELECT form_id, version FROM qa_forms ORDER BY form_id LIMIT 1`)
    ).rows[0]!;
    // As the QA workflow stores them: fb2 scored 90 (submitted), fb4 70 (acknowledged), oc1 assigned and not scored yet.
    for (const [id, callId, queue, agent, team, offeredAt, status, score] of [
      ['e1', 'fb2', 'general', 'a1', 'north', '2026-11-01T05:10:00Z', 'submitted', 90],
      ['e2', 'fb4', 'general', 'a2', 'south', '2026-11-02T04:50:00Z', 'acknowledged', 70],
      ['e3', 'oc1', 'general', 'a1', 'north', '2026-10-31T16:00:00Z', 'assigned', null],
    ] as const)
      await app.db.query(
        `INSERT INTO qa_evaluations (id, call_id, queue, agent_id, team, offered_at, reviewer_id, reason, form_id, form_version, status, score)
         VALUES ($1, $2, $3, $4, $5, $6, 'reviewer', 'random', $7, $8, $9, $10)`,
        [id, callId, queue, agent, team, offeredAt, form.form_id, form.version, status, score],
      );
    const q = 'metric=qaScore&from=2026-10-31&to=2026-11-01&granularity=day';
    expect((await trends(q)).rows.map((r: Row) => [r.bucket, r.value, r.qaScoreN])).toEqual([
      ['2026-10-31T00:00:00-04:00', null, 0],
      ['2026-11-01T00:00:00-04:00', 80, 2], // (90 + 70) ÷ 2
    ]);
    expect((await trends(`${q}&team=south`)).rows.map((r: Row) => [r.qaScore, r.qaScoreN])).toEqual([
      [null, 0],
      [70, 1],
    ]);
  });

  it('computes occupancy per bucket from the states of the agents', async () => {
    const hours = await trends('metric=occupancy&from=2026-02-10&to=2026-02-10&granularity=hour&team=east');
    const shown = hours.rows.filter((r: Row) => r.value !== null).map((r: Row) => [r.bucket, r.busyS, r.availableS, r.value]);
    expect(shown).toEqual([
      // 09:00–10:00: busy 15 + 5 min, available 30 + 10 min; 10:00–10:15 available only.
      ['2026-02-10T09:00:00-05:00', 1200, 2400, 1200 / 3600],
      ['2026-02-10T10:00:00-05:00', 0, 900, 0],
    ]);
    const day = await trends('metric=occupancy&from=2026-02-10&to=2026-02-10&granularity=day&agent=o1');
    expect(day.rows.map((r: Row) => [r.busyS, r.availableS, r.occupancy])).toEqual([[1200, 3300, 1200 / 4500]]);
    // Every agent: a1 and a2 have been available since 2025 (24 h each that day), and o1.
    const all = await trends('metric=occupancy&from=2026-02-10&to=2026-02-10&granularity=day');
    expect(all.rows.map((r: Row) => [r.busyS, r.availableS, r.value])).toEqual([[1200, 3300 + 2 * 86_400, 1200 / (4500 + 2 * 86_400)]]);
    // Occupancy is of agents: a queue filter cannot select them.
    const queue = await trends('metric=occupancy&from=2026-02-10&to=2026-02-10&granularity=day&queue=general');
    expect(queue.rows.map((r: Row) => [r.occupancy, r.value])).toEqual([[null, null]]);
  });

  it('includes calls stored after the aggregates were refreshed (real-time aggregation)', async () => {
    // Yesterday: its first 20 minutes are in the past whatever the hour of the run.
    const yesterday = DateTime.now().setZone('America/New_York').startOf('day').minus({ days: 1 });
    const first = callEvents('rt1', 'general', 'sales', yesterday.toISO()!, { answerAfterS: 7, talkS: 30, agent: 'a1' });
    expect((await postEvents(app.url, first)).status).toBe(202);
    await awaitCalls(app, HISTORY_CALLS + 1);
    await refresh(app, yesterday.minus({ days: 2 }).toISO()!, yesterday.plus({ minutes: 15 }).toISO()!);
    const second = callEvents('rt2', 'general', 'sales', yesterday.plus({ minutes: 20 }).toISO()!, { abandonAfterS: 40 });
    expect((await postEvents(app.url, second)).status).toBe(202);
    await awaitCalls(app, HISTORY_CALLS + 2);
    const day = yesterday.toISODate()!;
    const days = await trends(`metric=offered&from=${day}&to=${day}&granularity=day`);
    expect(days.rows.map((r: Row) => [r.offered, r.answered, r.abandoned])).toEqual([[2, 1, 1]]);
    const quarters = await trends(`metric=offered&from=${day}&to=${day}&granularity=15m`);
    expect(quarters.rows.slice(0, 3).map((r: Row) => r.value)).toEqual([1, 1, 0]);
  });

  it('refuses bad input naming the field, and callers without the trends capability', async () => {
    const bad = async (query: string, field: string, message: RegExp) => {
      const r = await manager.get(`/api/v1/trends?${query}`);
      expect(r.status, JSON.stringify(r.body)).toBe(400);
      expect(r.body).toMatchObject({ code: 'BAD_REQUEST', field });
      expect(r.body.message).toMatch(message);
    };
    await bad('metric=nps&from=2026-03-01&to=2026-03-02&granularity=day', 'metric', /^metric: metric must be one of offered, /);
    await bad('metric=offered&from=2026-03-02&to=2026-03-01&granularity=day', 'from', /2026-03-02 is after the last day 2026-03-01/);
    await bad('metric=offered&from=2026-02-30&to=2026-03-01&granularity=day', 'from', /YYYY-MM-DD/);
    await bad('metric=offered&from=2026-01-01&to=2026-01-02', 'granularity', /granularity must be one of 15m, hour, day, week, month/);
    await bad(
      'metric=offered&from=2026-01-01&to=2026-02-01&granularity=15m',
      'granularity',
      /15m buckets cover at most 31 days; 2026-01-01 … 2026-02-01 is 32 days/,
    );
    await bad('metric=offered&from=2026-01-01&to=2026-01-02&granularity=day&compare=lastweek', 'compare', /compare must be one of/);
    expect((await trends('metric=offered&from=2026-01-01&to=2026-01-31&granularity=15m')).rows).toHaveLength(31 * 96);

    // Supervisors have no trends capability (SPEC §1: trends are for managers and admins), whatever queue they ask for.
    const supervisor = principals.byRole.supervisor!;
    for (const queue of ['general', 'billing']) {
      const r = await supervisor.get(`/api/v1/trends?metric=offered&from=2026-03-01&to=2026-03-02&granularity=day&queue=${queue}`);
      expect(r.status).toBe(403);
    }
    expect(
      (await principals.byRole.admin!.get('/api/v1/trends?metric=offered&from=2026-03-08&to=2026-03-08&granularity=day')).body.rows[0]
        .offered,
    ).toBe(2);
  });
});

describe('Asia/Kolkata (+05:30)', () => {
  let app: RunningApp;
  let manager: Client;
  const trends = async (query: string) => {
    const r = await manager.get(`/api/v1/trends?${query}`);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    return r.body;
  };

  beforeAll(async () => {
    app = await startApp({ CALLBOARD_TZ: 'Asia/Kolkata' });
    manager = (await signInEveryRole(app)).byRole.manager!;
    await backfill(app, [
      ...callEvents('k1', 'general', 'sales', '2026-06-15T09:50:00+05:30', { answerAfterS: 5, talkS: 30, agent: 'a1' }),
      ...callEvents('k2', 'general', 'sales', '2026-06-15T10:20:00+05:30', { abandonAfterS: 20 }),
      ...callEvents('k3', 'general', 'sales', '2026-06-15T10:40:00+05:30', { answerAfterS: 18, talkS: 50, agent: 'a1' }),
      // 00:10 local on 15 June is still 14 June in UTC.
      ...callEvents('k4', 'general', 'sales', '2026-06-15T00:10:00+05:30', { answerAfterS: 2, talkS: 10, agent: 'a1' }),
    ]);
    await awaitCalls(app, 4);
    await refresh(app, '2026-06-01T00:00:00Z', '2026-07-01T00:00:00Z');
  }, 120_000);

  afterAll(async () => {
    await app?.close();
  });

  it('starts hours at half past the UTC hour', async () => {
    const body = await trends('metric=threeRingRate&from=2026-06-15&to=2026-06-15&granularity=hour');
    expect(body.source).toBe('calls_hourly_total');
    expect(body.rows).toHaveLength(24);
    // 09:50 and 10:20 local are 04:20 and 04:50 UTC: one UTC hour, two local ones.
    expect(nonEmpty(body.rows).map(([i, r]) => [i, r.bucket, r.offered, r.value])).toEqual([
      [0, '2026-06-15T00:00:00+05:30', 1, 1],
      [9, '2026-06-15T09:00:00+05:30', 1, 1],
      // k2 abandoned after 20 s, k3 answered after 18 s: 0 ÷ (1 + 1 − 0 + 0)
      [10, '2026-06-15T10:00:00+05:30', 2, 0],
    ]);
    expect(body.rows[10]).toMatchObject({
      answered: 1,
      abandoned: 1,
      asaS: 18,
      slAnsweredOnly: 0,
      slAbandonNeutral: 0,
      abandonRate: 1 / 2,
    });
  });

  it('starts days at local midnight and quarter-hours on the local clock', async () => {
    const days = await trends('metric=offered&from=2026-06-14&to=2026-06-15&granularity=day');
    expect(days.rows.map((r: Row) => [r.bucket, r.value])).toEqual([
      ['2026-06-14T00:00:00+05:30', 0],
      ['2026-06-15T00:00:00+05:30', 4],
    ]);
    const quarters = await trends('metric=offered&from=2026-06-15&to=2026-06-15&granularity=15m');
    expect(quarters.source).toBe('calls_15m');
    expect(nonEmpty(quarters.rows).map(([i, r]) => [i, r.bucket])).toEqual([
      [0, '2026-06-15T00:00:00+05:30'],
      [39, '2026-06-15T09:45:00+05:30'],
      [41, '2026-06-15T10:15:00+05:30'],
      [42, '2026-06-15T10:30:00+05:30'],
    ]);
  });
});
