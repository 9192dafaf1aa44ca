/**
 * The data layer against a real TimescaleDB, through both drivers: embedded
 * PGlite directly, and `pg` over the wire via pglite-socket.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CONTINUOUS_AGGREGATES,
  type Db,
  type EmbeddedDb,
  DatabaseUnusableError,
  migrate,
  openEmbedded,
  openEmbeddedThreaded,
  openPg,
  copyField,
  copyRow,
  refreshAggregates,
} from './index.js';
import { serveOverWire } from './testing.js';

let embedded: EmbeddedDb;
let wire: { url: string; stop: () => Promise<void> };
let pgDb: Db;
let threaded: Db;

beforeAll(async () => {
  embedded = await openEmbedded('memory://');
  await migrate(embedded, 'Asia/Shanghai');
  wire = await serveOverWire(embedded);
  pgDb = await openPg(wire.url, { max: 1 });
  threaded = await openEmbeddedThreaded('memory://');
  await migrate(threaded, 'Asia/Shanghai');
}, 60_000);

afterAll(async () => {
  await pgDb?.close();
  await threaded?.close();
  await wire?.stop();
  await embedded?.close();
});

const drivers = () =>
  [
    ['embedded', embedded],
    ['pg', pgDb],
    ['embedded on a worker thread', threaded],
  ] as const;

describe.each(['embedded', 'pg', 'embedded on a worker thread'] as const)('%s driver', (name) => {
  const db = () => Object.fromEntries(drivers())[name] as Db;

  it('reports its kind', () => {
    expect(db().kind).toBe(name === 'pg' ? 'pg' : 'embedded');
  });

  it('keeps other statements out of an open transaction and reports SQL errors with their code', async () => {
    const key = `iso-${name}`;
    let outside: Promise<unknown> | undefined;
    await db().transaction(async (tx) => {
      await tx.query(`INSERT INTO settings (key, value) VALUES ($1, '1')`, [key]);
      outside = db().query<{ n: number }>(`SELECT count(*) AS n FROM settings WHERE key = $1`, [key]);
      await tx.query(`UPDATE settings SET value = '3' WHERE key = $1`, [key]);
    });
    expect(((await outside) as { rows: { n: number }[] }).rows[0]!.n).toBe(1);
    // (pglite-socket drops the connection after an error, unlike a server: the pg driver is spared this check.)
    if (name !== 'pg') await expect(db().query(`SELECT * FROM no_such_table`)).rejects.toMatchObject({ code: '42P01' });
  });

  it('returns bigint counts and numerics as numbers, timestamps as Dates', async () => {
    const r = await db().query<{ n: number; big: number; x: number; t: Date }>(
      `SELECT count(*) AS n, 9007199254740991::bigint AS big, 1.25::numeric AS x, '2026-03-01T01:02:03.456Z'::timestamptz AS t FROM generate_series(1, 3)`,
    );
    expect(r.rows[0]).toEqual({ n: 3, big: 9007199254740991, x: 1.25, t: new Date('2026-03-01T01:02:03.456Z') });
  });

  it('rolls back a failed transaction and commits a good one', async () => {
    const key = `tx-${name}`;
    await expect(
      db().transaction(async (tx) => {
        await tx.query(`INSERT INTO settings (key, value) VALUES ($1, '1')`, [key]);
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect((await db().query(`SELECT 1 FROM settings WHERE key = $1`, [key])).rows).toHaveLength(0);
    await db().transaction((tx) => tx.query(`INSERT INTO settings (key, value) VALUES ($1, '2')`, [key]));
    expect((await db().query<{ v: number }>(`SELECT (value #>> '{}')::int AS v FROM settings WHERE key = $1`, [key])).rows[0]?.v).toBe(2);
  });
});

describe('COPY text format', () => {
  it('escapes backslash, tab, line feed and carriage return, and writes NULL as \\N', () => {
    expect(copyField('plain')).toBe('plain');
    expect(copyField(null)).toBe('\\N');
    expect(copyField(undefined)).toBe('\\N');
    // The text N alone is a value, not NULL.
    expect(copyField('N')).toBe('N');
    expect(copyField('a\\b\tc\nd\re')).toBe('a\\\\b\\tc\\nd\\re');
    expect(copyRow(['x', null, 'y'])).toBe('x\t\\N\ty\n');
  });

  it('needs plain names for the table and its columns', async () => {
    await expect(embedded.copyFrom!('settings; DROP TABLE calls', ['key'], '')).rejects.toThrow(
      'copyFrom: "settings; DROP TABLE calls" is not a plain column or table name',
    );
  });
});

describe.each(['embedded', 'embedded on a worker thread'] as const)('%s driver: copyFrom', (name) => {
  const db = () => Object.fromEntries(drivers())[name] as Db;

  it('stores every row inside the transaction, text with every escaped character and NULL read back as written', async () => {
    const key = (k: string) => `copy-${name}-${k}`;
    // Free text keeps tabs and line breaks; a backslash and the two characters \N are text, not escapes.
    const rows = [
      [key('a'), JSON.stringify({ note: 'tab\there\nline\r\nback\\slash \\N "quoted"' })],
      [key('b'), JSON.stringify(null)],
      [key('c'), JSON.stringify('中文 ✓')],
      // Raw control characters and a backslash in a text column (JSON above escapes its own).
      [key('d\tx\ny\\z\r'), '1'],
    ];
    const stored = await db().transaction(async (tx) => {
      const n = await tx.copyFrom!('settings', ['key', 'value'], rows.map((r) => copyRow(r)).join(''));
      // Visible inside the transaction that loaded them.
      const seen = await tx.query<{ n: number }>(`SELECT count(*) AS n FROM settings WHERE key LIKE $1`, [key('%')]);
      return { n, seen: seen.rows[0]!.n };
    });
    expect(stored).toEqual({ n: 4, seen: 4 });
    const back = await db().query<{ key: string; value: unknown }>(`SELECT key, value FROM settings WHERE key LIKE $1 ORDER BY key`, [
      key('%'),
    ]);
    expect(back.rows).toEqual([
      { key: key('a'), value: { note: 'tab\there\nline\r\nback\\slash \\N "quoted"' } },
      { key: key('b'), value: null },
      { key: key('c'), value: '中文 ✓' },
      { key: key('d\tx\ny\\z\r'), value: 1 },
    ]);
  });

  it('stores nothing of a COPY whose transaction rolls back', async () => {
    const key = `copy-${name}-rolled-back`;
    await expect(
      db().transaction(async (tx) => {
        await tx.copyFrom!('settings', ['key', 'value'], copyRow([key, '1']));
        throw new Error('give up');
      }),
    ).rejects.toThrow('give up');
    expect((await db().query(`SELECT 1 FROM settings WHERE key = $1`, [key])).rows).toEqual([]);
  });
});

describe('schema', () => {
  it('makes events, calls, agent_states and audit_log hypertables', async () => {
    const r = await embedded.query<{ hypertable_name: string }>(
      `SELECT hypertable_name FROM timescaledb_information.hypertables ORDER BY 1`,
    );
    expect(r.rows.map((x) => x.hypertable_name)).toEqual(['agent_states', 'audit_log', 'calls', 'events']);
  });

  it('builds the hierarchy 15 min → hour → day of continuous aggregates with policies', async () => {
    const caggs = await embedded.query<{ view_name: string }>(
      `SELECT view_name FROM timescaledb_information.continuous_aggregates ORDER BY 1`,
    );
    expect(caggs.rows.map((x) => x.view_name)).toEqual([...CONTINUOUS_AGGREGATES].sort());
    expect(caggs.rows.map((x) => x.view_name)).toEqual([
      'calls_15m',
      'calls_daily',
      'calls_daily_queue',
      'calls_daily_total',
      'calls_hourly',
      'calls_hourly_queue',
      'calls_hourly_total',
    ]);
    const jobs = await embedded.query<{ proc_name: string; n: number }>(
      `SELECT proc_name, count(*)::int AS n FROM timescaledb_information.jobs WHERE job_id >= 1000 GROUP BY 1 ORDER BY 1`,
    );
    expect(jobs.rows).toEqual([
      { proc_name: 'policy_compression', n: 3 },
      { proc_name: 'policy_refresh_continuous_aggregate', n: 7 },
      { proc_name: 'policy_retention', n: 2 },
      { proc_name: 'purge_event_ids', n: 1 },
    ]);
  });

  it('buckets days at the center midnight and sums through the hierarchy', async () => {
    // Asia/Shanghai is UTC+8: 15:59 UTC is 23:59 local on the 1st, 16:00 UTC is 00:00 local on the 2nd.
    const ins = `INSERT INTO calls (call_id, queue, offered_at, call_type, outcome, wait_s, answered_at, answered_in_threshold, sl_threshold_s, short_abandon_s)
                 VALUES ($1, 'tz', $2, 'x', 'answered', $3, $2::timestamptz + make_interval(secs => $3), $3 <= 15, 15, 5)`;
    await embedded.query(ins, ['a', '2026-03-01T15:59:00Z', 10]);
    await embedded.query(ins, ['b', '2026-03-01T16:00:00Z', 20]);
    await embedded.query(ins, ['c', '2026-03-01T16:10:00Z', 15]);
    const r = await pgDb.query<{
      bucket: Date;
      offered: number;
      answered_in_threshold: number;
      answered_wait_s: number;
      max_wait_s: number;
      answered_wait_le_15: number;
    }>(
      `SELECT bucket, offered, answered_in_threshold, answered_wait_s, max_wait_s, answered_wait_le_15 FROM calls_daily WHERE queue = 'tz' ORDER BY bucket`,
    );
    expect(r.rows).toEqual([
      {
        bucket: new Date('2026-02-28T16:00:00Z'),
        offered: 1,
        answered_in_threshold: 1,
        answered_wait_s: 10,
        max_wait_s: 10,
        answered_wait_le_15: 1,
      },
      // b waited 20 s (over 15), c exactly 15 s (within): 1 of 2 within, waits 20 + 15 = 35 s.
      {
        bucket: new Date('2026-03-01T16:00:00Z'),
        offered: 2,
        answered_in_threshold: 1,
        answered_wait_s: 35,
        max_wait_s: 20,
        answered_wait_le_15: 1,
      },
    ]);
  });

  it('rolls the same calls up by queue and for the whole center, materialised or not', async () => {
    // Two queues, two call types, on two local days; one call of each kind checked by hand.
    const ins = `INSERT INTO calls (call_id, queue, offered_at, call_type, outcome, wait_s, answered_at, answered_in_threshold,
                                   abandoned_in_threshold, short_abandon, talk_s, hold_s, wrap_s, ended_at, sl_threshold_s, short_abandon_s)
                 VALUES ($1, $2, $3, $4, $5, $6, CASE WHEN $5 = 'answered' THEN $3::timestamptz + make_interval(secs => $6) END,
                         $5 = 'answered' AND $6 <= 15, $5 = 'abandoned' AND $6 <= 15, $5 = 'abandoned' AND $6 < 5,
                         CASE WHEN $5 = 'answered' THEN 100 END, CASE WHEN $5 = 'answered' THEN 10 ELSE 0 END,
                         CASE WHEN $5 = 'answered' THEN 5 END, $3::timestamptz + interval '5 minutes', 15, 5)`;
    const calls: [string, string, string, string, string, number][] = [
      ['r1', 'ru-a', '2026-04-01T01:10:00Z', 'sales', 'answered', 10],
      ['r2', 'ru-a', '2026-04-01T01:20:00Z', 'billing', 'answered', 30],
      ['r3', 'ru-b', '2026-04-01T01:50:00Z', 'sales', 'abandoned', 3],
      ['r4', 'ru-b', '2026-04-01T17:00:00Z', 'billing', 'answered', 12],
    ];
    for (const c of calls) await embedded.query(ins, c);
    const sums = `sum(offered)::int AS offered, sum(answered)::int AS answered, sum(answered_in_threshold)::int AS in_threshold,
                  sum(abandoned)::int AS abandoned, sum(short_abandoned)::int AS short, sum(answered_wait_s)::float8 AS wait_s,
                  (sum(talk_s) + sum(hold_s) + sum(wrap_s))::float8 AS handle_s`;
    const read = async (view: string, queueCol: boolean) =>
      (
        await embedded.query(
          `SELECT bucket, ${queueCol ? 'queue' : "'*' AS queue"}, ${sums} FROM ${view}
            WHERE bucket >= '2026-03-31T16:00:00Z' AND bucket < '2026-04-02T16:00:00Z' ${queueCol ? "AND queue LIKE 'ru-%'" : ''}
            GROUP BY 1, 2 ORDER BY 1, 2`,
        )
      ).rows;
    // Local days (UTC+8): r1, r2, r3 on 1 April (09:10, 09:20, 09:50), r4 on 2 April (01:00).
    const day1 = new Date('2026-03-31T16:00:00Z');
    const day2 = new Date('2026-04-01T16:00:00Z');
    const total = [
      { bucket: day1, queue: '*', offered: 3, answered: 2, in_threshold: 1, abandoned: 1, short: 1, wait_s: 40, handle_s: 230 },
      { bucket: day2, queue: '*', offered: 1, answered: 1, in_threshold: 1, abandoned: 0, short: 0, wait_s: 12, handle_s: 115 },
    ];
    const byQueue = [
      { bucket: day1, queue: 'ru-a', offered: 2, answered: 2, in_threshold: 1, abandoned: 0, short: 0, wait_s: 40, handle_s: 230 },
      { bucket: day1, queue: 'ru-b', offered: 1, answered: 0, in_threshold: 0, abandoned: 1, short: 1, wait_s: 0, handle_s: 0 },
      { bucket: day2, queue: 'ru-b', offered: 1, answered: 1, in_threshold: 1, abandoned: 0, short: 0, wait_s: 12, handle_s: 115 },
    ];
    // Real-time (nothing materialised yet), then materialised: the same figures.
    for (const when of ['real-time', 'materialised']) {
      if (when === 'materialised') await refreshAggregates(embedded, '2026-03-25T00:00:00Z', '2026-04-10T00:00:00Z');
      expect(await read('calls_daily_total', false), when).toEqual(total);
      expect(await read('calls_daily_queue', true), when).toEqual(byQueue);
      expect(await read('calls_daily', true), when).toEqual(byQueue);
      // The hours sum to the same days: 01:00 UTC is 09:00 local, 17:00 UTC is 01:00 local the next day.
      const hours = await read('calls_hourly_total', false);
      expect(
        hours.map((h) => [(h.bucket as Date).toISOString(), h.offered]),
        when,
      ).toEqual([
        ['2026-04-01T01:00:00.000Z', 3],
        ['2026-04-01T17:00:00.000Z', 1],
      ]);
      expect(
        (await read('calls_hourly_queue', true)).map((h) => [h.queue, h.offered]),
        when,
      ).toEqual([
        ['ru-a', 2],
        ['ru-b', 1],
        ['ru-b', 1],
      ]);
    }
  });

  it('keeps targets with the queue rules and seeds the not-ready limits, with history', async () => {
    const rules = await embedded.query<{
      queue: string;
      rings: number;
      ring_cycle_s: number;
      short_abandon_s: number;
      sl_target: number;
      asa_target_s: number | null;
      abandon_target: number | null;
      always: boolean;
    }>(
      `SELECT queue, rings, ring_cycle_s, short_abandon_s, sl_target, asa_target_s, abandon_target, effective_from = '-infinity' AS always FROM queue_rules`,
    );
    expect(rules.rows).toEqual([
      { queue: '*', rings: 3, ring_cycle_s: 5, short_abandon_s: 5, sl_target: 0.8, asa_target_s: null, abandon_target: null, always: true },
    ]);
    const limits = await embedded.query<{ reason: string; limit_s: number }>(
      `SELECT reason, limit_s FROM not_ready_limits WHERE effective_from = '-infinity' ORDER BY reason`,
    );
    expect(limits.rows).toEqual([
      { reason: 'break', limit_s: 15 * 60 },
      { reason: 'lunch', limit_s: 45 * 60 },
      { reason: 'meeting', limit_s: 30 * 60 },
      { reason: 'training', limit_s: 60 * 60 },
    ]);
    await expect(
      embedded.query(
        `INSERT INTO queue_rules (queue, effective_from, rings, ring_cycle_s, short_abandon_s, sl_target) VALUES ('x', now(), 3, 5, 5, 1.5)`,
      ),
    ).rejects.toMatchObject({ code: '23514' });
  });

  it('is idempotent: migrating again applies nothing', async () => {
    const again = await migrate(embedded, 'Asia/Shanghai');
    expect(again.applied).toEqual([]);
    expect(again.version).toBe(24);
  });

  it('refuses a database whose aggregates were built for another time zone', async () => {
    await expect(migrate(embedded, 'Europe/Berlin')).rejects.toThrow(DatabaseUnusableError);
    await expect(migrate(embedded, 'Europe/Berlin')).rejects.toThrow(/built for Asia\/Shanghai/);
  });
});

// The node-svc machine runs a plain PostgreSQL 15 on 127.0.0.1:5432 (trust auth).
describe('a PostgreSQL server without TimescaleDB', () => {
  const url = process.env.TEST_PLAIN_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  it('is refused with a message that says how to fix it', async () => {
    let err: unknown;
    try {
      const db = await openPg(url, { max: 1 });
      await db.close();
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(DatabaseUnusableError);
    expect((err as Error).message).toMatch(/no TimescaleDB extension/);
    expect((err as Error).message).toMatch(/unset DATABASE_URL/);
  });
});
