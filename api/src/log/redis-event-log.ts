/**
 * The event log on Redis Streams. An append is one Lua script, atomic on the
 * server: for each event it looks the id up in the de-duplication window and,
 * if the id is new, remembers it and XADDs the event; so a duplicate is counted
 * exactly once however many API processes receive it. The writer reads through
 * a consumer group and acknowledges entries only after the database commit;
 * entries a crashed writer left pending are claimed by the next one. Entries
 * are trimmed by age, never before the writer has acknowledged them.
 *
 * Ids are remembered by arrival bucket (an eighth of the window, see
 * DEDUPE_SCRIPT): each bucket's ids sit in small hashes that Redis keeps as
 * listpacks (about 26 bytes an id instead of about 100 for a key per id, 150
 * with its expiry), and a bucket expires as a whole once the window has passed
 * over its last id.
 *
 * An event the database refuses for its data (`writer/refusals.ts`) would be
 * read again forever and hold back every entry behind it. The writer bisects
 * such a batch, stores the rest, and moves each refused entry to the
 * dead-letter stream (`{prefix}:dead`: the entry id, the event, the reason and
 * the time), acknowledging it in the same MULTI. An availability error keeps
 * the batch pending and is retried with backoff, so nothing is lost while the
 * database is down.
 */
import { createHash } from 'node:crypto';
import os from 'node:os';
import type { CanonicalEvent } from '../events/event.schema.js';
import type { RedisClient, RedisClients } from '../infra/redis.js';
import { type Refusal, writeIsolating } from '../writer/refusals.js';
import { notify } from './embedded-event-log.js';
import type { AppendResult, BatchWriter, EventLog, LogHealth, LogListener } from './event-log.js';

export const WRITER_GROUP = 'writer';
/** The hash tag keeps the stream and the id keys in one Redis Cluster slot, as the Lua script needs. */
export const redisKeys = (prefix: string) => ({ stream: `{${prefix}}:events`, seen: `{${prefix}}:seen:`, dead: `{${prefix}}:dead` });

/** The dead-letter stream keeps about this many entries (the newest). */
export const DEAD_LETTER_MAXLEN = 100_000;

/** How long ids are remembered by default (CALLBOARD_DEDUPE_WINDOW_H). */
export const DEDUPE_WINDOW_HOURS = 48;
/**
 * Ids are grouped by arrival into this many buckets of the window (6 h for
 * 48 h); a bucket's keys expire together. A lookup reads one more bucket than
 * this (the current one and those before it the window reaches), and an id is
 * remembered at most one bucket longer than the window.
 */
export const DEDUPE_BUCKETS = 8;

/**
 * What the log remembers of an event id: the first 128 bits of its SHA-256.
 * Fixed-size, so every id fits a listpack entry (ids may be 200 characters,
 * beyond hash-max-listpack-value); two distinct ids share a fingerprint with a
 * chance of about n²/2¹²⁹ (below 10⁻²¹ for a billion ids in the window), so a
 * different event is never taken for a duplicate in practice.
 */
export const idFingerprint = (id: string): Buffer => createHash('sha256').update(id).digest().subarray(0, 16);

/**
 * The ids of one bucket live in `{seen}<start>:<shard>` hashes (`<start>`: the
 * bucket's first second since the epoch; field: the fingerprint, value 1), the
 * shard being the fingerprint's first 16 bits modulo the bucket's shard count.
 * `{seen}<start>` holds that count (`s`, a power of two fixed when the bucket's
 * first id arrives) and how many ids the bucket took (`n`). A bucket gets about
 * one shard per PER_SHARD ids of the busier of the previous bucket and the one
 * a day earlier, and at least MIN_SHARDS: its hashes then stay far below the
 * default hash-max-listpack-entries (128) even when the traffic grows
 * fourfold, and a busier bucket than foreseen only costs its hashes the
 * hashtable encoding (larger, still exact). Every key of a bucket expires at
 * the end of the bucket plus the window, so an id is remembered for at least
 * the window and at most one bucket longer; a lookup reads only the buckets
 * that can hold an id of the last window (the current one and the
 * `ceil(window / bucket)` before it), newest first.
 *
 * ARGV: the `seen` prefix, the time in seconds ('' for the server's clock), the
 * bucket and window lengths in seconds, then a fingerprint and an event per
 * event. Returns the indexes of the duplicates.
 */
