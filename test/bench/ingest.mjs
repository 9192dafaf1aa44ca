// Ingest benchmark (issue targets: ≥ 10,000 events/s durable through HTTP,
// ≥ 0.3 of the database's raw insert ceiling, event → row visible p99 ≤ 2 s),
// in three layouts: the in-process log with the embedded database (the
// default), the Redis log with the embedded database, and the Redis log with
// TimescaleDB in a process of its own through `pg` (production's layout; here
// the embedded TimescaleDB served over the wire by support/database-server.mjs).
//   BENCH_SECONDS         load per layout (20)
//   BENCH_INGEST_LIMIT_S  time limit per layout, catch-up included (max(300, 6 × BENCH_SECONDS))
//   BENCH_INGEST_ONLY     layouts to run, by number (e.g. 1,3; all by default)
import { fork, spawn } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DB, createApiKey, createApp, loadConfig } from '@callboard/api';
import { migrate, openEmbedded } from '@callboard/db';
import {
  REDIS,
  claimRedisPrefix,
  daysBackAt,
  dropRedisKeys,
  fmt,
  headlines,
  pctOf,
  redisAnswers,
  removeTempDir,
  running,
  sleep,
  tempDir,
  track,
} from './common.mjs';

const KEY = 'bench-ingest-key-0123456789abcdef';
const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const here = path.dirname(fileURLToPath(import.meta.url));

async function rawCeiling() {
  const db = await openEmbedded('memory://');
  await migrate(db, 'Asia/Shanghai');
  const total = 200_000;
  const batch = 5000;
  // The same day as the load posts over HTTP, so both fill chunks alike.
  const base = daysBackAt(2, 0);
  const started = performance.now();
  for (let i = 0; i < total; i += batch) {
    const ids = [],
      ts = [],
      types = [],
      calls = [],
      payloads = [];
    for (let j = i; j < i + batch; j++) {
      ids.push(`raw-${j}`);
      ts.push(new Date(base + j * 50).toISOString());
      types.push('call.offered');
      calls.push(`c${j}`);
      payloads.push(JSON.stringify({ callId: `c${j}`, queue: 'general', callType: 'billing', caller: '13812345678' }));
    }
    await db.query(
      `INSERT INTO events (id, ts, type, source, call_id, queue, payload)
       SELECT id, ts, type, 'bench', call_id, 'general', payload::jsonb
         FROM unnest($1::text[], $2::timestamptz[], $3::text[], $4::text[], $5::text[]) AS t(id, ts, type, call_id, payload)`,
      [ids, ts, types, calls, payloads],
    );
  }
  const secs = (performance.now() - started) / 1000;
  await db.close();
  return total / secs;
}

/**
 * One configuration under load for SECONDS. `run.stage` says what it is doing
 * (for the line printed when it overruns its time limit); `run.stop()` ends
 * whatever is still running and removes what it made.
 */
