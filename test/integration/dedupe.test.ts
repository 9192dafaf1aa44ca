/**
 * The Redis log's duplicate check on a real Redis: an id is remembered by the
 * bucket (an eighth of the window) it arrived in, for the whole window and
 * across bucket boundaries, then forgotten; distinct ids are never merged. The
 * buckets here are mostly a minute long (a second for the real expiry) on a
 * clock the test moves.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from 'redis';
import { type CanonicalEvent, RedisClients, RedisEventLog, idFingerprint, redisKeys } from '@callboard/api';
import { until } from '../support/app.js';
import { dropRedisKeys } from '../support/redis.js';

const REDIS = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const run = `dedupe-${process.pid}-${Date.now().toString(36)}`;
const clients = new RedisClients(REDIS);
const redis = createClient({ url: REDIS });
const prefixes: string[] = [];

const BUCKET = 60;
/** Two buckets: an id of bucket b is looked up until the end of bucket b + 2. */
const WINDOW_S = 120;

const ev = (id: string) =>
  ({ id, type: 'call.abandoned', ts: '2026-03-02T01:00:00.000Z', source: 't', payload: { callId: id } }) as CanonicalEvent;

/** A log on a prefix of its own whose clock is `clock.ms`, at the start of a bucket in the (near) future, so every expiry lies ahead. */
async function open(name: string, window = WINDOW_S, bucket = BUCKET) {
  const prefix = `${run}-${name}`;
  prefixes.push(prefix);
  const clock = { ms: (Math.floor(Date.now() / 1000 / bucket) + 2) * bucket * 1000 };
  const log = await RedisEventLog.connect(clients, {
    prefix,
    retentionHours: 1,
    dedupeWindowHours: window / 3600,
    dedupeBucketSeconds: bucket,
    clock: () => clock.ms,
    maxBatch: 100,
    maxWaitMs: 20,
  });
  return { log, clock, prefix, keys: redisKeys(prefix) };
}

async function keysOf(prefix: string): Promise<string[]> {
  const out: string[] = [];
  for await (const keys of redis.scanIterator({ MATCH: `{${prefix}}:*`, COUNT: 1000 })) out.push(...keys);
  return out.sort();
}

/** The ids in the log's stream, in log order. */
async function logged(prefix: string): Promise<string[]> {
  const entries = (await redis.xRange(redisKeys(prefix).stream, '-', '+')) ?? [];
  return entries.map((e) => (JSON.parse(e.message.e!) as { id: string }).id);
}

beforeAll(async () => {
  await redis.connect();
});
afterAll(async () => {
  await clients.close();
  for (const p of prefixes) await dropRedisKeys(p, REDIS);
  // Nothing of this file is left in Redis.
  expect(await keysOf(`${run}*`)).toEqual([]);
  await redis.quit();
});