const DEDUPE_SCRIPT = `
local PER_SHARD = 32
local MIN_SHARDS = 256
local MAX_SHARDS = 65536
local call = redis.call
local seen = ARGV[1]
local now = tonumber(ARGV[2])
if not now then now = tonumber(call('TIME')[1]) end
local size = tonumber(ARGV[3])
local window = tonumber(ARGV[4])
local cur = math.floor(now / size)
local first = cur - math.ceil(window / size)
local expires = (cur + 1) * size + window
local function name(b) return seen .. string.format('%d', b * size) end
-- The window's buckets, newest first: each one's shard count and key prefix.
local current = tonumber(call('HGET', name(cur), 's'))
if not current then
  local busiest = tonumber(call('HGET', name(cur - 1), 'n')) or 0
  local dayAgo = cur - math.floor(86400 / size)
  if dayAgo >= first and dayAgo < cur - 1 then busiest = math.max(busiest, tonumber(call('HGET', name(dayAgo), 'n')) or 0) end
  current = MIN_SHARDS
  while current < MAX_SHARDS and current * PER_SHARD < busiest do current = current * 2 end
  call('HSET', name(cur), 's', current, 'n', 0)
  call('EXPIREAT', name(cur), expires)
end
local counts, prefixes = { current }, { name(cur) .. ':' }
for b = cur - 1, first, -1 do
  local s = tonumber(call('HGET', name(b), 's'))
  if s then
    table.insert(counts, s)
    table.insert(prefixes, name(b) .. ':')
  end
end
local n = #counts
local dups = {}
local added = 0
local timed = {}
for i = 5, #ARGV, 2 do
  local fp = ARGV[i]
  local b1, b2 = string.byte(fp, 1, 2)
  local hi = b1 * 256 + b2
  local dup = false
  for k = 1, n do
    if call('HEXISTS', prefixes[k] .. (hi % counts[k]), fp) == 1 then
      dup = true
      break
    end
  end
  if dup then
    table.insert(dups, (i - 5) / 2)
  else
    local key = prefixes[1] .. (hi % counts[1])
    call('HSET', key, fp, 1)
    if not timed[key] then
      call('EXPIREAT', key, expires)
      timed[key] = true
    end
    call('XADD', KEYS[1], '*', 'e', ARGV[i + 1])
    added = added + 1
  end
end
if added > 0 then call('HINCRBY', name(cur), 'n', added) end
return dups
`;

export interface RedisLogOptions {
  /** Key prefix (CALLBOARD_REDIS_PREFIX). */
  prefix: string;
  /** How long the stream keeps entries (CALLBOARD_LOG_RETENTION_H). */
  retentionHours: number;
  /** How long an id is remembered as a duplicate (CALLBOARD_DEDUPE_WINDOW_H); default 48. */
  dedupeWindowHours?: number;
  /** Length of the arrival buckets ids are remembered in, in seconds; default an eighth of the window. */
  dedupeBucketSeconds?: number;
  /** Milliseconds since the epoch for the de-duplication buckets; default: the Redis server's clock, shared by every API process. */
  clock?: () => number;
  maxBatch: number;
  /** How long the writer waits for a batch to fill after its first entry. */
  maxWaitMs: number;
  /** Entries pending this long with another consumer are taken over (that consumer is presumed dead). */
  claimIdleMs?: number;
  consumer?: string;
  onBatch?: (size: number, ms: number) => void;
  onError?: (err: unknown, where: string) => void;
  /** Called once per entry moved to the dead-letter stream (its event id and SQLSTATE may be logged; its values never). */
  onDeadLettered?: (refusal: Refusal, entryId: string) => void;
}

interface Entry {
  id: string;
  message: Record<string, string>;
}

const entryMs = (id: string) => Number(id.split('-')[0]);

export class RedisEventLog implements EventLog {
  readonly kind = 'redis' as const;
  private stopped = false;
  private loop: Promise<void> | undefined;
  private trimTimer: NodeJS.Timeout | undefined;
  private readonly followers: Promise<void>[] = [];
  private readonly tails: RedisClient[] = [];
  private readonly consumer: string;
  private readonly stream: string;
  private readonly seen: string;
  private readonly dead: string;

  private constructor(
    private readonly redis: RedisClients,
    private readonly client: RedisClient,
    // Blocking reads get their own connection so appends never wait behind them.
    private readonly reader: RedisClient,
    private readonly opts: RedisLogOptions,
  ) {
    this.consumer = opts.consumer ?? `writer-${os.hostname()}-${process.pid}`;
    ({ stream: this.stream, seen: this.seen, dead: this.dead } = redisKeys(opts.prefix));
  }

  static async connect(redis: RedisClients, opts: RedisLogOptions): Promise<RedisEventLog> {
    const client = await redis.connect('event log', (err: unknown) => opts.onError?.(err, 'redis'));
    const reader = await redis.connect('event log reader', (err: unknown) => opts.onError?.(err, 'redis reader'));
    try {
      await client.xGroupCreate(redisKeys(opts.prefix).stream, WRITER_GROUP, '0', { MKSTREAM: true });
    } catch (err) {
      if (!String((err as Error).message).includes('BUSYGROUP')) throw err;
    }
    return new RedisEventLog(redis, client, reader, opts);
  }