async function sustained(label, env, run) {
  const dataDir = tempDir('callboard-bench-');
  const prefix = `bench-${process.pid}-${label.replace(/\W/g, '').slice(0, 40)}`;
  // The log's stream and the ids it remembers go with the run, also when it fails.
  claimRedisPrefix(prefix);
  let app;
  let child;
  let probing = true;
  let stopped = false;
  run.stop = async () => {
    stopped = true;
    probing = false;
    if (child && running(child)) child.kill('SIGKILL');
    // A writer far behind may take long to stop: the bench moves on after 20 s either way.
    if (app) await Promise.race([app.close().catch(() => undefined), sleep(20_000)]);
    await dropRedisKeys(prefix);
    removeTempDir(dataDir);
  };
  run.stage = 'starting the API';
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    CALLBOARD_DATA_DIR: dataDir,
    CALLBOARD_DEMO: '0',
    CALLBOARD_INGEST_KEY: KEY,
    CALLBOARD_LOG_LEVEL: 'error',
    CALLBOARD_REDIS_PREFIX: prefix,
    ...env,
  });
  app = await createApp(config);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const url = `http://127.0.0.1:${app.getHttpServer().address().port}`;
  const db = app.get(DB);
  // The writer's lag is in the full health report, for admins and metrics keys.
  const metricsKey = (await createApiKey(db, 'bench', 'metrics')).secret;
  const writerLag = async () => {
    // An error answer (the app busy or failing) carries no writer figures.
    const h = await fetch(`${url}/health`, { headers: { authorization: `Bearer ${metricsKey}` } }).then(
      (r) => r.json(),
      () => ({}),
    );
    return h.writer?.lagEntries;
  };

  run.stage = `posting events for ${SECONDS} s`;
  child = track(
    spawn(process.execPath, [path.join(here, 'load.mjs'), url, KEY, String(SECONDS), '4', '1000'], {
      stdio: ['ignore', 'pipe', 'inherit'],
    }),
  );
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  const done = new Promise((resolve) => child.on('exit', resolve));

  // Latency probes: a call.offered posted every 200 ms; visible when its calls row can be read.
  const latencies = [];
  // A probe still not stored after 180 s is counted, not waited for: the writer is that far behind.
  let unseen = 0;
  let n = 0;
  const probe = async () => {
    const id = `probe-${label.replace(/\W/g, '').slice(0, 30)}-${n++}`;
    const t0 = performance.now();
    const res = await fetch(`${url}/api/v1/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${KEY}` },
      body: JSON.stringify([
        { id, type: 'call.offered', ts: new Date().toISOString(), source: 'bench', payload: { callId: id, queue: 'probe' } },
      ]),
    });
    if (res.status !== 202) throw new Error(`probe answered ${res.status}`);
    for (;;) {
      const r = await db.query(`SELECT 1 FROM calls WHERE call_id = $1`, [id]);
      if (r.rows.length) break;
      if (performance.now() - t0 > 180_000 || !probing) {
        unseen++;
        return;
      }
      await sleep(10);
    }
    latencies.push(performance.now() - t0);
  };
  const probes = (async () => {
    await sleep(1000);
    while (probing) {
      const p = probe();
      await sleep(200);
      await p;
    }
  })();

  const code = await done;
  if (code !== 0) throw new Error(`the load generator failed (exit code ${code})`);
  const load = JSON.parse(out.trim());
  // Durable means in the log; with Redis the writer may still be behind: time its catch-up too.
  run.stage = 'waiting for the writer to catch up';
  const drainStart = performance.now();
  let lag;
  while ((lag = await writerLag()) !== 0) {
    if (stopped) throw new Error('stopped');
    run.stage = `waiting for the writer to catch up (${lag === undefined ? 'lag unknown' : `${fmt(lag)} events behind`})`;
    await sleep(200);
  }
  const drainS = (performance.now() - drainStart) / 1000;
  probing = false;
  await probes;
  run.stage = 'counting rows';
  const rows = (await db.query(`SELECT count(*) AS n FROM events`)).rows[0].n;
  run.stage = 'stopping the API';
  await run.stop();
  return {
    rate: load.accepted / load.elapsed,
    // What reached the database, from the first post until the writer had caught up.
    storedRate: rows / (load.elapsed + drainS),
    accepted: load.accepted,
    rows,
    drainS,
    p50: pctOf(latencies, 50),
    p99: pctOf(latencies, 99),
    max: Math.max(...latencies),
    probes: latencies.length,
    unseen,
  };
}

/** The suites' database server (support/database-server.mjs): the embedded TimescaleDB in a process of its own. */
async function startDbServer() {
  const child = track(
    fork(path.join(here, '../support/database-server.mjs'), [String(20000 + Math.floor(Math.random() * 20000))], {
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    }),
  );
  const url = await new Promise((resolve, reject) => {
    child.on('message', (m) => 'url' in m && resolve(m.url));
    child.once('exit', (code) => reject(new Error(`database process exited (${code})`)));
  });
  return { child, url };
}

const TARGET_RATE = 10_000;
const TARGET_RATIO = 0.3;
const TARGET_P99_MS = 2000;
/** How long one configuration may take, load and catch-up included, before it is reported as not finished. */
const LIMIT_S = Number(process.env.BENCH_INGEST_LIMIT_S ?? Math.max(300, SECONDS * 6));

