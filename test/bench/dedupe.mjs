// De-duplication memory benchmark (target: ≤ 100 bytes of Redis memory per
// event id remembered in the window). Pushes BENCH_DEDUPE_EVENTS (1,000,000)
// distinct ids through the Redis log's append (its Lua script), arriving evenly
// over a 48 h window (so in 6 h buckets sized by the traffic before them), then
// sums MEMORY USAGE over the log's id keys (which leaves out the expiry's
// entry, about 40 B a key, in the baseline's favour); the
// baseline, measured in the same run on a prefix of its own, is the former
// scheme: one `SET prefix..id 1 NX EX ttl` key per id, by the former script.
// A second run puts every id in one hour after a quiet window (no earlier
// traffic to size the bucket's hashes by). The append times are for context
// only (a shared Redis on a busy machine). The streams are trimmed after every
// batch: only the ids are measured. Every key goes at the end.
import { RedisClients, RedisEventLog, redisKeys } from '@callboard/api';
import { REDIS, claimRedisPrefix, dropRedisKeys, fmt, headlines, redisClient } from './common.mjs';

const EVENTS = Number(process.env.BENCH_DEDUPE_EVENTS ?? 1_000_000);
const WINDOW_H = 48;
const BATCH = 5000;
const TARGET_BYTES = 100;

/** The append script before ids were grouped by hour: a key per id. */
const KEY_PER_ID_SCRIPT = `
local dups = {}
local prefix = ARGV[1]
local ttl = ARGV[2]
for i = 3, #ARGV, 2 do
  if redis.call('SET', prefix .. ARGV[i], '1', 'NX', 'EX', ttl) then
    redis.call('XADD', KEYS[1], '*', 'e', ARGV[i + 1])
  else
    table.insert(dups, (i - 3) / 2)
  end
end
return dups
`;

const ev = (id) => ({ id, type: 'call.abandoned', ts: '2026-03-02T01:00:00.000Z', source: 'bench', payload: { callId: id } });
/** The i-th id, shaped like the UUIDs most PBXs send (36 characters). */
const idAt = (i) => `00000000-0000-4000-8000-${i.toString(16).padStart(12, '0')}`;

async function usedMemory(redis) {
  const info = await redis.info('memory');
  return Number(/used_memory:(\d+)/.exec(info)[1]);
}

/** MEMORY USAGE summed over the keys matching `match`, and how many there are. */
async function memoryUsage(redis, match) {
  let bytes = 0;
  let keys = 0;
  for await (const found of redis.scanIterator({ MATCH: match, COUNT: 1000 })) {
    const list = Array.isArray(found) ? found : [found];
    const sizes = await Promise.all(list.map((k) => redis.memoryUsage(k, { SAMPLES: 0 })));
    for (const s of sizes) bytes += s ?? 0;
    keys += list.length;
  }
  return { bytes, keys };
}

async function keyPerId(redis, prefix) {
  const { stream, seen } = redisKeys(prefix);
  const ttl = String(WINDOW_H * 3600);
  const before = await usedMemory(redis);
  const started = performance.now();
  for (let i = 0; i < EVENTS; i += BATCH) {
    const args = [seen, ttl];
    for (let j = i; j < Math.min(EVENTS, i + BATCH); j++) {
      const e = ev(idAt(j));
      args.push(e.id, JSON.stringify(e));
    }
    const dups = await redis.eval(KEY_PER_ID_SCRIPT, { keys: [stream], arguments: args });
    if (dups.length) throw new Error(`${dups.length} distinct ids taken for duplicates (key per id)`);
    await redis.xTrim(stream, 'MAXLEN', 0);
  }
  const seconds = (performance.now() - started) / 1000;
  const info = (await usedMemory(redis)) - before;
  return { seconds, info, ...(await memoryUsage(redis, `${seen}*`)) };
}

