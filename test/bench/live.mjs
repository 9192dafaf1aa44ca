// Live benchmark (issue target: p99 ≤ 150 ms from an event's 202 to the patch
// that carries it, 200 and 500 wallboards, 1,000 events/s). Three processes besides
// this one: the API as in production (`node api/dist/main.js`, its live engine
// tailing the Redis stream), the wallboards (live-clients.mjs) and the feed
// (live-feed.mjs). A batch's marker is the ts of its last event; a client has
// it with the first patch (or snapshot) whose lastEventAt ≥ the marker.
// BENCH_SECONDS (default 60) of load per run; BENCH_CLIENTS (default 1,200,500);
// BENCH_EMBEDDED_SECONDS (default min(15, BENCH_SECONDS); 0 skips) for one more
// run at 200 clients on the in-process log; BENCH_DAY_SECONDS (default min(30, BENCH_SECONDS); 0 skips)
// for the full-day run: 200 clients under that load on an empty day, then a simulated day of a 500-agent
// center (about 60,000 calls; BENCH_DAY_RATE, default 67 × a mid-size center's arrivals) posted from local
// midnight to now in a zone where it is late evening, then the same load again: both side by side.
// BENCH_CLIENT_PROCS: how many processes the wallboards are spread over (default one per 100, at most 5).
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  REDIS,
  claimRedisPrefix,
  dropRedisKeys,
  fmt,
  forkChild,
  eventPoster,
  headlines,
  pctOf,
  ms,
  now,
  pct,
  reachesLiveState,
  redisClient,
  removeTempDir,
  sleep,
  startApi,
  tempDir,
} from './common.mjs';

const KEY = 'bench-live-ingest-key-0123456789';
const PASSWORD = 'bench-live-admin-password';
const SECONDS = Number(process.env.BENCH_SECONDS ?? 60);
const CLIENTS = (process.env.BENCH_CLIENTS ?? '1,200,500')
  .split(',')
  .map(Number)
  .filter((n) => n > 0);
const EMBEDDED_SECONDS = Number(process.env.BENCH_EMBEDDED_SECONDS ?? Math.min(15, SECONDS));
const RATE = 1000;
const INTERVAL_MS = 20;
const WARMUP_MS = 2000;
/** After the feed stops, every client should get the last batch within this (else it counts as unseen). */
const DRAIN_MS = 30_000;
const TARGET_P99_MS = 150;
const TARGET_WORK_RATIO = 1.2;
const TARGET_RSS_MB = 1024;
const DAY_SECONDS = Number(process.env.BENCH_DAY_SECONDS ?? Math.min(30, SECONDS));
const DAY_CLIENTS = 200;
const DAY_AGENTS = 500;
/** × a mid-size center's arrivals: about 60,000 calls over the day. */
const DAY_RATE = Number(process.env.BENCH_DAY_RATE ?? 67);
const DAY_BATCH = 2000;
const DAY_POSTS_IN_FLIGHT = 4;
const CLIENTS_PER_PROC = 100;
const MAX_CLIENT_PROCS = 5;
const here = path.dirname(fileURLToPath(import.meta.url));
/** The headline figures of the current live() run: what it returns. */
let figures = headlines('live');
const TICKS = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());

/** utime + stime of a process (all its threads), in seconds. */
function cpuSeconds(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(f[11]) + Number(f[12])) / TICKS;
}
/** CPU seconds per thread of a process (tid → s); the main thread, the event loop, has tid = pid. */
function threadSeconds(pid) {
  const out = new Map();
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    try {
      out.set(tid, cpuSeconds(`${pid}/task/${tid}`));
    } catch {
      // the thread ended meanwhile
    }
  }
  return out;
}

/** Busy time of the whole machine (all cores), in seconds: shows what else competed for the CPU. */
function machineSeconds() {
  const f = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1, 9).map(Number);
  return (f[0] + f[1] + f[2] + f[5] + f[6] + f[7]) / TICKS;
}
const rssMB = (pid) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1]) / 1024;

const forkBench = (script, args) => forkChild(path.join(here, script), args, script);

/**
 * The wallboards of one load, spread over processes of their own (BENCH_CLIENT_PROCS, default one per
 * CLIENTS_PER_PROC): a single process would parse every socket's copy of a patch in turn, and the last socket's
 * receive time would hold all the others' parsing. The first process's first socket counts message sizes.
 */