  async append(events: CanonicalEvent[]): Promise<AppendResult> {
    if (events.length === 0) return { accepted: 0, duplicateIndexes: [] };
    const window = Math.max(1, Math.round((this.opts.dedupeWindowHours ?? DEDUPE_WINDOW_HOURS) * 3600));
    const bucket = this.opts.dedupeBucketSeconds ?? Math.ceil(window / DEDUPE_BUCKETS);
    const now = this.opts.clock ? String(Math.floor(this.opts.clock() / 1000)) : '';
    const args: (string | Buffer)[] = [this.seen, now, String(bucket), String(window)];
    for (const e of events) args.push(idFingerprint(e.id), JSON.stringify(e));
    const dups = (await this.client.eval(DEDUPE_SCRIPT, { keys: [this.stream], arguments: args })) as number[];
    return { accepted: events.length - dups.length, duplicateIndexes: dups.map(Number) };
  }

  /** Starts the writer loop: read a batch, commit it, then acknowledge it. */
  startWriter(write: BatchWriter): void {
    this.loop = this.run(write);
    this.trimTimer = setInterval(() => void this.trim().catch((err) => this.opts.onError?.(err, 'trim')), 60_000);
    this.trimTimer.unref();
  }

  private async run(write: BatchWriter): Promise<void> {
    // After a restart this consumer's own unacknowledged entries come first ('0').
    let backlog = true;
    let lastClaim = 0;
    let failures = 0;
    while (!this.stopped) {
      try {
        let batch: Entry[];
        if (Date.now() - lastClaim > 10_000) {
          lastClaim = Date.now();
          batch = await this.claimAbandoned();
        } else batch = [];
        if (batch.length === 0) batch = await this.readBatch(backlog ? '0' : '>');
        if (backlog && batch.length === 0) {
          backlog = false;
          continue;
        }
        if (batch.length === 0) continue;
        const started = Date.now();
        await this.commit(write, batch);
        this.opts.onBatch?.(batch.length, Date.now() - started);
        failures = 0;
      } catch (err) {
        if (this.stopped) break;
        // Nothing was acknowledged: the entries stay pending and are read again.
        this.opts.onError?.(err, 'writer');
        backlog = true;
        failures++;
        await new Promise((r) => setTimeout(r, Math.min(5000, 100 * 2 ** failures)));
      }
    }
  }

  /** Writes a batch and acknowledges it; refused entries go to the dead-letter stream in the same MULTI as the ack. */
  private async commit(write: BatchWriter, batch: Entry[]): Promise<void> {
    const parsed = this.parse(batch);
    const events = parsed.map((p) => p.event);
    const ids = batch.map((b) => b.id);
    // One transaction when the database takes the batch; a bisection when it refuses some of it.
    const { refused } = await writeIsolating(write, events);
    if (refused.length > 0) {
      const at = new Date().toISOString();
      const multi = this.client.multi();
      for (const f of refused) {
        const entry = parsed[f.index]!.entryId;
        multi.xAdd(
          this.dead,
          '*',
          { entry, e: JSON.stringify(f.event), error: f.reason, at },
          { TRIM: { strategy: 'MAXLEN', strategyModifier: '~', threshold: DEAD_LETTER_MAXLEN } },
        );
      }
      multi.xAck(this.stream, WRITER_GROUP, ids);
      await multi.exec();
      for (const f of refused) this.opts.onDeadLettered?.(f, parsed[f.index]!.entryId);
      return;
    }
    await this.client.xAck(this.stream, WRITER_GROUP, ids);
  }

  private async readBatch(from: '0' | '>'): Promise<Entry[]> {
    const out: Entry[] = [];
    const deadline = Date.now() + this.opts.maxWaitMs;
    for (;;) {
      const remaining = this.opts.maxBatch - out.length;
      // Block long only for the first entry; then wait at most maxWaitMs for the batch to fill.
      const block = out.length === 0 ? 1000 : Math.max(1, deadline - Date.now());
      const res = (await this.reader.xReadGroup(
        WRITER_GROUP,
        this.consumer,
        { key: this.stream, id: from },
        {
          COUNT: remaining,
          ...(from === '>' ? { BLOCK: block } : {}),
        },
      )) as { messages: Entry[] }[] | null;
      const got = res?.[0]?.messages ?? [];
      out.push(...got);
      if (from === '0' || this.stopped || out.length >= this.opts.maxBatch || (out.length > 0 && Date.now() >= deadline)) return out;
      if (got.length === 0 && out.length > 0) return out;
    }
  }

