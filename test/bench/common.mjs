// What the benchmarks share: the API process as in production and the other
// processes around it (none outlives the bench), Redis keys by prefix, the
// feeds' posts of simulator traffic, and how figures are printed.
//   node common.mjs drop-redis-keys <prefix>: what the exit hook runs, as a process of its own.
import { fork, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createClient } from 'redis';

export const REDIS = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const self = fileURLToPath(import.meta.url);
const root = path.resolve(path.dirname(self), '../..');

export const sleep = (t) => new Promise((r) => setTimeout(r, t));
/** Wall-clock time in ms, to a fraction of a ms: comparable across processes. */
export const now = () => performance.timeOrigin + performance.now();

/**
 * fmt(n, decimals) and ms(n) for the printed figures. `missing` stands for a
 * figure that is not a finite number; without it, such a figure prints as
 * toLocaleString writes it (NaN, ∞).
 */
export function numberFormat(missing) {
  const fmt = (n, d = 0) =>
    missing !== undefined && !Number.isFinite(n)
      ? missing
      : n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });
  const ms = (n) => `${fmt(n, Math.abs(n) < 100 ? 1 : 0)} ms`;
  return { fmt, ms };
}
export const { fmt, ms } = numberFormat();

/**
 * A suite's headline figures, each a row `{suite, figure, value, unit, target,
 * pass, note?}`: `value` a number (NaN when not measured, `note` then says
 * why), `target` as people read it (e.g. `≤ 150 ms`), `pass` true or false, or
 * null for a figure shown for context that has no target. print() writes the
 * row on one line (`figure: value unit; target … — pass|FAIL`), keep() only
 * records a figure the suite has printed its own way; `rows` is what the suite
 * returns to its caller. Under the summary (a parent on IPC) each row is also
 * sent as it is recorded, so a suite that fails later still gives what it
 * measured.
 */
export function headlines(suite) {
  const rows = [];
  const add = (row) => {
    const r = { suite, note: '', ...row };
    rows.push(r);
    process.send?.({ type: 'row', row: r });
    return r;
  };
  return {
    rows,
    print(row) {
      const r = add(row);
      console.log(`  ${headlineLine(r)}`);
      return r;
    },
    keep: add,
    /** A figure that could not be measured: printed, and recorded as failed with the reason. */
    missing(figure, target, why) {
      return this.print({ figure, value: NaN, unit: '', target, pass: false, note: why });
    },
  };
}

/** A headline value as printed: three significant digits at most, thousands separated. */
export function headlineValue(value, unit = '') {
  if (typeof value !== 'number' || !Number.isFinite(value)) return 'not measured';
  const abs = Math.abs(value);
  const digits = abs === 0 || abs >= 100 || Number.isInteger(value) ? 0 : abs >= 10 ? 1 : 2;
  // ×, % and /s hold on to the number; words stand apart.
  return `${fmt(value, digits)}${!unit ? '' : /^[×%/]/.test(unit) ? unit : ` ${unit}`}`;
}

/** What a row's pass says: pass, FAIL, or info for a figure without a target. */
export const verdict = (pass) => (pass === null ? 'info' : pass ? 'pass' : 'FAIL');

export function headlineLine(r) {
  const target = r.target ? `target ${r.target}` : 'no target';
  return `${r.figure}: ${headlineValue(r.value, r.unit)}; ${target} — ${verdict(r.pass)}${r.note ? ` (${r.note})` : ''}`;
}

/** The p-th percentile (nearest rank) of values sorted in ascending order; NaN for none. */
export const pct = (sorted, p) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : NaN);
/** The same of values in any order. */
export const pctOf = (xs, p) =>
  pct(
    [...xs].sort((a, b) => a - b),
    p,
  );

/** User + system CPU seconds of this process since process.cpuUsage() returned `start`. */
export function cpuSecondsSince(start) {
  const cpu = process.cpuUsage(start);
  return (cpu.user + cpu.system) / 1e6;
}

// Whatever happens, no child outlives the bench and no data dir or Redis key is left behind.
// All of it runs on 'exit', synchronously, whichever suite or signal ends the process; a
// signal ends it with 130.
const children = new Set();
const dirs = new Set();
const prefixes = new Set();
let guarded = false;
function guard() {
  if (guarded) return;
  guarded = true;
  process.on('exit', () => {
    for (const c of children) if (running(c)) c.kill('SIGKILL');
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
    for (const p of prefixes) spawnSync(process.execPath, [self, 'drop-redis-keys', p], { stdio: 'ignore', timeout: 10_000 });
  });
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => process.exit(130));
}

export const running = (child) => child.exitCode === null && child.signalCode === null;

