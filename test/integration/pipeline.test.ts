/**
 * Ingest over HTTP → log → writer → TimescaleDB, with real parts: the embedded
 * TimescaleDB, and Redis Streams or the in-process log.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createIngestKey } from '@callboard/api';
import { type RunningApp, postEvents, startApp, until } from '../support/app.js';
import { SCENARIO_HOUR_LOCAL_START, scenarioEvents, scenarioTs, shuffled } from '../support/scenario.js';

const REDIS = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

interface CallRow {
  call_id: string;
  outcome: string;
  wait_s: number;
  talk_s: number | null;
  hold_s: number;
  wrap_s: number | null;
  answered_in_threshold: boolean;
  short_abandon: boolean;
  caller_masked: string | null;
}

describe.each([
  ['Redis Streams', { REDIS_URL: REDIS }],
  ['the in-process log', {}],
])('pipeline through %s', (_name, env) => {
  let app: RunningApp;
  const events = scenarioEvents();

  beforeAll(async () => {
    app = await startApp(env);
  }, 60_000);
  afterAll(async () => app?.close());

  const settled = () =>
    until('all six calls to reach their final outcome', async () => {
      const r = await app.db.query<{ n: number }>(`SELECT count(*) AS n FROM calls WHERE outcome NOT IN ('waiting', 'ringing')`);
      const w = await app.db.query<{ n: number }>(`SELECT count(*) AS n FROM calls WHERE wrap_s IS NOT NULL`);
      return r.rows[0]!.n === 6 && w.rows[0]!.n === 1;
    });

  it('accepts a shuffled batch in two posts, rejecting only the invalid item with its field', async () => {
    const order = shuffled(events);
    const first = order.slice(0, 12);
    const bad = { id: 'bad-1', type: 'call.answered', ts: scenarioTs('01:00:10'), source: 'test', payload: { callId: 'c9' } };
    const r1 = await postEvents(app.url, [...first, bad, first[0]]);
    expect(r1.status).toBe(202);
    // 12 new; the repeated first item is a duplicate; the bad item lacks payload.agentId.
    expect(r1.body).toEqual({
      accepted: 12,
      duplicates: 1,
      rejected: [{ index: 12, error: expect.stringMatching(/^payload\.agentId: /) }],
    });
    const r2 = await postEvents(app.url, order.slice(12));
    expect(r2.status).toBe(202);
    expect(r2.body).toEqual({ accepted: events.length - 12, duplicates: 0, rejected: [] });
  });

  it('builds one row per call with the figures worked out by hand', async () => {
    await settled();
    const r = await app.db.query<CallRow>(
      `SELECT call_id, outcome, wait_s, talk_s, hold_s, wrap_s, answered_in_threshold, short_abandon, caller_masked FROM calls ORDER BY call_id`,
    );
    expect(r.rows).toEqual([
      {
        call_id: 'c1',
        outcome: 'answered',
        wait_s: 10,
        talk_s: 180,
        hold_s: 0,
        wrap_s: 30,
        answered_in_threshold: true,
        short_abandon: false,
        caller_masked: '*******5678',
      },
      {
        call_id: 'c2',
        outcome: 'answered',
        wait_s: 15,
        talk_s: 120,
        hold_s: 0,
        wrap_s: null,
        answered_in_threshold: true,
        short_abandon: false,
        caller_masked: '*******1111',
      },
      {
        call_id: 'c3',
        outcome: 'answered',
        wait_s: 20,
        talk_s: 220,
        hold_s: 20,
        wrap_s: null,
        answered_in_threshold: false,
        short_abandon: false,
        caller_masked: null,
      },
      {
        call_id: 'c4',
        outcome: 'abandoned',
        wait_s: 3,
        talk_s: null,
        hold_s: 0,
        wrap_s: null,
        answered_in_threshold: false,
        short_abandon: true,
        caller_masked: null,
      },
      {
        call_id: 'c5',
        outcome: 'abandoned',
        wait_s: 40,
        talk_s: null,
        hold_s: 0,
        wrap_s: null,
        answered_in_threshold: false,
        short_abandon: false,
        caller_masked: null,
      },
      {
        call_id: 'c6',
        outcome: 'timed_out',
        wait_s: 300,
        talk_s: null,
        hold_s: 0,
        wrap_s: null,
        answered_in_threshold: false,
        short_abandon: false,
        caller_masked: null,
      },
    ]);
  });

  it('rolls the hour up in the continuous aggregates, bucketed at the local hour', async () => {
    await settled();
    const r = await app.db.query<Record<string, number | Date>>(
      `SELECT bucket, offered, answered, answered_in_threshold, abandoned, short_abandoned, timed_out, answered_wait_s, max_wait_s, talk_s, hold_s, wrap_s, handled
         FROM calls_hourly WHERE queue = 'billing'`,
    );
    expect(r.rows).toEqual([
      {
        bucket: SCENARIO_HOUR_LOCAL_START,
        offered: 6,
        answered: 3,
        answered_in_threshold: 2,
        abandoned: 2,
        short_abandoned: 1,
        timed_out: 1,
        answered_wait_s: 10 + 15 + 20,
        max_wait_s: 300,
        talk_s: 180 + 120 + 220,
        hold_s: 20,
        wrap_s: 30,
        handled: 3,
      },
    ]);
    const rate =
      (r.rows[0]!.answered_in_threshold as number) /
      ((r.rows[0]!.answered as number) +
        (r.rows[0]!.abandoned as number) -
        (r.rows[0]!.short_abandoned as number) +
        (r.rows[0]!.timed_out as number));
    expect(rate).toBe(0.4);
  });

  it('records agent state intervals', async () => {
    await settled();
    const r = await app.db.query<{ state: string; started_at: Date; ended_at: Date | null; name: string }>(
      `SELECT state, started_at, ended_at, name FROM agent_states WHERE agent_id = 'a1' ORDER BY started_at`,
    );
    expect(
      r.rows.map((x) => [x.state, x.started_at.toISOString().slice(11, 19), x.ended_at?.toISOString().slice(11, 19) ?? null, x.name]),
    ).toEqual([
      ['available', '00:59:00', '01:00:02', '张伟'],
      ['ringing', '01:00:02', '01:00:10', '张伟'],
      ['on_call', '01:00:10', '01:03:10', '张伟'],
      ['wrap_up', '01:03:10', '01:03:40', '张伟'],
      ['available', '01:03:40', null, '张伟'],
    ]);
  });

  it('adds nothing when the same events are replayed', async () => {
    await settled();
    const before = await app.db.query<{ n: number }>(`SELECT count(*) AS n FROM events`);
    const r = await postEvents(app.url, events);
    expect(r.body).toEqual({ accepted: 0, duplicates: events.length, rejected: [] });
    await new Promise((res) => setTimeout(res, 300));
    const after = await app.db.query<{ n: number; calls: number }>(
      `SELECT (SELECT count(*) FROM events) AS n, (SELECT count(*) FROM calls) AS calls`,
    );
    expect(after.rows[0]).toEqual({ n: before.rows[0]!.n, calls: 6 });
    expect(before.rows[0]!.n).toBe(events.length);
  });

  it('places a call whose offer arrives after its answer, and resolves the anomaly', async () => {
    const answer = {
      id: 'late-ans',
      type: 'call.answered',
      ts: scenarioTs('02:00:08'),
      source: 'test',
      payload: { callId: 'late', agentId: 'a3' },
    };
    expect((await postEvents(app.url, [answer])).body.accepted).toBe(1);
    const open = await until('the anomaly', async () => {
      const r = await app.db.query<{ reason: string }>(
        `SELECT reason FROM ingest_anomalies WHERE subject = 'call:late' AND resolved_at IS NULL`,
      );
      return r.rows.length > 0 ? r.rows : undefined;
    });
    expect(open[0]!.reason).toMatch(/call\.offered/);
    const offer = {
      id: 'late-off',
      type: 'call.offered',
      ts: scenarioTs('02:00:00'),
      source: 'test',
      payload: { callId: 'late', queue: 'billing' },
    };
    expect((await postEvents(app.url, [offer])).body.accepted).toBe(1);
    const row = await until('the late call row', async () => {
      const r = await app.db.query<{ outcome: string; wait_s: number }>(`SELECT outcome, wait_s FROM calls WHERE call_id = 'late'`);
      return r.rows[0]?.outcome === 'answered' ? r.rows[0] : undefined;
    });
    expect(row.wait_s).toBe(8);
    const still = await app.db.query(`SELECT 1 FROM ingest_anomalies WHERE subject = 'call:late' AND resolved_at IS NULL`);
    expect(still.rows).toHaveLength(0);
  });

  it('refuses a NUL and a lone surrogate per item, storing the rest, while another sender posts beside it', async () => {
    const other = await createIngestKey(app.db, 'pbx-beside');
    const offer = (id: string, queue: string) => ({
      id,
      type: 'call.offered',
      ts: scenarioTs('02:00:00'),
      source: 'test',
      payload: { callId: `call-${id}`, queue },
    });
    const [mixed, beside] = await Promise.all([
      postEvents(app.url, [
        offer('poison-ok-1', 'general'),
        offer('poison-nul', 'gen\u0000eral'),
        offer('poison-sur', 'general\ud83d'),
        offer('poison-ok-2', 'general'),
      ]),
      postEvents(app.url, [offer('beside-1', 'general'), offer('beside-2', 'general')], other.key),
    ]);
    expect(mixed).toEqual({
      status: 202,
      body: {
        accepted: 2,
        duplicates: 0,
        rejected: [
          { index: 1, error: 'payload.queue: must not contain control or bidi-override characters' },
          { index: 2, error: 'payload.queue: must not contain control or bidi-override characters' },
        ],
      },
    });
    expect(beside).toEqual({ status: 202, body: { accepted: 2, duplicates: 0, rejected: [] } });
    const stored = await until('the four valid events to be stored', async () => {
      const r = await app.db.query<{ id: string }>(`SELECT id FROM events WHERE id LIKE 'poison-%' OR id LIKE 'beside-%' ORDER BY id`);
      return r.rows.length === 4 && r.rows.map((x) => x.id);
    });
    expect(stored).toEqual(['beside-1', 'beside-2', 'poison-ok-1', 'poison-ok-2']);
  });
});
