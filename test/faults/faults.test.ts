/**
 * The pipeline under faults, with real parts in processes of their own: a
 * Redis with AOF, the embedded TimescaleDB served over the wire behind a proxy
 * that can take it away, API process A (the writer, on that database) and API
 * process B (`CALLBOARD_WRITER=off`: it takes events and follows the log, on a
 * data folder of its own). Simulated traffic is posted to both while each
 * fault happens: Redis restarted, the database gone for 60 s, the writer
 * SIGKILLed between its commit and its acknowledgement, an API process
 * restarted, wallboard sockets dropped, a poisoned entry in the stream.
 *
 * After each fault: every acknowledged event is stored exactly once, the
 * `calls` rows and the continuous aggregate equal a reference derived from
 * all events sent, each process's wallboard socket (snapshot + patches) equals
 * its `GET /api/v1/live`, both processes show the same, and both still serve.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { type CallRow, type CanonicalEvent, type LiveSnapshot, buildAgentIntervals, buildCalls, redisKeys, simulate } from '@callboard/api';
import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, INGEST_KEY, postEvents, until } from '../support/app.js';
import { type Client, login } from '../support/auth.js';
import { type DatabaseServer, startDatabaseServer } from '../support/database-server.js';
import { LiveFollower, comparableSnapshot } from '../support/live-follower.js';
import { middayZone } from '../support/live-scenario.js';
import { type PgProxy, startPgProxy } from '../support/pg-proxy.js';
import { type ApiProcess, freePort, startApiProcess } from '../support/process.js';
import { type OwnRedis, startOwnRedis } from '../support/redis-server.js';

const TZ = middayZone();
const prefix = `faults-${process.pid}-${Date.now().toString(36)}`;
const stream = redisKeys(prefix).stream;
/** The writer's consumer group (`WRITER_GROUP`). */
const GROUP = 'writer';
/** Where the writer puts an entry the database refuses: the dead-letter stream beside the log (with or without its hash tag). */
const DEAD_LETTER = [`{${prefix}}:dead`, `${prefix}:dead`];
const DATABASE_OUTAGE_MS = 60_000;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let redis: OwnRedis;
let db: DatabaseServer;
let proxy: PgProxy;
let a: ApiProcess | undefined;
let b: ApiProcess | undefined;
let aPort: number;
let redisClient: ReturnType<typeof createClient> | undefined;
const dataDirB = mkdtempSync(path.join(os.tmpdir(), 'callboard-faults-b-'));
const followers: { a?: LiveFollower; b?: LiveFollower } = {};
const admins: { a?: Client; b?: Client } = {};

const common = () => ({
  REDIS_URL: redis.url,
  CALLBOARD_REDIS_PREFIX: prefix,
  CALLBOARD_TZ: TZ,
  CALLBOARD_DEMO: '0',
  CALLBOARD_INGEST_KEY: INGEST_KEY,
  CALLBOARD_ADMIN_PASSWORD: ADMIN_PASSWORD,
});
/** A: the writer, on the database server through the proxy (which serves one connection at a time). */
const envA = () => ({
  ...common(),
  DATABASE_URL: proxy.url,
  DATABASE_POOL_SIZE: '1',
  // Small batches commit often while traffic flows; entries a dead writer left are taken over after 1 s.
  CALLBOARD_WRITER_BATCH: '200',
  CALLBOARD_WRITER_WAIT_MS: '20',
  CALLBOARD_WRITER_CLAIM_MS: '1000',
});
/** B: takes events and follows the log, on a data folder of its own; no writer. */
const envB = () => ({ ...common(), CALLBOARD_DATA_DIR: dataDirB, CALLBOARD_WRITER: 'off' });

// ---------------------------------------------------------------- traffic

type Fault = 'redis restart' | 'database 60 s' | 'writer kill -9' | 'API restart' | 'socket drop' | 'poisoned entry';

/** Six windows of simulated traffic, one per fault, the last ending 9 minutes ago (all of it today, none in the future). */
const t0 = Date.now();
const WINDOW_MS = 6 * 60_000;
function eventsFor(k: number): CanonicalEvent[] {
  const from = t0 - 45 * 60_000 + k * WINDOW_MS;
  return [...simulate({ seed: 13, tz: TZ, rate: 6 }, from, from + WINDOW_MS)].map((e) => {
    const payload = 'callId' in e.payload ? { ...e.payload, callId: `f${k}-${e.payload.callId}` } : e.payload;
    return { ...e, id: `${prefix}-f${k}-${e.id}`, payload } as CanonicalEvent;
  });
}
const sentSoFar: CanonicalEvent[] = [];