  private async claimAbandoned(): Promise<Entry[]> {
    const res = await this.client.xAutoClaim(this.stream, WRITER_GROUP, this.consumer, this.opts.claimIdleMs ?? 30_000, '0-0', {
      COUNT: this.opts.maxBatch,
    });
    return (res.messages as (Entry | null)[]).filter((m): m is Entry => m !== null);
  }

  /** The events of stream entries, with their entry ids; an unreadable entry is reported and skipped. */
  private parse(entries: Entry[]): { entryId: string; event: CanonicalEvent }[] {
    const events: { entryId: string; event: CanonicalEvent }[] = [];
    for (const entry of entries) {
      try {
        const e = JSON.parse(entry.message.e ?? 'null') as CanonicalEvent | null;
        if (e) events.push({ entryId: entry.id, event: e });
      } catch (err) {
        this.opts.onError?.(err, `unreadable log entry ${entry.id}`);
      }
    }
    return events;
  }

  /**
   * Every API process tails the whole stream (no consumer group: each needs
   * every entry) on a connection of its own, from the first entry at or after
   * sinceMs. A lost connection resumes after the last entry delivered.
   */
  follow(sinceMs: number, listener: LogListener): void {
    const tail = this.redis.create((err: unknown) => this.opts.onError?.(err, 'redis tail'));
    this.tails.push(tail);
    this.followers.push(this.tailLoop(tail, `${Math.max(0, Math.floor(sinceMs))}-0`, listener));
  }

  private async tailLoop(tail: RedisClient, from: string, listener: LogListener): Promise<void> {
    let last = from;
    let failures = 0;
    while (!this.stopped) {
      try {
        if (!tail.isOpen) await tail.connect();
        const res = (await tail.xRead({ key: this.stream, id: last }, { COUNT: 5000, BLOCK: 1000 })) as { messages: Entry[] }[] | null;
        const entries = res?.[0]?.messages ?? [];
        if (entries.length === 0) continue;
        last = entries.at(-1)!.id;
        notify(
          listener,
          this.parse(entries).map((p) => p.event),
        );
        failures = 0;
      } catch (err) {
        if (this.stopped) break;
        this.opts.onError?.(err, 'redis tail');
        failures++;
        await new Promise((r) => setTimeout(r, Math.min(5000, 100 * 2 ** failures)));
      }
    }
  }

  /** Drops entries older than the retention, but never one the writer has not acknowledged. */
  async trim(): Promise<void> {
    let minId = Date.now() - this.opts.retentionHours * 3600_000;
    const groups = (await this.client.xInfoGroups(this.stream)) as unknown as { name: string; 'last-delivered-id': string }[];
    for (const g of groups) minId = Math.min(minId, entryMs(g['last-delivered-id']));
    const pending = (await this.client.xPending(this.stream, WRITER_GROUP)) as { firstId: string | null };
    if (pending.firstId) minId = Math.min(minId, entryMs(pending.firstId));
    await this.client.xTrim(this.stream, 'MINID', String(minId), { strategyModifier: '~' });
  }

  async health(): Promise<LogHealth> {
    try {
      await this.client.ping();
      const groups = (await this.client.xInfoGroups(this.stream)) as unknown as {
        name: string;
        lag: number | null;
        pending: number;
        'last-delivered-id': string;
      }[];
      const g = groups.find((x) => x.name === WRITER_GROUP);
      const pending = (await this.client.xPending(this.stream, WRITER_GROUP)) as { firstId: string | null };
      const lagEntries = (g?.lag ?? 0) + (g?.pending ?? 0);
      let oldestMs: number | undefined;
      if (pending.firstId) oldestMs = entryMs(pending.firstId);
      else if (lagEntries > 0) {
        const after = g?.['last-delivered-id'] ?? '0-0';
        const next = (await this.client.xRange(this.stream, `(${after}`, '+', { COUNT: 1 })) as { id: string }[];
        oldestMs = next[0] ? entryMs(next[0].id) : undefined;
      }
      return { ok: true, kind: 'redis', lagEntries, lagSeconds: oldestMs ? Math.max(0, (Date.now() - oldestMs) / 1000) : 0 };
    } catch (err) {
      return { ok: false, kind: 'redis', lagEntries: 0, lagSeconds: 0, detail: (err as Error).message };
    }
  }

  async close(): Promise<void> {
    this.stopped = true;
    clearInterval(this.trimTimer);
    await this.loop;
    await Promise.allSettled(this.followers);
    await Promise.all([this.reader, this.client, ...this.tails].map((c) => this.redis.quit(c)));
  }
}