function startClients(url, token, clients, work) {
  const procs = Math.max(
    1,
    Math.min(clients, Number(process.env.BENCH_CLIENT_PROCS ?? Math.min(MAX_CLIENT_PROCS, Math.ceil(clients / CLIENTS_PER_PROC)))),
  );
  const recordsFiles = [];
  const children = [];
  for (let i = 0; i < procs; i++) {
    const share = Math.floor(clients / procs) + (i < clients % procs ? 1 : 0);
    const file = path.join(work, `records-${i}.f64`);
    recordsFiles.push(file);
    children.push(forkBench('live-clients.mjs', [url, token, String(share), file, i === 0 ? 'bytes' : '-']));
  }
  const all = (type) => Promise.all(children.map((c) => c.next(type)));
  const sum = (list, key) => list.reduce((n, m) => n + m[key], 0);
  return {
    procs,
    recordsFiles,
    async ready() {
      const r = await all('ready');
      return { connectMs: Math.max(...r.map((m) => m.connectMs)) };
    },
    /** CPU seconds of each clients process so far. */
    cpuSeconds: () => children.map((c) => cpuSeconds(c.child.pid)),
    async caughtUp(marker, timeoutMs) {
      for (const c of children) c.child.send({ type: 'await', marker, timeoutMs });
      const r = await all('caughtUp');
      return { all: r.every((m) => m.all), short: sum(r, 'short') };
    },
    async stop() {
      for (const c of children) c.child.send({ type: 'stop' });
      const r = await all('done');
      const counts = {};
      for (const key of ['patches', 'snapshots', 'gaps', 'stale', 'disconnects', 'reconnects', 'connectErrors']) counts[key] = sum(r, key);
      return {
        ...counts,
        bytesPerMessage: r[0].bytesPerMessage,
        patchBytes: r[0].patchBytes,
        loopDelayP99Ms: Math.max(...r.map((m) => m.loopDelayP99Ms)),
        loopDelayMaxMs: Math.max(...r.map((m) => m.loopDelayMaxMs)),
      };
    },
    kill() {
      for (const c of children) if (c.child.exitCode === null) c.child.kill('SIGKILL');
    },
  };
}

/** Accepted → seen latencies of every batch sent after the warm-up, on every client of every clients process. */
function latencies(feed, recordsFiles, fromMs) {
  const batches = [];
  for (let i = 0; i < feed.markers.length; i++) {
    const a = feed.acceptedAt[i];
    if (Number.isFinite(a) && feed.markers[i] >= fromMs) batches.push([feed.markers[i], a]);
  }
  batches.sort((x, y) => x[0] - y[0]);
  const files = recordsFiles.map((f) => {
    const buf = readFileSync(f);
    return new Float64Array(buf.buffer, buf.byteOffset, buf.byteLength / 8);
  });
  const clients = files.reduce((n, data) => n + data[0], 0);
  const out = new Float64Array(batches.length * clients);
  // The same, split at the message's asOf: accepted → built in the server, built → received by the client.
  const server = new Float64Array(batches.length * clients);
  const delivery = new Float64Array(batches.length * clients);
  let n = 0;
  let negative = 0;
  const unseenBatches = new Set();
  const records = function* () {
    for (const data of files) {
      let k = 1;
      for (let c = 0; c < data[0]; c++) {
        const len = data[k++];
        yield data.subarray(k, k + 3 * len);
        k += 3 * len;
      }
    }
  };
  for (const record of records()) {
    const len = record.length / 3;
    const recv = record.subarray(0, len);
    const last = record.subarray(len, 2 * len);
    const built = record.subarray(2 * len, 3 * len);
    // Messages in arrival order; the first whose running max of lastEventAt reaches the marker carries the batch.
    let j = 0;
    let seenMax = -Infinity;
    for (let b = 0; b < batches.length; b++) {
      const [marker, acceptedAt] = batches[b];
      while (seenMax < marker && j < len) seenMax = Math.max(seenMax, last[j++]);
      if (seenMax < marker) {
        for (let r = b; r < batches.length; r++) unseenBatches.add(r);
        break;
      }
      const l = recv[j - 1] - acceptedAt;
      if (l < 0) negative++;
      server[n] = built[j - 1] - acceptedAt;
      delivery[n] = recv[j - 1] - built[j - 1];
      out[n++] = l;
    }
  }
  return {
    sorted: out.subarray(0, n).sort(),
    server: server.subarray(0, n).sort(),
    delivery: delivery.subarray(0, n).sort(),
    batches: batches.length,
    unseenBatches: unseenBatches.size,
    negative,
  };
}

