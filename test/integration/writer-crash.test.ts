/**
 * A writer that dies after its database commit but before acknowledging the
 * log: the entries stay pending, the next writer claims and re-writes them, and
 * the database ends with every event exactly once.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createClient } from 'redis';
import { RedisClients, RedisEventLog, WRITER_GROUP, WriterRepository, WriterService, redisKeys } from '@callboard/api';
import { type EmbeddedDb, migrate, openEmbedded } from '@callboard/db';
import { scenarioEvents } from '../support/scenario.js';
import { until } from '../support/app.js';
import { dropRedisKeys } from '../support/redis.js';

const REDIS = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const prefix = `crash-${process.pid}-${Date.now()}`;
const clients = new RedisClients(REDIS);
let db: EmbeddedDb;

beforeAll(async () => {
  db = await openEmbedded('memory://');
  await migrate(db, 'Asia/Shanghai');
}, 60_000);
afterAll(async () => {
  await clients.close();
  await db?.close();
  await dropRedisKeys(prefix, REDIS);
});

it('loses and doubles nothing when the writer dies between commit and ack', async () => {
  const writer = new WriterService(new WriterRepository(db));
  const events = scenarioEvents();
  const opts = { prefix, retentionHours: 1, maxBatch: 500, maxWaitMs: 20 };

  // Writer 1 commits every batch, then "dies" before XACK (it throws, so it never acknowledges).
  let commits = 0;
  const first = await RedisEventLog.connect(clients, { ...opts, consumer: 'w1' });
  first.startWriter(async (batch) => {
    const r = await writer.write(batch);
    commits++;
    throw Object.assign(new Error('killed after commit'), { result: r });
  });
  expect(await first.append(events)).toEqual({ accepted: events.length, duplicateIndexes: [] });
  await until('writer 1 to commit', async () => commits > 0);
  await first.close();

  const redis = createClient({ url: REDIS });
  await redis.connect();
  const stream = redisKeys(prefix).stream;
  const pending = (await redis.xPending(stream, WRITER_GROUP)) as { pending: number };
  expect(pending.pending).toBe(events.length);

  // Writer 2 takes over the entries writer 1 left pending.
  const second = await RedisEventLog.connect(clients, { ...opts, consumer: 'w2', claimIdleMs: 50 });
  second.startWriter((batch) => writer.write(batch));
  await until(
    'writer 2 to acknowledge everything',
    async () => ((await redis.xPending(stream, WRITER_GROUP)) as { pending: number }).pending === 0,
  );
  await second.close();
  await redis.quit();

  const counts = await db.query<{ events: number; calls: number; offered: number; answered: number }>(
    `SELECT (SELECT count(*) FROM events) AS events, (SELECT count(*) FROM calls) AS calls,
            (SELECT sum(offered) FROM calls_15m) AS offered, (SELECT sum(answered) FROM calls_15m) AS answered`,
  );
  expect(counts.rows[0]).toEqual({ events: events.length, calls: 6, offered: 6, answered: 3 });
}, 60_000);
