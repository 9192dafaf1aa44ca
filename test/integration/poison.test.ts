/**
 * Storage integrity with real parts (embedded TimescaleDB, Redis): an event the
 * database refuses fails only itself — a concurrent valid batch is stored and
 * acknowledged, the refused request's valid rest is stored, and the Redis
 * writer moves the refused entry to the dead-letter stream and keeps writing —
 * and one event id is stored once whatever its ts.
 *
 * Validation turns away every value this schema is known to refuse, so the
 * refusal comes from a trigger created in each test's own database: inserting
 * an id starting with "poison-" raises SQLSTATE 22023, as PostgreSQL does for
 * a value it will not take.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from 'redis';
import {
  type CanonicalEvent,
  RedisClients,
  RedisEventLog,
  WRITER_GROUP,
  WriterRepository,
  WriterService,
  createApiKey,
  redisKeys,
} from '@callboard/api';
import { type Db, type EmbeddedDb, migrate, openEmbedded } from '@callboard/db';
import { ADMIN_PASSWORD, type RunningApp, postEvents, startApp, until } from '../support/app.js';
import { Client, login } from '../support/auth.js';
import { middayZone } from '../support/live-scenario.js';
import { dropRedisKeys } from '../support/redis.js';

const REDIS = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const TZ = middayZone();
const now = Date.now();
/** Minutes before the test started: today in TZ (local time is between 10:00 and 14:00). */
const ago = (min: number) => new Date(now - min * 60_000).toISOString();
const offer = (id: string, min: number, queue: string) => ({
  id,
  type: 'call.offered',
  ts: ago(min),
  source: 'poison-test',
  payload: { callId: `call-${id}`, queue, caller: '13812345678' },
});
const REFUSED = 'refused by the database: a value is not valid (SQLSTATE 22023)';

async function refuseMarkedIds(db: Db): Promise<void> {
  await db.exec(`
    CREATE FUNCTION refuse_marked_ids() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF NEW.id LIKE 'poison-%' THEN RAISE EXCEPTION 'refused for the test' USING ERRCODE = '22023'; END IF;
      RETURN NEW;
    END $$;
    CREATE TRIGGER refuse_marked_ids BEFORE INSERT ON event_ids FOR EACH ROW EXECUTE FUNCTION refuse_marked_ids();`);
}

const storedIds = async (db: Db, source = 'poison-test') =>
  (await db.query<{ id: string }>(`SELECT id FROM events WHERE source = $1 ORDER BY id`, [source])).rows.map((r) => r.id);

const offeredToday = async (admin: Client, queue: string): Promise<number | undefined> => {
  const r = await admin.get('/api/v1/live');
  expect(r.status).toBe(200);
  return (r.body as { queues: { queue: string; today: { offered: number } }[] }).queues.find((q) => q.queue === queue)?.today.offered;
};

const metric = async (url: string, key: string, name: string): Promise<number> => {
  const text = await (await fetch(`${url}/metrics`, { headers: { authorization: `Bearer ${key}` } })).text();
  const line = text.split('\n').find((l) => l.startsWith(`${name} `));
  return Number(line?.split(' ')[1]);
};