/** The API's own Prometheus figures (the admin may read them); scraping also resets its event-loop delay histogram. */
async function scrape(url, cookie) {
  const text = await (await fetch(`${url}/metrics`, { headers: { cookie } })).text();
  const m = new Map();
  for (const line of text.split('\n')) {
    const [name, value] = line.split(' ');
    if (name?.startsWith('callboard_nodejs_')) m.set(name.slice('callboard_nodejs_'.length), Number(value));
  }
  return m;
}

/** The local Redis server's pid (it reports it), to count its CPU; undefined if not on this machine. */
async function redisPid() {
  const redis = redisClient();
  await redis.connect();
  const pid = Number(/process_id:(\d+)/.exec(await redis.info('server'))?.[1]);
  await redis.quit();
  try {
    cpuSeconds(pid);
    return pid;
  } catch {
    return undefined;
  }
}

/** The API with an admin sign-in; every client is a screen of that one sign-in (the per-session socket cap is raised to their number). */
async function startSignedIn(work, clients, env) {
  const server = await startApi({
    dataDir: path.join(work, 'data'),
    ingestKey: KEY,
    adminPassword: PASSWORD,
    env: { CALLBOARD_LIVE_SOCKETS: String(Math.max(8, clients)), ...env },
  });
  try {
    const login = await fetch(`${server.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: PASSWORD }),
    });
    if (!login.ok) throw new Error(`sign-in answered ${login.status}: ${await login.text()}`);
    const token = /cb_session=([^;]+)/.exec(login.headers.get('set-cookie') ?? '')?.[1];
    if (!token) throw new Error('sign-in set no cb_session cookie');
    return { server, token };
  } catch (err) {
    await server.stop();
    throw err;
  }
}

/** The live engine's figures from /health (the admin reads them): what it holds, its flushes and its time on them. */
async function liveHealth(url, token) {
  return (await health(url, token)).live ?? { events: NaN, calls: NaN, agents: NaN, flushes: NaN, workMs: NaN };
}

async function health(url, token) {
  return (await fetch(`${url}/health`, { headers: { cookie: `cb_session=${token}` } })).json();
}

/**
 * One load: `clients` wallboards connect, the feed posts RATE events/s for `seconds`, and the figures are
 * printed; the clients and the feed are gone when it returns. `freshCalls`: a second load into the same API.
 */
async function measure(label, { server, token, work, clients, seconds, env, freshCalls = false }) {
  let clientsProc;
  let feedProc;
  try {
    clientsProc = startClients(server.url, token, clients, work);
    const ready = await clientsProc.ready();

    // The CPU and memory window is the load itself: from the feed's first batch to its last answer.
    feedProc = forkBench('live-feed.mjs', [
      server.url,
      KEY,
      String(seconds),
      String(RATE),
      String(INTERVAL_MS),
      ...(freshCalls ? ['fresh-calls'] : []),
    ]);
    await feedProc.next('started');
    const pid = server.child.pid;
    const rpid = env.REDIS_URL ? await redisPid() : undefined;
    const metrics0 = await scrape(server.url, `cb_session=${token}`);
    const health0 = await liveHealth(server.url, token);
    const t0 = now();
    const cpu0 = cpuSeconds(pid);
    const threads0 = threadSeconds(pid);
    const clientsCpu0 = clientsProc.cpuSeconds();
    const redis0 = rpid ? cpuSeconds(rpid) : 0;
    const machine0 = machineSeconds();
    const rss0 = rssMB(pid);
    let peak = rss0;
    const sampler = setInterval(() => {
      try {
        peak = Math.max(peak, rssMB(pid));
      } catch {
        // the server is gone: the run fails below
      }
    }, 200);
    const feed = await feedProc.next('done');
    const t1 = now();
    const cpu1 = cpuSeconds(pid);
    const threads1 = threadSeconds(pid);
    const clientsCpu1 = clientsProc.cpuSeconds();
    const rss1 = rssMB(pid);
    const machine1 = machineSeconds();
    const redis1 = rpid ? cpuSeconds(rpid) : 0;
    clearInterval(sampler);
    const metrics1 = await scrape(server.url, `cb_session=${token}`);
    const health1 = await liveHealth(server.url, token);
    peak = Math.max(peak, rss1);
    // The feed's closing batch (posted after every answer was in) is last in the log: once a client has it, it has had them all.
    if (!Number.isFinite(feed.closingMarker)) throw new Error("the feed's closing batch was not accepted");
    const caughtUp = await clientsProc.caughtUp(feed.closingMarker, DRAIN_MS);
    const drainS = (now() - feed.endedAt) / 1000;
    const counts = await clientsProc.stop();

    server.assertRunning();
    const lat = latencies(feed, clientsProc.recordsFiles, feed.startedAt + WARMUP_MS);
    const wall = (t1 - t0) / 1000;
    const s = lat.sorted;
    const resent = counts.snapshots - clients;
    const share = (sec) => `${fmt((100 * sec) / wall)} %`;
    const serverCpu = cpu1 - cpu0;
    const threads = [...threads1].map(([tid, sec]) => [tid, sec - (threads0.get(tid) ?? 0)]);
    const loop = threads.find(([tid]) => tid === String(pid))?.[1] ?? NaN;
    const busiest = Math.max(0, ...threads.filter(([tid]) => tid !== String(pid)).map(([, sec]) => sec));
    const clientsCpuEach = clientsCpu1.map((sec, i) => sec - clientsCpu0[i]);
    const clientsCpu = clientsCpuEach.reduce((a, b) => a + b, 0);
    const redisCpu = redis1 - redis0;
    const others = Math.max(0, machine1 - machine0 - serverCpu - clientsCpu - feed.cpuSeconds - redisCpu);
    console.log(
      `  live, ${label}, ${fmt(clients)} client${clients === 1 ? '' : 's'}: ${fmt(feed.accepted)} events in ${fmt((feed.sentUntil - feed.startedAt) / 1000)} s; ` +
        `accepted→patch p50 ${ms(pct(s, 50))}, p99 ${ms(pct(s, 99))}, max ${ms(s.length ? s[s.length - 1] : NaN)}; ` +
        `${fmt(counts.patches / clients)} patches/client; server CPU ${share(serverCpu)} of a core (event loop ${share(loop)}, busiest other thread ${share(busiest)}), ` +
        `RSS ${fmt(rss0)} → ${fmt(rss1)} MB (peak ${fmt(peak)}); gaps ${counts.gaps}`,
    );
    console.log(
      `    split at the patch's asOf: 202 → built p50 ${ms(pct(lat.server, 50))}, p99 ${ms(pct(lat.server, 99))}; ` +
        `built → received p50 ${ms(pct(lat.delivery, 50))}, p99 ${ms(pct(lat.delivery, 99))}; ` +
        `min ${ms(s.length ? s[0] : NaN)}, ${fmt(lat.negative)} negative (patch before the 202); ` +
        `${fmt(lat.batches)} batches × ${fmt(clients)} after the ${WARMUP_MS / 1000} s warm-up, unseen by some client ${fmt(lat.unseenBatches)}; ` +
        (caughtUp.all
          ? `every client had all of it ${fmt(drainS, 1)} s after the feed's last 202`
          : `${caughtUp.short} clients still short of it ${DRAIN_MS / 1000} s after the feed's last 202`),
    );
    const heap = (m) => fmt(m.get('heap_size_used_bytes') / 2 ** 20);
    console.log(
      `    event-loop delay: server p99 ${ms(metrics1.get('eventloop_lag_p99_seconds') * 1000)}, max ${ms(metrics1.get('eventloop_lag_max_seconds') * 1000)} ` +
        `(10 ms resolution), clients (the worst process) p99 ${ms(counts.loopDelayP99Ms)}, max ${ms(counts.loopDelayMaxMs)}; ` +
        `server JS heap used ${heap(metrics0)} → ${heap(metrics1)} MB; machine load ${os
          .loadavg()
          .map((l) => fmt(l, 1))
          .join(' ')}`,
    );
    console.log(
      `    snapshots resent ${resent}, stale patches ${counts.stale}, disconnects ${counts.disconnects} (reconnected ${counts.reconnects}); ~${fmt(counts.bytesPerMessage / 1024, 1)} KB/message; ` +
        `202 p50 ${ms(feed.answerP50)}, p99 ${ms(feed.answerP99)}${feed.errors ? `, ${feed.errors} failed posts` : ''}${feed.rejected + feed.duplicates ? `, ${feed.rejected} events rejected, ${feed.duplicates} duplicates` : ''}${feed.late ? ` (feed ${feed.late} ticks late)` : ''}; ` +
        `CPU: ${clientsProc.procs} clients process${clientsProc.procs === 1 ? '' : 'es'} ${share(clientsCpu)} (busiest ${share(Math.max(...clientsCpuEach))}; ` +
        `${fmt((1e6 * clientsCpu) / Math.max(1, counts.patches + counts.snapshots), 0)} µs per message; ${fmt(ready.connectMs / 1000, 1)} s to connect), feed ${share(feed.cpuSeconds)}` +
        `${rpid ? `, Redis ${share(redisCpu)}` : ''}, everything else on the machine ${share(others)}`,
    );
    const pb = counts.patchBytes;
    console.log(
      `    patch messages on one socket: ${fmt(pb.length)}, bytes per message mean ${fmt(pb.reduce((a, b) => a + b, 0) / Math.max(1, pb.length), 0)}, ` +
        `p99 ${fmt(pctOf(pb, 99), 0)}, max ${fmt(pb.length ? Math.max(...pb) : NaN, 0)}`,
    );
    const p99 = pct(s, 99);
    console.log(
      `  accepted→patch p99 at ${fmt(clients)} client${clients === 1 ? '' : 's'} (${label}): ${ms(p99)}, target ≤ ${TARGET_P99_MS} ms — ${p99 <= TARGET_P99_MS ? 'pass' : 'FAIL'}`,
    );
    figures.keep({
      figure: `accepted→patch p99, ${fmt(clients)} clients, ${label}`,
      value: p99,
      unit: 'ms',
      target: `≤ ${TARGET_P99_MS} ms`,
      pass: p99 <= TARGET_P99_MS,
    });
    server.printLoggedErrors();
    return {
      p50: pct(s, 50),
      p99,
      serverCpu,
      wall,
      flushes: health1.flushes - health0.flushes,
      workMs: health1.workMs - health0.workMs,
      rssMB: rss1,
    };
  } finally {
    if (feedProc?.child.exitCode === null) feedProc.child.kill('SIGKILL');
    clientsProc?.kill();
  }
}