interface Row {
  fault: Fault;
  sent: number;
  acknowledged: number;
  stored: number;
  doubled: number;
  recoveredS: number;
}
const table: Row[] = [];

/** Posts a fault's events in batches spread over `spreadMs`, to A and B in turn; a failed post is retried (and counted as sent again). */
class Feed {
  sent = 0;
  acknowledged = 0;
  duplicates = 0;
  private turn = 0;
  constructor(readonly events: CanonicalEvent[]) {}

  async run(batches: number, spreadMs: number): Promise<void> {
    const size = Math.ceil(this.events.length / batches);
    const every = spreadMs / batches;
    for (let i = 0; i < this.events.length; i += size) {
      const started = Date.now();
      await this.post(this.events.slice(i, i + size));
      await sleep(Math.max(0, every - (Date.now() - started)));
    }
  }

  private async post(batch: CanonicalEvent[]): Promise<void> {
    const deadline = Date.now() + 120_000;
    for (;;) {
      const url = [a?.url, b?.url].filter((u): u is string => !!u)[this.turn++ % 2] ?? b!.url;
      this.sent += batch.length;
      const r = await postEvents(url, batch).catch(() => undefined);
      if (r?.status === 202) {
        expect(r.body.rejected).toEqual([]);
        this.acknowledged += r.body.accepted as number;
        this.duplicates += r.body.duplicates as number;
        return;
      }
      // Only "not now" may be retried: 503 while the log is away, or no answer while a process restarts.
      if (r && r.status !== 503) throw new Error(`${url} answered ${r.status}: ${JSON.stringify(r.body)}`);
      if (Date.now() > deadline) throw new Error('a batch was not accepted within 120 s');
      await sleep(200);
    }
  }
}

// ---------------------------------------------------------------- checks

/** Every entry in the stream has been read by the writer and acknowledged (so committed); else what is left. */
async function writerBacklog(): Promise<string | undefined> {
  const info = (await redisClient!.xInfoStream(stream)) as unknown as Record<string, unknown>;
  const groups = (await redisClient!.xInfoGroups(stream)) as unknown as Record<string, unknown>[];
  const g = groups.find((x) => x.name === GROUP);
  if (g && Number(g.pending) === 0 && g['last-delivered-id'] === info['last-generated-id']) return undefined;
  return `pending ${String(g?.pending)}, delivered up to ${String(g?.['last-delivered-id'])} of ${String(info['last-generated-id'])}`;
}

async function health(url: string): Promise<number | undefined> {
  const r = await fetch(`${url}/health`).catch(() => undefined);
  return r?.status;
}

/** Seconds from the fault's end until the writer has acknowledged everything and both processes answer /health. */
async function recovery(endedAt: number, timeoutMs = 60_000): Promise<number> {
  await until(
    'the writer to store everything and both processes to be healthy',
    async () => {
      const backlog = await writerBacklog();
      if (backlog) throw new Error(`writer: ${backlog}`);
      const statuses = [await health(a!.url), await health(b!.url)];
      if (statuses.some((s) => s !== 200)) throw new Error(`/health of A and B: ${statuses.join(', ')}`);
      return true;
    },
    timeoutMs,
  );
  return Math.round((Date.now() - endedAt) / 100) / 10;
}

/** The migration's default rules (queue '*'): three rings of 5 s, abandons under 5 s are short. */
const RULES = { slThresholdS: 15, shortAbandonS: 5 };

function reference(): CallRow[] {
  const agentStates = sentSoFar.filter((e): e is Extract<CanonicalEvent, { type: 'agent.state' }> => e.type === 'agent.state');
  return buildCalls(sentSoFar, buildAgentIntervals(agentStates), () => RULES).calls;
}

const callKey = (c: { callId: string; queue: string; offeredAt: Date }) => `${c.callId}\u0000${c.queue}\u0000${c.offeredAt.toISOString()}`;
const cmp = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);

