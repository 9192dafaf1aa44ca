/**
 * A wallboard survives the loss of the API process it is connected to. Two API
 * processes share one Redis log and one database (the embedded TimescaleDB
 * served over the wire, standing in for the server), as in deploy/compose.yaml.
 * The wallboard's own connection code (`wallboard/src/live/connection.ts`:
 * snapshot, numbered patches, a fresh snapshot on every reconnect) talks to
 * process A through a TCP proxy of this test, as it would through the load
 * balancer. While calls flow in, A is killed with SIGKILL and the proxy sends
 * new connections to B: the board reconnects with the same session, resyncs,
 * and ends equal to B's `GET /api/v1/live` with every call posted, also those
 * posted while it was cut off.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CanonicalEvent, LiveSnapshot } from '@callboard/api';
import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, INGEST_KEY, postEvents, until } from '../support/app.js';
import { login } from '../support/auth.js';
import { middayZone } from '../support/live-scenario.js';
import { type ApiProcess, startApiProcess } from '../support/process.js';
import { dropRedisKeys } from '../support/redis.js';
import { comparableSnapshot } from '../support/live-follower.js';

const REDIS = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const TZ = middayZone();
const prefix = `failover-${process.pid}-${Date.now().toString(36)}`;
const TEST_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** What the test uses of the wallboard's LiveConnection (imported from its source, run here without a browser). */
interface LiveConnection {
  status: string;
  data: LiveSnapshot | null;
  error: { code: string; message: string } | null;
  connect(subscription?: { queues?: string[]; teams?: string[] }): void;
  close(): void;
  onChange(listener: () => void): () => void;
}
type LiveConnectionClass = new (options: { socketFactory: () => unknown }) => LiveConnection;

/** The embedded TimescaleDB served over the wire in a process of its own (support/db-server.mjs), for both API processes. */
async function startDatabaseServer(): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, [path.join(TEST_DIR, 'support/db-server.mjs')], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout!.once('data', (d) => resolve(String(d).trim()));
    child.once('exit', (code) => reject(new Error(`the database process exited (${code})`)));
  });
  return { url, child };
}

/** A TCP proxy that sends each new connection to the current target, like a load balancer whose health check dropped A. */
async function startProxy(target: number): Promise<{ port: number; pointTo: (port: number) => void; close: () => Promise<void> }> {
  let current = target;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(current, '127.0.0.1');
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => undefined);
    }
    client.pipe(upstream);
    upstream.pipe(client);
    // Either side gone: the other goes too (a killed process resets its connections).
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    pointTo: (port) => (current = port),
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

let db: { url: string; child: ChildProcess };
let a: ApiProcess;
let b: ApiProcess;
let proxy: Awaited<ReturnType<typeof startProxy>>;
const connections: LiveConnection[] = [];
/** Calls are posted while this holds; a failed test turns it off too. */
let flowing = false;

const env = () => ({
  DATABASE_URL: db.url,
  // The stand-in has one session that connections take turns on: one connection per process is enough.
  DATABASE_POOL_SIZE: '1',
  REDIS_URL: REDIS,
  CALLBOARD_REDIS_PREFIX: prefix,
  CALLBOARD_TZ: TZ,
  CALLBOARD_DEMO: '0',
  CALLBOARD_INGEST_KEY: INGEST_KEY,
  CALLBOARD_ADMIN_PASSWORD: ADMIN_PASSWORD,
});

beforeAll(async () => {
  db = await startDatabaseServer();
  // One after the other: the first runs the migrations.
  a = await startApiProcess(env());
  b = await startApiProcess(env());
  proxy = await startProxy(Number(new URL(a.url).port));
}, 180_000);

/** A graceful stop, or SIGKILL when it takes longer than 20 s: the Redis keys are dropped whatever happened. */
const stopped = (p: ApiProcess | undefined) =>
  p && Promise.race([p.stop(), new Promise<void>((r) => setTimeout(r, 20_000))]).then(() => void p.child.kill('SIGKILL'));

afterAll(async () => {
  flowing = false;
  for (const c of connections) c.close();
  await proxy?.close();
  await Promise.all([stopped(a), stopped(b)]);
  db?.child.kill();
  await dropRedisKeys(prefix, REDIS);
}, 60_000);

const offered = (i: number, at: Date): CanonicalEvent => ({
  id: `${prefix}-offer-${i}`,
  type: 'call.offered',
  ts: at.toISOString(),
  source: 'pbx',
  payload: { callId: `${prefix}-c${i}`, queue: i % 2 === 0 ? 'billing' : 'support' },
});
const abandoned = (i: number, at: Date): CanonicalEvent => ({
  id: `${prefix}-abandon-${i}`,
  type: 'call.abandoned',
  ts: at.toISOString(),
  source: 'pbx',
  payload: { callId: `${prefix}-c${i}` },
});

/** The board as the wallboard's code holds it, connected to `base` with the session cookie. */
async function board(base: string, cookie: string): Promise<LiveConnection> {
  const source = new URL('../../wallboard/src/live/connection.ts', import.meta.url).href;
  const { LiveConnection } = (await import(/* @vite-ignore */ source)) as { LiveConnection: LiveConnectionClass };
  // The wallboard's factory (`liveSocket`) connects to its own page's origin; here the origin is the proxy's.
  const c = new LiveConnection({
    socketFactory: () =>
      io(`${base}/live`, {
        extraHeaders: { cookie, origin: base },
        withCredentials: true,
        forceNew: true,
        reconnectionDelay: 1_000,
        reconnectionDelayMax: 15_000,
        randomizationFactor: 0.5,
      }),
  });
  connections.push(c);
  c.connect();
  return c;
}