/** Kills `child` when the bench exits, if it is still running then. */
export function track(child) {
  guard();
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

/** A new directory under the OS's temp dir (its name starts with `prefix`); removed on exit at the latest. */
export function tempDir(prefix) {
  guard();
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  dirs.add(dir);
  return dir;
}

export function removeTempDir(dir) {
  rmSync(dir, { recursive: true, force: true });
  dirs.delete(dir);
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/** SIGTERM, then SIGKILL if the process has not exited 10 s later. */
export async function stopProcess(child) {
  if (!running(child)) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  if ((await Promise.race([exited.then(() => true), sleep(10_000).then(() => false)])) === false) {
    child.kill('SIGKILL');
    await exited;
  }
}

/**
 * The API as in production (`node api/dist/main.js`) on a free port, once it
 * answers /health: no demo data, no Redis and the embedded database unless
 * `env` says otherwise, only errors logged.
 */
export async function startApi({ dataDir, ingestKey, adminPassword, env = {} }) {
  const port = await freePort();
  const child = track(
    // BENCH_API_NODE_ARGS: flags for the API's node, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof` (profiles are written when it stops).
    spawn(process.execPath, [...(process.env.BENCH_API_NODE_ARGS ?? '').split(' ').filter(Boolean), path.join(root, 'api/dist/main.js')], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        PORT: String(port),
        HOST: '127.0.0.1',
        CALLBOARD_DATA_DIR: dataDir,
        CALLBOARD_DEMO: '0',
        CALLBOARD_INGEST_KEY: ingestKey,
        CALLBOARD_ADMIN_PASSWORD: adminPassword,
        CALLBOARD_LOG_LEVEL: 'error',
        REDIS_URL: '',
        DATABASE_URL: '',
        ...env,
      },
    }),
  );
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  const url = `http://127.0.0.1:${port}`;
  const until = Date.now() + 120_000;
  for (;;) {
    if (!running(child)) throw new Error(`the API exited (${child.exitCode ?? child.signalCode}) while starting:\n${output}`);
    const ok = await fetch(`${url}/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    if (Date.now() > until) {
      await stopProcess(child);
      throw new Error(`the API did not answer /health within 120 s:\n${output}`);
    }
    await sleep(200);
  }
  return {
    child,
    url,
    output: () => output,
    running: () => running(child),
    /** Throws, with all the API wrote, once it has exited. */
    assertRunning() {
      if (!running(child)) throw new Error(`the API exited (${child.exitCode ?? child.signalCode}) during the run:\n${output}`);
    },
    /** With CALLBOARD_LOG_LEVEL=error, any JSON line is an error the API logged under load. */
    printLoggedErrors() {
      const logged = output.split('\n').filter((line) => line.startsWith('{'));
      if (logged.length) console.log(`    the API logged ${logged.length} error line(s), first: ${logged[0].slice(0, 300)}`);
    },
    stop: () => stopProcess(child),
  };
}

/**
 * Forks `file` with `args` and an IPC channel. next(type) resolves with the
 * child's first message of that type not yet taken, waiting for it if need be,
 * and rejects if the child exits first; `name` is how those errors call it.
 */
export function forkChild(file, args, name) {
  const child = track(fork(file, args, { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], serialization: 'advanced' }));
  const messages = [];
  const waiters = [];
  child.on('message', (m) => {
    const w = waiters.findIndex((x) => x.type === m.type);
    if (w >= 0) waiters.splice(w, 1)[0].resolve(m);
    else messages.push(m);
  });
  child.once('exit', (code) => {
    for (const w of waiters) w.reject(new Error(`${name} exited (${code}) before "${w.type}"`));
  });
  const next = (type) =>
    new Promise((resolve, reject) => {
      const i = messages.findIndex((m) => m.type === type);
      if (i >= 0) return resolve(messages.splice(i, 1)[0]);
      if (child.exitCode !== null) return reject(new Error(`${name} exited (${child.exitCode}) before "${type}"`));
      waiters.push({ type, resolve, reject });
    });
  return { child, next };
}

/** A client that fails at once when Redis does not answer, rather than trying again. */
export const redisClient = () => createClient({ url: REDIS, socket: { connectTimeout: 3000, reconnectStrategy: false } });

export async function redisAnswers() {
  const redis = redisClient();
  redis.on('error', () => {});
  try {
    await redis.connect();
    await redis.ping();
    await redis.quit();
    return true;
  } catch {
    return false;
  }
}

/** The API's keys under CALLBOARD_REDIS_PREFIX `prefix` are dropped on exit, unless dropRedisKeys() ran first. */
export function claimRedisPrefix(prefix) {
  guard();
  prefixes.add(prefix);
}

/** Drops the keys under `prefix` (failures ignored): the prefix claimed with claimRedisPrefix() is done with. */
export async function dropRedisKeys(prefix) {
  await unlinkRedisKeys(prefix).catch(() => {});
  prefixes.delete(prefix);
}

async function unlinkRedisKeys(prefix) {
  const redis = redisClient();
  await redis.connect();
  let dropped = 0;
  // The log's keys are `{prefix}:…`, the sign-in limits' `prefix:…`.
  for (const match of [`{${prefix}}:*`, `${prefix}:*`]) {
    for await (const keys of redis.scanIterator({ MATCH: match, COUNT: 1000 })) {
      const list = Array.isArray(keys) ? keys : [keys];
      if (list.length) dropped += await redis.unlink(list);
    }
  }
  await redis.quit();
  return dropped;
}

/** Only these reach the live state (and move lastEventAt): a feed's batch ends on one. */
export const reachesLiveState = (e) => e.type === 'agent.state' || (e.type.startsWith('call.') && e.type !== 'call.transcript');

/**
 * `utcHour`:00 UTC on the day `days` before today in Asia/Shanghai (UTC+8, no
 * DST): a fixed hour of a past day that stays inside the ingest window
 * (35 days back by default) whenever the benchmark runs.
 */
export function daysBackAt(days, utcHour) {
  const day = new Date(Date.now() + 8 * 3600_000 - days * 86_400_000).toISOString().slice(0, 10);
  return Date.parse(`${day}T${String(utcHour).padStart(2, '0')}:00:00Z`);
}

/**
 * The simulated center from 10:00 local (Asia/Shanghai) two days ago, for
 * `hours`, pulled lazily: `agents` on the roster, calls at `rate` × a mid-size
 * center's. The roster is built on the first pull. Feeds re-date what they post
 * to the moment they post it.
 */
export async function simulatedCenter({ rate, agents, hours }) {
  const { simulate } = await import('@callboard/api');
  const from = daysBackAt(2, 2);
  return simulate({ seed: 7, tz: 'Asia/Shanghai', rate, agents }, from, from + hours * 3600_000);
}

/**
 * Posts batches of events to the API's /api/v1/events with the ingest key,
 * over keep-alive connections (at most maxSockets at once), and counts what it
 * answered since the last reset(): events accepted, duplicates and rejected,
 * posts failed. `name` starts the lines it writes to stderr about the first
 * rejected event and the first three failed posts.
 * post(batch) resolves once the answer is in, with ok (a 202), sentAt, and
 * answeredAt (its status line) and readAt (its body) — NaN unless ok.
 */
export function eventPoster(url, key, { maxSockets, name }) {
  const agent = new http.Agent({ keepAlive: true, maxSockets });
  const target = new URL('/api/v1/events', url);
  const poster = {
    inFlight: 0,
    maxInFlight: 0,
    counts: undefined,
    reset() {
      poster.counts = { accepted: 0, duplicates: 0, rejected: 0, errors: 0 };
    },
    post(batch) {
      const body = JSON.stringify(batch);
      const sentAt = now();
      poster.inFlight++;
      poster.maxInFlight = Math.max(poster.maxInFlight, poster.inFlight);
      return new Promise((resolve) => {
        const req = http.request(
          target,
          {
            method: 'POST',
            agent,
            headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), authorization: `Bearer ${key}` },
          },
          (res) => {
            const answeredAt = now();
            let text = '';
            res.setEncoding('utf8');
            res.on('data', (d) => (text += d));
            res.on('end', () => {
              const readAt = now();
              poster.inFlight--;
              const c = poster.counts;
              if (res.statusCode === 202) {
                const r = JSON.parse(text);
                c.accepted += r.accepted;
                c.duplicates += r.duplicates;
                c.rejected += r.rejected.length;
                if (r.rejected.length && c.rejected <= r.rejected.length)
                  process.stderr.write(`${name}: rejected ${JSON.stringify(r.rejected[0]).slice(0, 300)}\n`);
                resolve({ ok: true, sentAt, answeredAt, readAt });
              } else {
                c.errors++;
                if (c.errors <= 3) process.stderr.write(`${name}: ingest answered ${res.statusCode}: ${text.slice(0, 200)}\n`);
                resolve({ ok: false, sentAt, answeredAt: NaN, readAt: NaN });
              }
            });
          },
        );
        req.on('error', (err) => {
          const c = poster.counts;
          poster.inFlight--;
          c.errors++;
          if (c.errors <= 3) process.stderr.write(`${name}: ${err.message}\n`);
          resolve({ ok: false, sentAt, answeredAt: NaN, readAt: NaN });
        });
        req.end(body);
      });
    },
    close: () => agent.destroy(),
  };
  poster.reset();
  return poster;
}

/** Median and 99th percentile of a feed's answer times (ms), as the feeds report them; sorts `answerMs`. */
export function answerPercentiles(answerMs) {
  const a = answerMs.sort((x, y) => x - y);
  return { answerP50: a[Math.floor(a.length / 2)] ?? NaN, answerP99: a[Math.ceil(a.length * 0.99) - 1] ?? NaN };
}

if (process.argv[1] === self && process.argv[2] === 'drop-redis-keys') await unlinkRedisKeys(process.argv[3]);