interface Tally {
  offered: number;
  answered: number;
  answeredInThreshold: number;
  abandoned: number;
  shortAbandoned: number;
  timedOut: number;
  transferredOut: number;
}
/** SPEC §3 counts of legs, as the aggregates and the live figures count them. */
function tally(legs: CallRow[]): Tally {
  return {
    offered: legs.length,
    answered: legs.filter((l) => l.answeredAt !== null).length,
    answeredInThreshold: legs.filter((l) => l.answeredInThreshold).length,
    abandoned: legs.filter((l) => l.outcome === 'abandoned').length,
    shortAbandoned: legs.filter((l) => l.shortAbandon).length,
    timedOut: legs.filter((l) => l.outcome === 'timed_out').length,
    transferredOut: legs.filter((l) => l.outcome === 'transferred_out').length,
  };
}

async function live(who: Client): Promise<LiveSnapshot> {
  const r = await who.get('/api/v1/live');
  expect(r.status).toBe(200);
  return r.body as LiveSnapshot;
}

/** Stored exactly once, calls and aggregates equal to the reference, sockets equal to REST, both processes equal. */
async function verify(fault: Fault, k: number, feed: Feed, endedAt: number): Promise<void> {
  const recoveredS = await recovery(endedAt);
  const distinct = new Set(feed.events.map((e) => e.id)).size;

  // The writer is idle now: the database is read while no transaction of A's is open.
  const stored = await db.query<{ id: string; n: number }>(
    `SELECT id, count(*)::int AS n FROM events WHERE id LIKE '${prefix}-f${k}-%' GROUP BY id ORDER BY id`,
  );
  const doubled = stored.filter((r) => r.n !== 1).length;
  table.push({ fault, sent: feed.sent, acknowledged: feed.acknowledged, stored: stored.length, doubled, recoveredS });
  expect(doubled).toBe(0);
  expect(stored.map((r) => r.id)).toEqual([...new Set(feed.events.map((e) => e.id))].sort(cmp));
  // Each batch ended in one 202: what it did not accept then was a duplicate of an append whose answer was lost.
  expect(feed.acknowledged + feed.duplicates).toBe(distinct);
  expect(feed.sent).toBeGreaterThanOrEqual(distinct);

  const expected = reference().sort((x, y) => cmp(callKey(x), callKey(y)));
  const rows = await db.query<{
    call_id: string;
    queue: string;
    offered_at: Date;
    outcome: string;
    agent_id: string | null;
    wait_s: number | null;
    talk_s: number | null;
    hold_s: number;
    wrap_s: number | null;
    answered_in_threshold: boolean;
    short_abandon: boolean;
  }>(
    `SELECT call_id, queue, offered_at, outcome, agent_id, wait_s, talk_s, hold_s, wrap_s, answered_in_threshold, short_abandon
       FROM calls WHERE call_id LIKE 'f%'`,
  );
  const actual = rows
    .map((r) => ({
      callId: r.call_id,
      queue: r.queue,
      offeredAt: r.offered_at,
      outcome: r.outcome,
      agentId: r.agent_id,
      waitS: r.wait_s,
      talkS: r.talk_s,
      holdS: r.hold_s,
      wrapS: r.wrap_s,
      answeredInThreshold: r.answered_in_threshold,
      shortAbandon: r.short_abandon,
    }))
    .sort((x, y) => cmp(callKey(x), callKey(y)));
  expect(actual.length).toBeGreaterThan(0);
  expect(actual).toEqual(
    expected.map((c) => ({
      callId: c.callId,
      queue: c.queue,
      offeredAt: c.offeredAt,
      outcome: c.outcome,
      agentId: c.agentId,
      waitS: c.waitS,
      talkS: c.talkS,
      holdS: c.holdS,
      wrapS: c.wrapS,
      answeredInThreshold: c.answeredInThreshold,
      shortAbandon: c.shortAbandon,
    })),
  );

  const queues = [...new Set(expected.map((c) => c.queue))].sort(cmp);
  const aggregates = await db.query<{ queue: string } & Tally>(
    `SELECT queue, sum(offered)::int AS "offered", sum(answered)::int AS "answered",
            sum(answered_in_threshold)::int AS "answeredInThreshold", sum(abandoned)::int AS "abandoned",
            sum(short_abandoned)::int AS "shortAbandoned", sum(timed_out)::int AS "timedOut",
            sum(transferred_out)::int AS "transferredOut"
       FROM calls_15m GROUP BY queue ORDER BY queue`,
  );
  expect(aggregates).toEqual(queues.map((queue) => ({ queue, ...tally(expected.filter((c) => c.queue === queue)) })));

  // The live figures of today (every window lies in today), on REST and on each process's socket.
  const today = tally(expected);
  for (const side of ['a', 'b'] as const) {
    const who = admins[side]!;
    const follower = followers[side]!;
    const [rest, socket] = await until(
      `the socket of ${side.toUpperCase()} to show what GET /api/v1/live shows`,
      async () => {
        const snapshot = await live(who);
        const state = follower.state;
        if (!state || state.totals.offered !== today.offered) return undefined;
        const pair = [comparableSnapshot(snapshot), comparableSnapshot(state)] as const;
        return isDeepStrictEqual(pair[0], pair[1]) ? pair : undefined;
      },
      30_000,
    ).catch(async () => [comparableSnapshot(await live(who)), follower.state && comparableSnapshot(follower.state)] as const);
    expect(socket).toEqual(rest);
    const t = rest.totals;
    expect({
      offered: t.offered,
      answered: t.answered,
      answeredInThreshold: t.answeredInThreshold,
      abandoned: t.abandoned,
      shortAbandoned: t.shortAbandoned,
      timedOut: t.timedOut,
      transferredOut: t.transferredOut,
    }).toEqual(today);
  }
  const [fromA, fromB] = await until(
    'A and B to show the same',
    async () => {
      const pair = [comparableSnapshot(await live(admins.a!)), comparableSnapshot(await live(admins.b!))] as const;
      return isDeepStrictEqual(pair[0], pair[1]) ? pair : undefined;
    },
    15_000,
  ).catch(async () => [comparableSnapshot(await live(admins.a!)), comparableSnapshot(await live(admins.b!))] as const);
  expect(fromB).toEqual(fromA);
}