describe('the writer on the embedded TimescaleDB', () => {
  let db: EmbeddedDb;
  let writer: WriterService;
  beforeAll(async () => {
    db = await openEmbedded('memory://');
    await migrate(db, 'Asia/Shanghai');
    writer = new WriterService(new WriterRepository(db));
  }, 60_000);
  afterAll(async () => db?.close());

  const ev = (id: string, ts: string, callId = `call-${id}`) =>
    ({ id, type: 'call.abandoned', ts, source: 'writer-test', payload: { callId } }) as CanonicalEvent;

  it('stores an id once: the first occurrence in a batch wins, and a later ts is a duplicate', async () => {
    const t1 = '2026-03-02T01:00:00.000Z';
    const t2 = '2026-03-02T01:05:00.000Z';
    const t3 = '2026-03-03T01:00:00.000Z';
    // w twice at the same instant with different contents: the first is the one stored.
    expect((await writer.write([ev('x', t2), ev('y', t1), ev('w', t1, 'first'), ev('x', t1), ev('w', t1, 'second')])).inserted).toEqual(
      new Set(['x', 'y', 'w']),
    );
    // Another day, another chunk: still the same id.
    expect((await writer.write([ev('x', t3), ev('z', t3)])).inserted).toEqual(new Set(['z']));
    const rows = await db.query<{ id: string; ts: Date; call_id: string }>(
      `SELECT id, ts, call_id FROM events WHERE source = 'writer-test' ORDER BY id`,
    );
    expect(rows.rows.map((r) => [r.id, r.ts.toISOString(), r.call_id])).toEqual([
      ['w', t1, 'first'],
      ['x', t2, 'call-x'],
      ['y', t1, 'call-y'],
      ['z', t3, 'call-z'],
    ]);
    const ids = await db.query<{ id: string; ts: Date }>(`SELECT id, ts FROM event_ids ORDER BY id`);
    expect(ids.rows.map((r) => [r.id, r.ts.toISOString()])).toEqual([
      ['w', t1],
      ['x', t2],
      ['y', t1],
      ['z', t3],
    ]);
  });

  it('forgets the ids of events past the 400 days the events are kept, once a day', async () => {
    const day = 86_400_000;
    await db.query(`INSERT INTO event_ids (id, ts) VALUES ('old', $1), ('kept', $2)`, [
      new Date(Date.now() - 401 * day),
      new Date(Date.now() - 399 * day),
    ]);
    const job = await db.query<{ job_id: number; schedule_interval: string }>(
      `SELECT job_id, schedule_interval::text FROM timescaledb_information.jobs WHERE proc_name = 'purge_event_ids'`,
    );
    expect(job.rows.map((j) => j.schedule_interval)).toEqual(['1 day']);
    await db.exec(`CALL run_job(${job.rows[0]!.job_id})`);
    const left = await db.query<{ id: string }>(`SELECT id FROM event_ids WHERE id IN ('old', 'kept')`);
    expect(left.rows).toEqual([{ id: 'kept' }]);
  });
});

describe('with the in-process log', () => {
  let app: RunningApp;
  let admin: Client;
  let metricsKey: string;
  beforeAll(async () => {
    app = await startApp({ CALLBOARD_TZ: TZ });
    await refuseMarkedIds(app.db);
    admin = await login(app.url, 'admin', ADMIN_PASSWORD);
    metricsKey = (await createApiKey(app.db, 'prometheus', 'metrics')).secret;
  }, 60_000);
  afterAll(async () => app?.close());

  it('fails only the refused event: concurrent valid batches and the valid rest of its own are stored and acknowledged', async () => {
    // A large batch ahead keeps the writer busy, so the three posts after it are committed as one group.
    const bulk = Array.from({ length: 2000 }, (_, i) => offer(`bulk-${i}`, 30, 'bulk'));
    const ahead = postEvents(app.url, bulk);
    const [a, b, c] = await Promise.all([
      postEvents(app.url, [offer('a1', 20, 'poison'), offer('a2', 19, 'poison')]),
      // An invalid item first: the refusal is reported at its index in the body.
      postEvents(app.url, [{ id: 'b0' }, offer('b1', 18, 'poison'), offer('poison-b', 17, 'poison'), offer('b2', 16, 'poison')]),
      postEvents(app.url, [offer('c1', 15, 'poison')]),
    ]);
    expect((await ahead).body).toEqual({ accepted: 2000, duplicates: 0, rejected: [] });
    expect([a.status, b.status, c.status]).toEqual([202, 202, 202]);
    expect(a.body).toEqual({ accepted: 2, duplicates: 0, rejected: [] });
    expect(b.body).toEqual({
      accepted: 2,
      duplicates: 0,
      rejected: [
        { index: 0, error: 'type: required' },
        { index: 2, error: REFUSED },
      ],
    });
    expect(c.body).toEqual({ accepted: 1, duplicates: 0, rejected: [] });

    // 202 means committed: no waiting.
    expect((await storedIds(app.db)).filter((id) => !id.startsWith('bulk-'))).toEqual(['a1', 'a2', 'b1', 'b2', 'c1']);
    expect((await app.db.query<{ n: number }>(`SELECT count(*) AS n FROM events WHERE queue = 'bulk'`)).rows[0]!.n).toBe(2000);
    expect((await app.db.query(`SELECT 1 FROM event_ids WHERE id = 'poison-b'`)).rows).toEqual([]);
    // The live engine follows what was stored: five offers, the refused one not among them.
    expect(await offeredToday(admin, 'poison')).toBe(5);
    expect(await metric(app.url, metricsKey, 'callboard_events_rejected_total{reason="refused"}')).toBe(1);

    // The refused sender can resend the event's valid fields later; nothing of the refusal stays behind.
    expect((await postEvents(app.url, [offer('b3', 14, 'poison')])).body).toEqual({ accepted: 1, duplicates: 0, rejected: [] });
  });

  it('stores the same id with another ts once, and the live figures count it once', async () => {
    expect((await postEvents(app.url, [offer('dup-1', 10, 'dups')])).body).toEqual({ accepted: 1, duplicates: 0, rejected: [] });
    expect((await postEvents(app.url, [offer('dup-1', 9, 'dups')])).body).toEqual({ accepted: 0, duplicates: 1, rejected: [] });
    // In one batch: the first occurrence is stored, the second is its duplicate.
    expect((await postEvents(app.url, [offer('dup-2', 8, 'dups'), offer('dup-2', 7, 'dups')])).body).toEqual({
      accepted: 1,
      duplicates: 1,
      rejected: [],
    });
    const rows = await app.db.query<{ id: string; ts: Date }>(`SELECT id, ts FROM events WHERE queue = 'dups' ORDER BY id`);
    expect(rows.rows.map((r) => [r.id, r.ts.toISOString()])).toEqual([
      ['dup-1', ago(10)],
      ['dup-2', ago(8)],
    ]);
    expect(await offeredToday(admin, 'dups')).toBe(2);
  });
});