describe('a wallboard on an API process that dies', () => {
  it('reconnects through the proxy to the other process and resyncs with no call missing', async () => {
    const admin = await login(a.url, 'admin', ADMIN_PASSWORD);
    const cookie = admin.cookie!;
    const proxyUrl = `http://127.0.0.1:${proxy.port}`;
    const viaProxy = await board(proxyUrl, cookie);
    const onB = await board(b.url, cookie);
    const statuses: string[] = [];
    viaProxy.onChange(() => {
      if (statuses.at(-1) !== viaProxy.status) statuses.push(viaProxy.status);
    });
    await until('both boards live', async () => viaProxy.status === 'live' && onB.status === 'live', 30_000);

    // Calls flow in through B's ingest: one offered every 100 ms, each abandoned a second (10 ticks) later.
    let posted = 0;
    flowing = true;
    const failures: string[] = [];
    const flow = (async () => {
      for (let i = 0; ; i++) {
        const now = new Date();
        const batch: CanonicalEvent[] = [];
        if (flowing) batch.push(offered(posted++, now));
        if (i >= 10 && i - 10 < posted) batch.push(abandoned(i - 10, now));
        if (batch.length === 0) break;
        try {
          const r = await postEvents(b.url, batch);
          if (r.status !== 202 || r.body.accepted !== batch.length) failures.push(`${r.status} ${JSON.stringify(r.body)}`);
        } catch (err) {
          failures.push(String(err));
        }
        await new Promise((r) => setTimeout(r, 100));
      }
    })();

    await until('calls on the board before the kill', async () => (viaProxy.data?.totals.offered ?? 0) >= 15, 20_000);
    // Before the kill both processes answer the same snapshot.
    const [ca, cb] = await Promise.all([login(a.url, 'admin', ADMIN_PASSWORD), login(b.url, 'admin', ADMIN_PASSWORD)]);
    const same = await until(
      'A and B to answer the same snapshot',
      async () => {
        const [sa, sb] = await Promise.all([ca.get('/api/v1/live'), cb.get('/api/v1/live')]);
        return (
          JSON.stringify(comparableSnapshot(sa.body as LiveSnapshot)) === JSON.stringify(comparableSnapshot(sb.body as LiveSnapshot)) &&
          sa.body
        );
      },
      10_000,
    );
    expect((same as LiveSnapshot).totals.offered).toBeGreaterThanOrEqual(15);

    const postedBeforeKill = posted;
    a.child.kill('SIGKILL');
    proxy.pointTo(Number(new URL(b.url).port));
    await until('the board to notice', async () => viaProxy.status !== 'live', 10_000);
    // Calls keep coming while the board is cut off, and after it is back.
    await until('the board back live on B', async () => viaProxy.status === 'live', 30_000);
    const postedWhileAway = posted - postedBeforeKill;
    await new Promise((r) => setTimeout(r, 1_500));
    flowing = false;
    await flow;
    const calls = posted;
    expect(failures).toEqual([]);
    expect(postedBeforeKill).toBeGreaterThanOrEqual(15);
    expect(postedWhileAway).toBeGreaterThan(0);
    expect(calls - postedBeforeKill).toBeGreaterThan(postedWhileAway);

    // Every call offered once, every one abandoned after about a second: none waiting at the end.
    const final = await until(
      'the board to equal B',
      async () => {
        const fromB = (await cb.get('/api/v1/live')).body as LiveSnapshot;
        const shown = viaProxy.data;
        if (!shown || fromB.totals.offered !== calls || fromB.totals.abandoned !== calls) return undefined;
        return JSON.stringify(comparableSnapshot(shown)) === JSON.stringify(comparableSnapshot(fromB)) ? { shown, fromB } : undefined;
      },
      20_000,
    ).catch(async () => ({ shown: viaProxy.data!, fromB: (await cb.get('/api/v1/live')).body as LiveSnapshot }));
    expect(comparableSnapshot(final.shown)).toEqual(comparableSnapshot(final.fromB));
    expect(final.shown.totals.offered).toBe(calls);
    expect(final.shown.totals.abandoned).toBe(calls);
    expect(final.shown.queues.map((q) => [q.queue, q.today.offered, q.waiting])).toEqual([
      ['billing', Math.ceil(calls / 2), 0],
      ['support', Math.floor(calls / 2), 0],
    ]);
    // The board connected to B all along shows the same.
    expect(comparableSnapshot(onB.data!)).toEqual(comparableSnapshot(final.fromB));
    // It went away, resynced from a snapshot, and came back; the session held (never signed out).
    expect(statuses).toContain('disconnected');
    expect(statuses.slice(statuses.indexOf('disconnected'))).toContain('resyncing');
    expect(statuses.at(-1)).toBe('live');
    expect(statuses).not.toContain('signedOut');
    expect(viaProxy.error).toBeNull();
  }, 150_000);
});