// ---------------------------------------------------------------- the suite

beforeAll(async () => {
  redis = await startOwnRedis();
  redisClient = createClient({ url: redis.url });
  redisClient.on('error', () => undefined);
  await redisClient.connect();
  db = await startDatabaseServer();
  proxy = await startPgProxy({ port: db.port });
  aPort = await freePort();
  // A migrates the database server; B has a data folder of its own.
  [a, b] = await Promise.all([startApiProcess(envA(), aPort), startApiProcess(envB())]);
  admins.a = await login(a.url, 'admin', ADMIN_PASSWORD);
  admins.b = await login(b.url, 'admin', ADMIN_PASSWORD);
  followers.a = new LiveFollower(a.url, admins.a);
  followers.b = new LiveFollower(b.url, admins.b);
  await until('both wallboard sockets to hold a snapshot', async () => followers.a!.state && followers.b!.state);
}, 180_000);

afterAll(async () => {
  followers.a?.close();
  followers.b?.close();
  await Promise.allSettled([a?.stop(), b?.stop()]);
  await proxy?.close();
  await db?.stop();
  await redisClient?.quit().catch(() => undefined);
  await redis?.remove();
  rmSync(dataDirB, { recursive: true, force: true });
  if (table.length > 0) {
    const head = ['fault', 'sent', 'acknowledged', 'stored', 'doubled', 'recovered in s'];
    const lines = table.map((r) => [r.fault, r.sent, r.acknowledged, r.stored, r.doubled, r.recoveredS.toFixed(1)].map(String));
    const widths = head.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
    const fmt = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
    console.log(['', fmt(head), ...lines.map(fmt), ''].join('\n'));
  }
}, 60_000);