async function run(label, clients, seconds, env) {
  const work = tempDir('callboard-bench-live-');
  if (env.CALLBOARD_REDIS_PREFIX) claimRedisPrefix(env.CALLBOARD_REDIS_PREFIX);
  let server;
  try {
    let token;
    ({ server, token } = await startSignedIn(work, clients, env));
    return await measure(label, { server, token, work, clients, seconds, env });
  } finally {
    if (server) await server.stop();
    removeTempDir(work);
    if (env.CALLBOARD_REDIS_PREFIX) await dropRedisKeys(env.CALLBOARD_REDIS_PREFIX);
  }
}

/**
 * A fixed-offset zone in which it is now between 22:00 and 23:00: a whole simulated day fits before now and the
 * run ends before midnight. Etc/GMT-N is UTC+N (POSIX signs).
 */
function zoneLateInTheDay(nowMs) {
  let offsetH = (22 - new Date(nowMs).getUTCHours() + 24) % 24;
  if (offsetH > 14) offsetH -= 24;
  const tz = offsetH === 0 ? 'Etc/GMT' : `Etc/GMT${offsetH > 0 ? '-' : '+'}${Math.abs(offsetH)}`;
  const dayStartMs = Math.floor((nowMs + offsetH * 3_600_000) / 86_400_000) * 86_400_000 - offsetH * 3_600_000;
  return { tz, dayStartMs };
}