describe('the Redis log remembers event ids', () => {
  it('takes a resend for a duplicate within the window, also from a later bucket, and in the same batch', async () => {
    const { log, clock, prefix } = await open('window');
    const t0 = clock.ms;
    clock.ms = t0 + 50_000;
    expect(await log.append([ev('a'), ev('b'), ev('c'), ev('c')])).toEqual({ accepted: 3, duplicateIndexes: [3] });
    // 15 s later, across the bucket boundary.
    clock.ms = t0 + 65_000;
    expect(await log.append([ev('d'), ev('a')])).toEqual({ accepted: 1, duplicateIndexes: [1] });
    // The last second of the window of `a` (arrived 50 s into bucket 0; the window is 120 s).
    clock.ms = t0 + 170_000;
    expect(await log.append([ev('b'), ev('e'), ev('d')])).toEqual({ accepted: 1, duplicateIndexes: [0, 2] });
    expect(await logged(prefix)).toEqual(['a', 'b', 'c', 'd', 'e']);
    await log.close();
  });

  it('forgets an id once the window has passed over its bucket, and its keys expire at the end of the bucket plus the window', async () => {
    const { log, clock, prefix, keys } = await open('expiry');
    const t0 = clock.ms;
    const start0 = t0 / 1000;
    const start1 = start0 + BUCKET;
    clock.ms = t0 + 10_000;
    expect((await log.append([ev('x')])).accepted).toBe(1);
    clock.ms = t0 + 60_000;
    expect((await log.append([ev('y')])).accepted).toBe(1);
    // The bucket of x, its shard and the next bucket's.
    const stored = await keysOf(prefix);
    const shard = idFingerprint('x').readUInt16BE(0) % 256;
    expect(stored).toEqual(
      [
        keys.stream,
        `${keys.seen}${start0}`,
        `${keys.seen}${start0}:${shard}`,
        `${keys.seen}${start1}`,
        `${keys.seen}${start1}:${idFingerprint('y').readUInt16BE(0) % 256}`,
      ].sort(),
    );
    const expireAt = (key: string) => redis.sendCommand(['EXPIRETIME', key]) as Promise<number>;
    expect(await expireAt(`${keys.seen}${start0}`)).toBe(start1 + WINDOW_S);
    expect(await expireAt(`${keys.seen}${start0}:${shard}`)).toBe(start1 + WINDOW_S);
    expect(await redis.hGetAll(`${keys.seen}${start0}`)).toEqual({ s: '256', n: '1' });

    // Bucket 3 looks back to bucket 1 only: x (bucket 0) is new again, y (bucket 1) is not.
    clock.ms = t0 + 3 * 60_000;
    expect(await log.append([ev('x'), ev('y')])).toEqual({ accepted: 1, duplicateIndexes: [1] });
    expect(await logged(prefix)).toEqual(['x', 'y', 'x']);
    await log.close();
  });

  it('by default groups ids in eighths of the window: 6-hour buckets for 48 hours, remembered 48 to 54 hours', async () => {
    const prefix = `${run}-default`;
    prefixes.push(prefix);
    const keys = redisKeys(prefix);
    const start = (Math.floor(Date.now() / 21_600_000) + 1) * 21_600;
    let ms = start * 1000;
    const log = await RedisEventLog.connect(clients, { prefix, retentionHours: 1, clock: () => ms, maxBatch: 100, maxWaitMs: 20 });
    // `early` arrives in the first second of a bucket, `late` in its last.
    expect((await log.append([ev('early')])).accepted).toBe(1);
    ms = (start + 21_599) * 1000;
    expect((await log.append([ev('late')])).accepted).toBe(1);
    expect(await redis.sendCommand(['EXPIRETIME', `${keys.seen}${start}`])).toBe(start + 21_600 + 48 * 3600);
    // 48 hours after `late`: both remembered.
    ms += 48 * 3_600_000;
    expect(await log.append([ev('late'), ev('early')])).toEqual({ accepted: 0, duplicateIndexes: [0, 1] });
    // A second later the next bucket reads back to the bucket after theirs: both forgotten, `early` after 54 hours.
    ms += 1000;
    expect(await log.append([ev('late'), ev('early')])).toEqual({ accepted: 2, duplicateIndexes: [] });
    await log.close();
  });

  it('lets Redis drop the keys of a bucket the window has passed', async () => {
    // One-second buckets and window on the server's real clock.
    const prefix = `${run}-real`;
    prefixes.push(prefix);
    const log = await RedisEventLog.connect(clients, {
      prefix,
      retentionHours: 1,
      dedupeWindowHours: 1 / 3600,
      dedupeBucketSeconds: 1,
      maxBatch: 100,
      maxWaitMs: 20,
    });
    expect((await log.append([ev('r')])).accepted).toBe(1);
    const seen = async () => (await keysOf(prefix)).filter((k) => k.startsWith(redisKeys(prefix).seen));
    expect((await seen()).length).toBe(2);
    await until('the bucket of r to expire', async () => (await seen()).length === 0);
    expect((await log.append([ev('r')])).accepted).toBe(1);
    expect(await logged(prefix)).toEqual(['r', 'r']);
    await log.close();
  });

  it('never merges distinct ids, keeps every hash within the default listpack size, and sizes the next bucket for its traffic', async () => {
    const { log, clock, prefix, keys } = await open('distinct', 3600, 3600);
    const t0 = clock.ms;
    const start0 = t0 / 1000;
    // Ids that differ in one character, short and at the 200-character limit.
    const ids = Array.from({ length: 20_000 }, (_, i) => (i % 2 ? `call-${i}` : `${'x'.repeat(190)}-${String(i).padStart(8, '0')}`));
    for (let i = 0; i < ids.length; i += 5000) {
      expect(await log.append(ids.slice(i, i + 5000).map(ev))).toEqual({ accepted: 5000, duplicateIndexes: [] });
    }
    expect(await redis.xLen(keys.stream)).toBe(20_000);
    expect(await redis.hGetAll(`${keys.seen}${start0}`)).toEqual({ s: '256', n: '20000' });
    const lengths: number[] = [];
    for (let s = 0; s < 256; s++) lengths.push(await redis.hLen(`${keys.seen}${start0}:${s}`));
    expect(lengths.reduce((a, b) => a + b, 0)).toBe(20_000);
    expect(Math.max(...lengths)).toBeLessThanOrEqual(128);

    // The next hour: shards for 20,000 ids at 32 a shard (1,024), and every id of the last hour still a duplicate there.
    clock.ms = t0 + 3_600_000;
    const again = await log.append([ev('new-hour'), ...ids.slice(0, 4999).map(ev)]);
    expect(again.accepted).toBe(1);
    expect(again.duplicateIndexes).toEqual(Array.from({ length: 4999 }, (_, i) => i + 1));
    expect(await redis.hGetAll(`${keys.seen}${start0 + 3600}`)).toEqual({ s: '1024', n: '1' });
    expect((await log.append(ids.slice(4999, 9998).map(ev))).accepted).toBe(0);
    expect(await redis.xLen(keys.stream)).toBe(20_001);
    expect((await logged(prefix)).at(-1)).toBe('new-hour');
    await log.close();
  }, 60_000);
});