describe('faults while traffic flows through the Redis log', () => {
  const start = (k: number) => {
    const events = eventsFor(k);
    sentSoFar.push(...events);
    return new Feed(events);
  };

  it('Redis restarted: the stream and the remembered ids survive (AOF), nothing is lost or doubled', async () => {
    const feed = start(0);
    const feeding = feed.run(30, 6_000);
    await sleep(1_500);
    await redis.stop();
    await sleep(1_000);
    await redis.start();
    const endedAt = Date.now();
    await feeding;
    await verify('redis restart', 0, feed, endedAt);
  }, 120_000);

  it('the database unavailable for 60 s: events are taken all along and stored once it is back', async () => {
    const feed = start(1);
    const feeding = feed.run(40, DATABASE_OUTAGE_MS + 4_000);
    await sleep(1_000);
    proxy.down();
    await sleep(5_000);
    // The database is gone for A: its readiness says so, and the writer cannot commit what comes in.
    expect(await health(a!.url)).toBe(503);
    await sleep(DATABASE_OUTAGE_MS - 5_000);
    expect(await writerBacklog()).toMatch(/^pending [1-9]/);
    proxy.up();
    const endedAt = Date.now();
    await feeding;
    await verify('database 60 s', 1, feed, endedAt);
  }, 180_000);

  it('the writer SIGKILLed after its commit, before its acknowledgement: the next writer claims the entries', async () => {
    const feed = start(2);
    const writer = a!;
    const killed = proxy.onEventsCommit(() => writer.child.kill('SIGKILL'));
    const feeding = feed.run(30, 8_000);
    await Promise.race([
      killed,
      sleep(30_000).then(() => {
        throw new Error('the writer committed no events within 30 s');
      }),
    ]);
    const endedAt = Date.now();
    await writer.stop();
    a = undefined;
    // Committed, not acknowledged: every pending entry's event is in the database already.
    const pending = await redisClient!.xPendingRange(stream, GROUP, '-', '+', 10_000);
    expect(pending.length).toBeGreaterThan(0);
    const ids: string[] = [];
    for (const { id } of pending) {
      const [entry] = (await redisClient!.xRange(stream, id, id)) as { message: Record<string, string> }[];
      ids.push((JSON.parse(entry!.message.e!) as CanonicalEvent).id);
    }
    const there = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM events WHERE id IN (${ids.map((id) => `'${id}'`).join(',')})`,
    );
    expect(there[0]!.n).toBe(ids.length);
    a = await startApiProcess(envA(), aPort);
    await feeding;
    await verify('writer kill -9', 2, feed, endedAt);
  }, 120_000);

  it('an API process restarted: it stops gracefully, starts again and shows what the other shows', async () => {
    const feed = start(3);
    const feeding = feed.run(30, 8_000);
    await sleep(1_500);
    const old = a!;
    a = undefined;
    await old.stop();
    // As after the kill, recovery includes the new process's start.
    const endedAt = Date.now();
    a = await startApiProcess(envA(), aPort);
    await feeding;
    await verify('API restart', 3, feed, endedAt);
  }, 120_000);

  it('wallboard sockets dropped and restored: each board ends equal to GET /api/v1/live', async () => {
    const feed = start(4);
    const feeding = feed.run(25, 5_000);
    await sleep(1_000);
    const before = { a: followers.a!.snapshots, b: followers.b!.snapshots };
    followers.a!.dropTransport();
    await followers.b!.disconnectFor(1_500);
    const endedAt = Date.now();
    await feeding;
    await until('both sockets to reconnect', async () => followers.a!.connected && followers.b!.connected);
    // A reconnected board starts from a fresh snapshot, never from a mix of old and new.
    expect(followers.a!.snapshots).toBeGreaterThan(before.a);
    expect(followers.b!.snapshots).toBeGreaterThan(before.b);
    await verify('socket drop', 4, feed, endedAt);
  }, 120_000);

  it('a poisoned entry the database refuses goes to the dead-letter stream and the events after it are stored', async () => {
    const feed = start(5);
    const feeding = feed.run(25, 5_000);
    await sleep(1_000);
    // Straight into the stream, past ingest's validation: a NUL in the payload, which jsonb refuses.
    // 30 days old, so no live figure of today counts it.
    const poison = {
      id: `${prefix}-poison`,
      type: 'call.offered',
      ts: new Date(t0 - 30 * 86_400_000).toISOString(),
      source: 'faults',
      payload: { callId: 'poison-1', queue: 'billing', caller: '1380013\u00008000' },
    };
    await redisClient!.xAdd(stream, '*', { e: JSON.stringify(poison) });
    const endedAt = Date.now();
    await feeding;
    await verify('poisoned entry', 5, feed, endedAt);
    const dead: { message: Record<string, string> }[] = [];
    for (const key of DEAD_LETTER) dead.push(...((await redisClient!.xRange(key, '-', '+')) as { message: Record<string, string> }[]));
    expect(dead.map((d) => JSON.stringify(d.message)).filter((m) => m.includes(poison.id))).toHaveLength(1);
    expect(await db.query(`SELECT id FROM events WHERE id = '${poison.id}'`)).toEqual([]);
  }, 120_000);
});
