/**
 * An Asterisk 20 queue_log (test/fixtures/queue-log/asterisk-20.queue_log) read
 * by the queue_log reader, its events posted as a back-fill through the real
 * ingest into the embedded TimescaleDB: the stored calls and the SPEC §3
 * figures of its hour, each worked out by hand from the lines; a second import
 * of the file, and of a part of it, adds nothing.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CanonicalEvent, createApiKey, readQueueLog } from '@callboard/api';
import type { TrendRow } from '@callboard/api/wire';
import { refreshAggregates } from '@callboard/db';
import { type RunningApp, startApp, until } from '../support/app.js';
import { type Client, signInEveryRole } from '../support/auth.js';

const FILE = readFileSync(new URL('../fixtures/queue-log/asterisk-20.queue_log', import.meta.url), 'utf8');
const T = 1772413200; // 2026-03-02 09:00 Asia/Shanghai
const ALIASES = { 'PJSIP/401': 'alice', 'PJSIP/402': 'bob', Carol: 'carol' };
const uid = (off: number) => `${T + off}.${off}`;

interface StoredCall {
  call_id: string;
  queue: string;
  outcome: string;
  agent_id: string | null;
  wait_s: number;
  talk_s: number | null;
  answered_in_threshold: boolean;
  short_abandon: boolean;
  transferred: boolean;
  transfer_target: string | null;
  channel: string | null;
}

describe('an Asterisk queue_log through the ingest into TimescaleDB', () => {
  let app: RunningApp;
  let manager: Client;
  let key: string;
  const { events, summary } = readQueueLog(FILE, { format: 'file', aliases: ALIASES });

  const backfill = async (batch: CanonicalEvent[]) => {
    const res = await fetch(`${app.url}/api/v1/events?backfill=true`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
      body: JSON.stringify(batch),
    });
    const body = (await res.json()) as { accepted: number; duplicates: number; rejected: unknown[] };
    expect(res.status, JSON.stringify(body)).toBe(202);
    return body;
  };

  beforeAll(async () => {
    app = await startApp({ CALLBOARD_TZ: 'Asia/Shanghai' });
    manager = (await signInEveryRole(app)).byRole.manager!;
    key = (await createApiKey(app.db, 'queue-log-import', 'ingest', null, true)).secret;
  }, 120_000);
  afterAll(async () => app?.close());

  it('stores every event the file makes once, and nothing on a second import or an overlapping one', async () => {
    // The fixture's comment header counts as 7 unparsable lines here: the file as a PBX would never write it.
    expect(summary.skipped.unparsable.count).toBe(8);
    expect(await backfill(events)).toEqual({ accepted: events.length, duplicates: 0, rejected: [] });
    expect(await backfill(events)).toEqual({ accepted: 0, duplicates: events.length, rejected: [] });
    const tail = FILE.split('\n').slice(30).join('\n');
    const overlap = readQueueLog(tail, { format: 'file', aliases: ALIASES }).events;
    expect(overlap.length).toBeGreaterThan(10);
    expect(await backfill(overlap)).toEqual({ accepted: 0, duplicates: overlap.length, rejected: [] });
  });

  it('builds the calls: wait and talk from the CONNECT and COMPLETE fields, the DID, both queues of one call, transfers', async () => {
    await until('11 legs stored with their outcome', async () => {
      const r = await app.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM calls WHERE outcome NOT IN ('waiting', 'ringing')`);
      return r.rows[0]!.n === 11;
    });
    const r = await app.db.query<StoredCall>(
      `SELECT call_id, queue, outcome, agent_id, wait_s, talk_s, answered_in_threshold, short_abandon, transferred, transfer_target, channel
         FROM calls ORDER BY call_id, offered_at`,
    );
    const row = (call_id: string, queue: string, rest: Partial<StoredCall>): StoredCall => ({
      call_id,
      queue,
      outcome: 'timed_out',
      agent_id: null,
      wait_s: 0,
      talk_s: null,
      answered_in_threshold: false,
      short_abandon: false,
      transferred: false,
      transfer_target: null,
      channel: null,
      ...rest,
    });
    expect(r.rows).toEqual([
      row(uid(58), 'support', { outcome: 'answered', agent_id: 'bob', wait_s: 20, talk_s: 120, channel: '4008001234' }),
      row(uid(100), 'support', { outcome: 'answered', agent_id: 'alice', wait_s: 8, talk_s: 200, answered_in_threshold: true }),
      row(uid(150), 'support', { outcome: 'abandoned', wait_s: 3, short_abandon: true }),
      row(uid(160), 'support', { outcome: 'abandoned', wait_s: 40 }),
      row(uid(300), 'support', { wait_s: 30 }),
      row(uid(300), 'sales', {
        outcome: 'answered',
        agent_id: 'carol',
        wait_s: 10,
        talk_s: 60,
        answered_in_threshold: true,
        transferred: true,
        transfer_target: 'alice',
      }),
      row(uid(420), 'sales', {
        outcome: 'answered',
        agent_id: 'carol',
        wait_s: 12,
        talk_s: 100,
        answered_in_threshold: true,
        transferred: true,
      }),
      row(uid(600), 'support', { wait_s: 10 }),
      row(uid(700), 'support', { wait_s: 5 }),
      row(uid(800), 'sales', { wait_s: 0 }),
      row(uid(900), 'support', {
        outcome: 'answered',
        agent_id: 'bob',
        wait_s: 2,
        talk_s: 98,
        answered_in_threshold: true,
        transferred: true,
      }),
    ]);
  });

  it('shows the SPEC §3 figures of the hour, worked out by hand', async () => {
    await refreshAggregates(app.db, '2026-03-01T00:00:00Z', '2026-03-03T00:00:00Z');
    const hour = async (queue: string) => {
      const r = await manager.get(`/api/v1/trends?metric=offered&from=2026-03-02&to=2026-03-02&granularity=hour&queue=${queue}`);
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      const rows = (r.body.rows as TrendRow[]).filter((x) => x.offered > 0);
      expect(rows.map((x) => x.bucket)).toEqual(['2026-03-02T09:00:00+08:00']);
      return rows[0]!;
    };
    // support: c1 answered in 20 s, c2 in 8 s, c10 in 2 s; c3 abandoned in 3 s (short), c4 in 40 s;
    // c5 timed out after 30 s, c7 left by key after 10 s, c8 withdrawn after 5 s.
    const support = await hour('support');
    expect(support).toMatchObject({ offered: 8, answered: 3, answeredInThreshold: 2, abandoned: 2, shortAbandoned: 1, timedOut: 3 });
    expect(support.threeRingRate).toBeCloseTo(2 / (3 + 2 - 1 + 3), 12);
    expect(support.slAnsweredOnly).toBeCloseTo(2 / 3, 12);
    // answered within 15 s (c2, c10) + abandoned within 15 s (c3), of 3 answered + 2 abandoned
    expect(support.slAbandonNeutral).toBeCloseTo(3 / 5, 12);
    expect(support.asaS).toBeCloseTo((20 + 8 + 2) / 3, 9);
    expect(support.abandonRate).toBeCloseTo((2 - 1) / (8 - 1), 12);
    expect(support.ahtS).toBeCloseTo((120 + 200 + 98) / 3, 9);
    // sales: c5's second queue answered in 10 s, c6 in 12 s; c9 found it empty.
    const sales = await hour('sales');
    expect(sales).toMatchObject({ offered: 3, answered: 2, answeredInThreshold: 2, abandoned: 0, shortAbandoned: 0, timedOut: 1 });
    expect(sales.threeRingRate).toBeCloseTo(2 / 3, 12);
    expect(sales.slAnsweredOnly).toBe(1);
    expect(sales.slAbandonNeutral).toBe(1);
    expect(sales.asaS).toBeCloseTo(11, 9);
    expect(sales.abandonRate).toBe(0);
    expect(sales.ahtS).toBeCloseTo(80, 9);
  });

  it('stores the pauses as not-ready reasons and the membership as stated', async () => {
    const bob = async () =>
      (
        await app.db.query<{ state: string; reason: string | null; started: number }>(
          `SELECT state, reason, extract(epoch FROM started_at)::int - ${T} AS started FROM agent_states WHERE agent_id = 'bob' ORDER BY started_at`,
        )
      ).rows.map((x) => [x.started, x.state, x.reason]);
    await until("bob's nine states stored", async () => (await bob()).length === 9);
    expect(await bob()).toEqual([
      [0, 'available', null],
      [75, 'ringing', null],
      [80, 'on_call', null],
      [200, 'available', null],
      [900, 'ringing', null],
      [902, 'on_call', null],
      [1000, 'available', null],
      [1500, 'not_ready', 'lunch'],
      [1700, 'available', null],
    ]);
    const stored = await app.db.query<{ queues: string[] }>(
      `SELECT payload->'queues' AS queues FROM events WHERE type = 'agent.state' AND payload->>'agentId' = 'carol' ORDER BY ts DESC LIMIT 1`,
    );
    expect(stored.rows).toEqual([{ queues: [] }]);
  });
});