/** Posts `events` in batches, a few at once, as fast as the API takes them; resolves with what it accepted (failed posts count every attempt). */
async function postAll(url, events) {
  const poster = eventPoster(url, KEY, { maxSockets: DAY_POSTS_IN_FLIGHT, name: 'live-day' });
  let next = 0;
  const worker = async () => {
    while (next < events.length) {
      const batch = events.slice(next, (next += DAY_BATCH));
      // A refused post (the log busy) is sent again: the day is whole or the run says how much is missing.
      for (let attempt = 0; attempt < 5 && !(await poster.post(batch)).ok; attempt++) await sleep(1000);
    }
  };
  await Promise.all(Array.from({ length: DAY_POSTS_IN_FLIGHT }, worker));
  poster.close();
  return poster.counts;
}

const pass = (ok) => (ok ? 'pass' : 'FAIL');

/**
 * The end of a full day against its start, in one API process: a load at RATE events/s on an empty day, then a
 * simulated day of a DAY_AGENTS-agent center posted (from local midnight to now), then the same load again.
 */
async function dayRun(clients, seconds) {
  const work = tempDir('callboard-bench-live-day-');
  const prefix = `bench-live-day-${process.pid}-${Date.now().toString(36)}`;
  claimRedisPrefix(prefix);
  const { tz, dayStartMs } = zoneLateInTheDay(Date.now());
  const env = { REDIS_URL: REDIS, CALLBOARD_REDIS_PREFIX: prefix, CALLBOARD_LOG_RETENTION_H: '1', CALLBOARD_TZ: tz };
  let server;
  try {
    let token;
    ({ server, token } = await startSignedIn(work, clients, env));
    const pid = server.child.pid;
    const start = await measure(`start of the day (${tz})`, { server, token, work, clients, seconds, env });

    const { simulate } = await import('@callboard/api');
    const untilMs = Date.now() - 60_000;
    const events = [];
    for (const e of simulate({ seed: 11, tz, rate: DAY_RATE, agents: DAY_AGENTS }, dayStartMs, untilMs)) {
      if (reachesLiveState(e)) events.push(e);
    }
    const calls = events.filter((e) => e.type === 'call.offered').length;
    const held0 = await liveHealth(server.url, token);
    const rssBefore = rssMB(pid);
    const heapBefore = (await scrape(server.url, `cb_session=${token}`)).get('heap_size_used_bytes');
    const t0 = now();
    const counts = await postAll(server.url, events);
    // Loaded once the live state holds every event accepted.
    let held = held0;
    while (held.events < held0.events + counts.accepted && now() - t0 < 600_000) {
      await sleep(250);
      held = await liveHealth(server.url, token);
    }
    const loadS = (now() - t0) / 1000;
    // The end of the day is measured once the writer has caught up: its backlog is no part of a day's size.
    while (((await health(server.url, token)).writer?.lagEntries ?? 1) > 0 && now() - t0 < 1_200_000) await sleep(1000);
    const writtenS = (now() - t0) / 1000;
    await sleep(2000);
    const rssAfter = rssMB(pid);
    const heapAfter = (await scrape(server.url, `cb_session=${token}`)).get('heap_size_used_bytes');
    held = await liveHealth(server.url, token);
    const newCalls = held.calls - held0.calls;
    const newEvents = held.events - held0.events;
    console.log(
      `  live, a day of ${fmt(DAY_AGENTS)} agents loaded: ${fmt(calls)} calls, ${fmt(counts.accepted)} events accepted (${counts.rejected} rejected, ` +
        `${counts.errors} failed posts) and held in ${fmt(loadS, 1)} s, written in ${fmt(writtenS, 1)} s; live state holds ${fmt(held.calls)} calls, ${fmt(held.events)} events, ${fmt(held.agents)} agents`,
    );

    const end = await measure(`end of the day (${tz})`, { server, token, work, clients, seconds, env, freshCalls: true });
    const rssEnd = rssMB(pid);
    const metricsEnd = await scrape(server.url, `cb_session=${token}`);
    server.assertRunning();

    const perFlush = (r) => r.workMs / Math.max(1, r.flushes);
    const cpuPerFlush = (r) => (1000 * r.serverCpu) / Math.max(1, r.flushes);
    const line = (name, a, b, unit, target, ok) => console.log(`    ${name}: start ${a}, end ${b}${unit}; ${target} — ${pass(ok)}`);
    const ratio = (a, b) => b / a;
    console.log(`  live, end of the day against its start, ${fmt(clients)} clients at ${fmt(RATE)} events/s:`);
    line('accepted→patch p50', ms(start.p50), ms(end.p50), `, ratio ${fmt(ratio(start.p50, end.p50), 2)}`, 'no target', true);
    line(
      'accepted→patch p99',
      ms(start.p99),
      ms(end.p99),
      `, ratio ${fmt(ratio(start.p99, end.p99), 2)}`,
      `target end ≤ ${TARGET_P99_MS} ms`,
      end.p99 <= TARGET_P99_MS,
    );
    const wr = ratio(perFlush(start), perFlush(end));
    line(
      'live engine time per flush',
      ms(perFlush(start)),
      ms(perFlush(end)),
      ` (${fmt(start.flushes)} and ${fmt(end.flushes)} flushes), ratio ${fmt(wr, 2)}`,
      `target ratio ≤ ${TARGET_WORK_RATIO}`,
      wr <= TARGET_WORK_RATIO,
    );
    figures.keep({
      figure: 'live engine time per flush, end ÷ start of day',
      value: wr,
      unit: '',
      target: `≤ ${TARGET_WORK_RATIO}`,
      pass: wr <= TARGET_WORK_RATIO,
    });
    const cr = ratio(cpuPerFlush(start), cpuPerFlush(end));
    line(
      'API process CPU per flush (ingest included)',
      ms(cpuPerFlush(start)),
      ms(cpuPerFlush(end)),
      `, ratio ${fmt(cr, 2)}`,
      `target ratio ≤ ${TARGET_WORK_RATIO}`,
      cr <= TARGET_WORK_RATIO,
    );
    figures.keep({
      figure: 'API CPU per flush, end ÷ start of day',
      value: cr,
      unit: '',
      target: `≤ ${TARGET_WORK_RATIO}`,
      pass: cr <= TARGET_WORK_RATIO,
    });
    console.log(
      `    API process RSS at the end of the day: ${fmt(rssEnd)} MB; target ≤ ${fmt(TARGET_RSS_MB)} MB — ${pass(rssEnd <= TARGET_RSS_MB)}`,
    );
    figures.keep({
      figure: 'API RSS at the end of the day',
      value: rssEnd,
      unit: 'MB',
      target: `≤ ${fmt(TARGET_RSS_MB)} MB`,
      pass: rssEnd <= TARGET_RSS_MB,
      note: `${fmt(calls)} calls`,
    });
    // The main thread's V8 heap and buffers; the rest of the RSS is the embedded database (its worker, the wasm heap) and native memory.
    const mb = (name) => metricsEnd.get(name) / 2 ** 20;
    const jsMB = mb('heap_size_total_bytes') + mb('external_memory_bytes');
    console.log(
      `    of which the main thread's JS heap ${fmt(mb('heap_size_used_bytes'))} MB used of ${fmt(mb('heap_size_total_bytes'))} MB, external (buffers) ${fmt(mb('external_memory_bytes'))} MB; ` +
        `the rest, ${fmt(rssEnd - jsMB)} MB: the embedded database's worker and wasm heap, code and native memory`,
    );
    console.log(
      `    memory the day added: RSS ${fmt(rssBefore)} → ${fmt(rssAfter)} MB, JS heap used ${fmt(heapBefore / 2 ** 20)} → ${fmt(heapAfter / 2 ** 20)} MB; ` +
        `per held call ${fmt(((rssAfter - rssBefore) * 2 ** 20) / newCalls)} B of RSS (${fmt((heapAfter - heapBefore) / newCalls)} B of heap), ` +
        `per event ${fmt(((rssAfter - rssBefore) * 2 ** 20) / newEvents)} B of RSS (${fmt((heapAfter - heapBefore) / newEvents)} B of heap)`,
    );
  } finally {
    if (server) await server.stop();
    removeTempDir(work);
    await dropRedisKeys(prefix);
  }
}