/** The Redis log's own append, its clock moving from `fromMs` to `toMs` over the ids. */
async function bucketed(redis, clients, prefix, fromMs, toMs) {
  const { stream, seen } = redisKeys(prefix);
  let clockMs = fromMs;
  const log = await RedisEventLog.connect(clients, {
    prefix,
    retentionHours: WINDOW_H,
    dedupeWindowHours: WINDOW_H,
    clock: () => clockMs,
    maxBatch: BATCH,
    maxWaitMs: 50,
  });
  const before = await usedMemory(redis);
  const started = performance.now();
  for (let i = 0; i < EVENTS; i += BATCH) {
    clockMs = fromMs + ((toMs - fromMs) * i) / EVENTS;
    const batch = [];
    for (let j = i; j < Math.min(EVENTS, i + BATCH); j++) batch.push(ev(idAt(j)));
    const r = await log.append(batch);
    if (r.duplicateIndexes.length) throw new Error(`${r.duplicateIndexes.length} distinct ids taken for duplicates (bucketed hashes)`);
    await redis.xTrim(stream, 'MAXLEN', 0);
  }
  const seconds = (performance.now() - started) / 1000;
  const info = (await usedMemory(redis)) - before;
  // Every id is still a duplicate at the end of the run.
  clockMs = toMs;
  const sample = Array.from({ length: BATCH }, (_, k) => ev(idAt(Math.floor((k * EVENTS) / BATCH))));
  const again = await log.append(sample);
  await log.close();
  if (again.accepted !== 0) throw new Error(`${again.accepted} of ${BATCH} ids resent at the end of the window were taken as new`);
  // The encodings on this server, and the hashes beyond the default hash-max-listpack-entries (hashtables under the defaults).
  const encodings = new Map();
  let overDefault = 0;
  for await (const found of redis.scanIterator({ MATCH: `${seen}*:*`, COUNT: 1000 })) {
    const list = Array.isArray(found) ? found : [found];
    for (const enc of await Promise.all(list.map((k) => redis.objectEncoding(k)))) encodings.set(enc, (encodings.get(enc) ?? 0) + 1);
    for (const len of await Promise.all(list.map((k) => redis.hLen(k)))) if (len > 128) overDefault++;
  }
  return { seconds, info, encodings, overDefault, ...(await memoryUsage(redis, `${seen}*`)) };
}

export async function dedupe() {
  const redis = redisClient();
  await redis.connect();
  const clients = new RedisClients(REDIS);
  // Short prefixes, as the default `callboard` is: the baseline's key names hold them.
  const run = `bd${process.pid}`;
  const [oldPrefix, windowPrefix, burstPrefix] = ['o', 'w', 'b'].map((p) => `${run}-${p}`);
  for (const p of [oldPrefix, windowPrefix, burstPrefix]) claimRedisPrefix(p);
  const listpack = await redis.configGet('hash-max-listpack-entries');
  console.log(
    `dedupe: ${fmt(EVENTS)} distinct ids through the append script, ${WINDOW_H} h window (server hash-max-listpack-entries ${Object.values(listpack)[0]}; the hashes are sized for the default 128)`,
  );
  try {
    const now = Date.now();
    const old = await keyPerId(redis, oldPrefix);
    await dropRedisKeys(oldPrefix);
    const spread = await bucketed(redis, clients, windowPrefix, now - WINDOW_H * 3_600_000, now);
    await dropRedisKeys(windowPrefix);
    // The start of the next bucket (a sixth of a day), so the hour lies in one bucket.
    const nextBucket = Math.ceil(now / 21_600_000) * 21_600_000;
    const burst = await bucketed(redis, clients, burstPrefix, nextBucket, nextBucket + 50 * 60_000);
    await dropRedisKeys(burstPrefix);

    const per = (r) => r.bytes / EVENTS;
    const hashes = (r) => `${[...r.encodings].map(([k, v]) => `${fmt(v)} ${k}`).join(', ')}, ${fmt(r.overDefault)} over 128 entries`;
    const line = (label, r) =>
      `  ${label}: ${fmt(per(r), 1)} B/event (MEMORY USAGE over ${fmt(r.keys)} keys; used_memory +${fmt(r.info / EVENTS, 1)} B/event), append ${fmt((r.seconds * 1e6) / EVENTS, 1)} µs/event`;
    console.log(line('key per id (baseline)          ', old));
    console.log(line('bucketed hashes, ids over 48 h  ', spread) + ` — hashes: ${hashes(spread)}`);
    console.log(line('bucketed hashes, ids in one hour', burst) + ` — hashes: ${hashes(burst)}`);
    const figures = headlines('dedupe');
    for (const [label, r] of [
      ['ids over 48 h', spread],
      ['ids in one hour', burst],
    ]) {
      figures.print({
        figure: `Redis memory per id in the window (${label})`,
        value: per(r),
        unit: 'B',
        target: `≤ ${TARGET_BYTES} B`,
        pass: per(r) <= TARGET_BYTES,
        note: `key per id ${fmt(per(old), 1)} B, ${fmt(per(old) / per(r), 1)}× less`,
      });
    }
    return figures.rows;
  } finally {
    for (const p of [oldPrefix, windowPrefix, burstPrefix]) await dropRedisKeys(p);
    await clients.close();
    await redis.quit();
  }
}