describe('with the Redis log', () => {
  let app: RunningApp;
  let admin: Client;
  let metricsKey: string;
  const redis = createClient({ url: REDIS });
  let keys: ReturnType<typeof redisKeys>;
  beforeAll(async () => {
    app = await startApp({ CALLBOARD_TZ: TZ, REDIS_URL: REDIS });
    await refuseMarkedIds(app.db);
    admin = await login(app.url, 'admin', ADMIN_PASSWORD);
    metricsKey = (await createApiKey(app.db, 'prometheus', 'metrics')).secret;
    await redis.connect();
    keys = redisKeys(app.config.CALLBOARD_REDIS_PREFIX);
  }, 60_000);
  afterAll(async () => {
    await redis.quit();
    await app?.close();
  });

  /** Every entry in the stream read and acknowledged by the writer. */
  const writerDone = () =>
    until('the writer to acknowledge every entry', async () => {
      const groups = (await redis.xInfoGroups(keys.stream)) as unknown as { name: string; lag: number; pending: number }[];
      const g = groups.find((x) => x.name === WRITER_GROUP);
      return g?.lag === 0 && g.pending === 0;
    });

  it('moves the refused entry to the dead-letter stream, stores the rest and keeps writing later events', async () => {
    const r = await postEvents(app.url, [offer('r1', 20, 'poison'), offer('poison-r', 19, 'poison'), offer('r2', 18, 'poison')]);
    // The log took all three; the database sees them only after the 202.
    expect(r.body).toEqual({ accepted: 3, duplicates: 0, rejected: [] });
    await writerDone();
    expect(await storedIds(app.db)).toEqual(['r1', 'r2']);

    const dead = (await redis.xRange(keys.dead, '-', '+')) ?? [];
    expect(dead).toHaveLength(1);
    const { entry, e, error, at } = dead[0]!.message;
    expect(JSON.parse(e!)).toMatchObject({ id: 'poison-r', ts: ago(19), payload: { caller: '13812345678' } });
    expect(error).toBe(REFUSED);
    expect(Math.abs(Date.parse(at!) - Date.now())).toBeLessThan(60_000);
    // The entry id is the event's entry in the log (kept there until the retention trims it).
    const original = (await redis.xRange(keys.stream, entry!, entry!)) ?? [];
    expect((JSON.parse(original[0]!.message.e!) as { id: string }).id).toBe('poison-r');
    expect(await metric(app.url, metricsKey, 'callboard_events_dead_lettered_total')).toBe(1);

    expect((await postEvents(app.url, [offer('r3', 17, 'poison')])).body).toEqual({ accepted: 1, duplicates: 0, rejected: [] });
    await writerDone();
    expect(await storedIds(app.db)).toEqual(['r1', 'r2', 'r3']);
    expect(await redis.xLen(keys.dead)).toBe(1);
  });

  it('stores an id once even after the log has forgotten it, and the live figures count it once', async () => {
    expect((await postEvents(app.url, [offer('dup-r', 10, 'dups-r')])).body).toEqual({ accepted: 1, duplicates: 0, rejected: [] });
    await writerDone();
    await until('the live engine to count the offer', async () => (await offeredToday(admin, 'dups-r')) === 1);
    // What CALLBOARD_DEDUPE_WINDOW_H does to an id: the keys of the bucket it arrived in expire, and a resend is taken into the log again.
    const remembered: string[] = [];
    for await (const found of redis.scanIterator({ MATCH: `${keys.seen}*`, COUNT: 1000 })) remembered.push(...found);
    expect(remembered.length).toBeGreaterThanOrEqual(2);
    expect(await redis.unlink(remembered)).toBe(remembered.length);
    expect((await postEvents(app.url, [offer('dup-r', 9, 'dups-r')])).body).toEqual({ accepted: 1, duplicates: 0, rejected: [] });
    await writerDone();
    const rows = await app.db.query<{ id: string; ts: Date }>(`SELECT id, ts FROM events WHERE id = 'dup-r'`);
    expect(rows.rows.map((x) => [x.id, x.ts.toISOString()])).toEqual([['dup-r', ago(10)]]);
    // The live engine has had the resend from the log too (it follows the stream): counted once all the same.
    expect(await offeredToday(admin, 'dups-r')).toBe(1);
    expect(await redis.xLen(keys.dead)).toBe(1);
  });
});

