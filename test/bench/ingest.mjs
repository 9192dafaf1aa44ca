// Ingest benchmark (issue targets: ≥ 10,000 events/s durable through HTTP,
// ≥ 0.3 of the database's raw insert ceiling, event → row visible p99 ≤ 2 s).
import { fork, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DB, createApiKey, createApp, loadConfig } from '@callboard/api';
import { migrate, openEmbedded } from '@callboard/db';
import { REDIS, claimRedisPrefix, daysBackAt, dropRedisKeys, fmt, pctOf, sleep } from './common.mjs';

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

async function sustained(label, env) {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'callboard-bench-'));
  const prefix = `bench-${process.pid}-${label.replace(/\W/g, '').slice(0, 40)}`;
  // The log's stream and the ids it remembers go with the run, also when it fails.
  claimRedisPrefix(prefix);
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
  const app = await createApp(config);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const url = `http://127.0.0.1:${app.getHttpServer().address().port}`;
  const db = app.get(DB);
  // The writer's lag is in the full health report, for admins and metrics keys.
  const metricsKey = (await createApiKey(db, 'bench', 'metrics')).secret;

  const child = spawn(process.execPath, [path.join(here, 'load.mjs'), url, KEY, String(SECONDS), '4', '1000'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  const done = new Promise((resolve) => child.on('exit', resolve));

  // Latency probes: a call.offered posted every 200 ms; visible when its calls row can be read.
  const latencies = [];
  // A probe still not stored after 180 s is counted, not waited for: the writer is that far behind.
  let unseen = 0;
  let probing = true;
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
      if (performance.now() - t0 > 180_000) {
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

  await done;
  probing = false;
  await probes;
  const load = JSON.parse(out.trim());
  // Durable means in the log; with Redis the writer may still be behind: time its catch-up too.
  const drainStart = performance.now();
  probing = false;
  for (;;) {
    // An error answer (the app busy or failing) carries no writer figures: keep waiting.
    const h = await (await fetch(`${url}/health`, { headers: { authorization: `Bearer ${metricsKey}` } })).json();
    if (h.writer?.lagEntries === 0) break;
    await sleep(100);
  }
  const drainS = (performance.now() - drainStart) / 1000;
  const rows = (await db.query(`SELECT count(*) AS n FROM events`)).rows[0].n;
  await app.close();
  await dropRedisKeys(prefix);
  rmSync(dataDir, { recursive: true, force: true });
  return {
    label,
    rate: load.accepted / load.elapsed,
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
  const child = fork(path.join(here, '../support/database-server.mjs'), [String(20000 + Math.floor(Math.random() * 20000))], {
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const url = await new Promise((resolve, reject) => {
    child.on('message', (m) => 'url' in m && resolve(m.url));
    child.once('exit', (code) => reject(new Error(`database process exited (${code})`)));
  });
  return { child, url };
}

export async function ingest() {
  console.log(`ingest benchmark (${os.cpus().length} cores, Node ${process.version}, ${SECONDS} s of load per log)`);
  const ceiling = await rawCeiling();
  console.log(`  raw insert ceiling (embedded TimescaleDB, unnest, 5,000 rows/statement): ${fmt(ceiling)} rows/s`);
  const server = await startDbServer();
  const configs = [
    ['in-process log', 'embedded TimescaleDB in the API process', {}],
    ['Redis Streams log', 'embedded TimescaleDB in the API process', { REDIS_URL: REDIS }],
    [
      'Redis Streams log',
      'TimescaleDB in its own process (pg driver)',
      { REDIS_URL: REDIS, DATABASE_URL: server.url, DATABASE_POOL_SIZE: '1' },
    ],
  ];
  try {
    for (const [label, where, env] of configs) {
      console.log(`  ${label}, ${where}:`);
      const r = await sustained(label + where, env);
      console.log(
        `    sustained durable ingest over HTTP: ${fmt(r.rate)} events/s (${fmt(r.rate / ceiling, 2)} of ceiling; ${fmt(r.accepted)} accepted, ${fmt(r.rows)} rows; writer caught up ${fmt(r.drainS, 1)} s after the load stopped)`,
      );
      console.log(
        `    event → row visible: p50 ${fmt(r.p50)} ms, p99 ${fmt(r.p99)} ms, max ${fmt(r.max)} ms (${r.probes} probes under load${r.unseen ? `; ${r.unseen} more not stored within 180 s` : ''})`,
      );
    }
  } finally {
    server.child.kill();
  }
}