export async function ingest() {
  console.log(
    `ingest benchmark (${os.cpus().length} cores, Node ${process.version}, ${SECONDS} s of load per configuration, each within ${LIMIT_S} s)`,
  );
  const ceiling = await rawCeiling();
  console.log(`  raw insert ceiling (embedded TimescaleDB, unnest, 5,000 rows/statement): ${fmt(ceiling)} rows/s`);
  const configs = [
    ['in-process log', 'embedded TimescaleDB in the API process', 'the default (npm start)', () => ({})],
    ['Redis Streams log', 'embedded TimescaleDB in the API process', 'Redis beside the embedded database', () => ({ REDIS_URL: REDIS })],
    [
      'Redis Streams log',
      'TimescaleDB in its own process (pg driver)',
      'the production layout (ARCHITECTURE.md)',
      async (cleanup) => {
        const server = await startDbServer();
        cleanup.push(() => server.child.kill());
        return { REDIS_URL: REDIS, DATABASE_URL: server.url, DATABASE_POOL_SIZE: '1' };
      },
    ],
  ];
  const only = process.env.BENCH_INGEST_ONLY?.split(',').map(Number);
  const figures = headlines('ingest');
  for (const [i, [log, where, role, setup]] of configs.entries()) {
    if (only && !only.includes(i + 1)) continue;
    const name = `${log}, ${where} — ${role}`;
    const cleanup = [];
    const run = { stage: 'setting up', stop: async () => undefined };
    let timer;
    const limit = new Promise((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`did not finish within ${LIMIT_S} s (BENCH_INGEST_LIMIT_S), stopped while ${run.stage}`)),
        LIMIT_S * 1000,
      );
    });
    try {
      if (log.startsWith('Redis') && !(await redisAnswers())) throw new Error(`Redis does not answer at ${REDIS}`);
      const work = (async () => sustained(log + where, await setup(cleanup), run))();
      // What still runs after the time limit ends once run.stop() has closed the API.
      work.catch(() => undefined);
      const r = await Promise.race([work, limit]);
      const ratio = r.rate / ceiling;
      const pass = r.rate >= TARGET_RATE && ratio >= TARGET_RATIO && r.p99 <= TARGET_P99_MS && r.unseen === 0;
      console.log(
        `  ${name}: ${fmt(r.rate)} events/s durable over HTTP, ${fmt(ratio, 2)} of ceiling, event → row visible p99 ${fmt(r.p99)} ms` +
          ` (target ≥ ${fmt(TARGET_RATE)} events/s, ≥ ${TARGET_RATIO} of ceiling, p99 ≤ ${fmt(TARGET_P99_MS)} ms): ${pass ? 'pass' : 'FAIL'}`,
      );
      const note = r.unseen ? `${r.unseen} not stored within 180 s` : '';
      figures.keep({
        figure: `${log}, ${where}: durable events/s`,
        value: r.rate,
        unit: 'events/s',
        target: `≥ ${fmt(TARGET_RATE)}`,
        pass: r.rate >= TARGET_RATE,
        note,
      });
      figures.keep({
        figure: `${log}, ${where}: ÷ raw ceiling`,
        value: ratio,
        unit: '',
        target: `≥ ${TARGET_RATIO}`,
        pass: ratio >= TARGET_RATIO,
      });
      figures.keep({
        figure: `${log}, ${where}: event → row p99`,
        value: r.p99,
        unit: 'ms',
        target: `≤ ${fmt(TARGET_P99_MS)} ms`,
        pass: r.p99 <= TARGET_P99_MS && !r.unseen,
        note,
      });
      console.log(
        `    ${fmt(r.accepted)} accepted, ${fmt(r.rows)} rows; stored ${fmt(r.storedRate)} events/s counting the writer's catch-up of ${fmt(r.drainS, 1)} s after the load stopped;` +
          ` event → row p50 ${fmt(r.p50)} ms, max ${fmt(r.max)} ms (${r.probes} probes${r.unseen ? `; ${r.unseen} not stored within 180 s` : ''})`,
      );
    } catch (err) {
      console.log(`  ${name}: not measured — ${String(err?.message ?? err).split('\n')[0]}`);
      figures.keep({
        figure: `${log}, ${where}: durable events/s`,
        value: NaN,
        unit: 'events/s',
        target: `≥ ${fmt(TARGET_RATE)}`,
        pass: false,
        note: String(err?.message ?? err).split('\n')[0],
      });
      await run.stop().catch(() => undefined);
    } finally {
      clearTimeout(timer);
      for (const c of cleanup) c();
    }
  }
  return figures.rows;
}