export async function live() {
  figures = headlines('live');
  console.log(
    `\nlive (${os.cpus().length} cores, Node ${process.version}; ${fmt(RATE)} events/s in ${INTERVAL_MS} ms batches for ${SECONDS} s per run; ` +
      `API, clients and feed in processes of their own; embedded TimescaleDB)`,
  );
  const results = new Map();
  for (const n of CLIENTS) {
    const prefix = `bench-live-${process.pid}-${n}-${Date.now().toString(36)}`;
    // A short retention: should the clean-up below be interrupted, the run's keys expire within the hour.
    results.set(
      n,
      await run('redis log', n, SECONDS, { REDIS_URL: REDIS, CALLBOARD_REDIS_PREFIX: prefix, CALLBOARD_LOG_RETENTION_H: '1' }),
    );
  }
  if (EMBEDDED_SECONDS > 0) await run(`in-process log (${EMBEDDED_SECONDS} s)`, 200, EMBEDDED_SECONDS, {});
  if (DAY_SECONDS > 0) await dayRun(DAY_CLIENTS, DAY_SECONDS);
  for (const [n, r] of results) {
    if (n < 200) continue;
    console.log(
      `  target p99 ≤ ${TARGET_P99_MS} ms at ${fmt(n)} clients (redis log): ${ms(r.p99)} — ${r.p99 <= TARGET_P99_MS ? 'met' : 'NOT met'}`,
    );
  }
  return figures.rows;
}