describe('the Redis writer on a database that refuses marked events', () => {
  const prefix = `poison-${process.pid}-${Date.now().toString(36)}`;
  const clients = new RedisClients(REDIS);
  afterAll(async () => {
    await clients.close();
    await dropRedisKeys(prefix, REDIS);
  });
  const ev = (id: string) =>
    ({ id, type: 'call.abandoned', ts: '2026-03-02T01:00:00.000Z', source: 't', payload: { callId: id } }) as CanonicalEvent;

  it('dead-letters a refused entry, retries while the database is unavailable, and loses nothing', async () => {
    const written: string[] = [];
    const deadLettered: string[] = [];
    let unavailable = 2;
    const log = await RedisEventLog.connect(clients, {
      prefix,
      retentionHours: 1,
      maxBatch: 100,
      maxWaitMs: 20,
      onDeadLettered: (f, entryId) => deadLettered.push(`${f.event.id} ${f.code} ${entryId.includes('-')}`),
    });
    log.startWriter(async (events) => {
      if (events.some((e) => e.id.startsWith('bad'))) throw Object.assign(new Error('refused'), { code: '22P02' });
      if (events.some((e) => e.id === 'late') && unavailable-- > 0) throw Object.assign(new Error('connection lost'), { code: '08006' });
      written.push(...events.map((e) => e.id));
      return { inserted: new Set(events.map((e) => e.id)) };
    });
    await log.append([ev('a'), ev('bad'), ev('b')]);
    await until('a and b to be written', async () => written.includes('a') && written.includes('b'));
    await log.append([ev('late')]);
    await until('the later event to be written once the database is back', async () => written.includes('late'));
    await log.close();

    expect([...written].sort()).toEqual(['a', 'b', 'late']);
    expect(unavailable).toBe(-1);
    expect(deadLettered).toEqual(['bad 22P02 true']);
    const redis = createClient({ url: REDIS });
    await redis.connect();
    const dead = (await redis.xRange(redisKeys(prefix).dead, '-', '+')) ?? [];
    const pending = (await redis.xPending(redisKeys(prefix).stream, WRITER_GROUP)) as { pending: number };
    await redis.quit();
    expect(dead.map((d) => [JSON.parse(d.message.e!).id, d.message.error])).toEqual([
      ['bad', 'refused by the database: a value has an invalid form (SQLSTATE 22P02)'],
    ]);
    expect(pending.pending).toBe(0);
  }, 30_000);
});
