// Trends benchmark (target: GET /api/v1/trends answers p95 ≤ 100 ms over 13
// months on the embedded database). 13 months of a 100-agent center
// (trends-data.mjs) in an embedded TimescaleDB; then, each over BENCH_RUNS runs
// after two warm-up runs: daily and hourly over the 13 months and 15-minute
// over the last 7 days, unfiltered and for one queue, through the API started
// on that data, and the same figures from the raw `calls` table in plain SQL
// (time_bucket in the center's zone, the same sums) as the baseline.
//   BENCH_CALLS  calls in the 13 months (default 5,000,000; 200,000 for a quick check)
//   BENCH_SEED   the generator's seed (default 16)
//   BENCH_RUNS   timed runs per figure (default 20, at least 20)
//   BENCH_BASELINE_RUNS  timed runs per raw-SQL baseline figure (default BENCH_RUNS; at least 5:
//                the raw reads of millions of calls take seconds each)
//   BENCH_TZ     the center's zone (default Asia/Shanghai)
//   BENCH_CLEAN=1  the data folder is removed after the run
//   BENCH_TRENDS_DIR  the data folder (default $TMPDIR/callboard-bench-trends)
// The data is kept in that folder (a marker file records the
// generator, seed, size, zone and range) and reused by the next run whose
// settings match, started on the same day; anything else regenerates it.
import { rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CONTINUOUS_AGGREGATES, openEmbedded } from '@callboard/db';
import { DateTime } from 'luxon';
import { fmt, headlines, pctOf, startApi } from './common.mjs';
import { benchRange, dataIdentity, generate, matchingData, recorded } from './trends-data.mjs';

const CALLS = Number(process.env.BENCH_CALLS ?? 5_000_000);
const SEED = Number(process.env.BENCH_SEED ?? 16);
const RUNS = Math.max(20, Number(process.env.BENCH_RUNS ?? 20));
const BASELINE_RUNS = Math.max(5, Number(process.env.BENCH_BASELINE_RUNS ?? RUNS));
const TZ = process.env.BENCH_TZ ?? 'Asia/Shanghai';
const CLEAN = process.env.BENCH_CLEAN === '1';
const TARGET_MS = 100;
const ADMIN_PASSWORD = 'bench-trends-admin-password';
const DATA_DIR = process.env.BENCH_TRENDS_DIR ?? path.join(os.tmpdir(), 'callboard-bench-trends');

const GRAIN = { day: '1 day', hour: '1 hour', '15m': '15 minutes' };

/** The figures timed: granularity over a range, unfiltered and for queue "billing". */
function cases({ from, to }) {
  const weekFrom = DateTime.fromISO(to).minus({ days: 6 }).toISODate();
  const out = [];
  for (const [granularity, range, label] of [
    ['day', { from, to }, 'daily, 13 months'],
    ['hour', { from, to }, 'hourly, 13 months'],
    ['15m', { from: weekFrom, to }, '15-minute, 7 days'],
  ])
    for (const queue of [null, 'billing'])
      out.push({ granularity, ...range, queue, label: `${label}, ${queue ? `queue ${queue}` : 'all queues'}` });
  return out;
}

/**
 * The baseline: what the endpoint answers, computed from the raw calls in one
 * statement (SPEC §3 counts and sums per local bucket).
 */
function rawSql(c) {
  const start = DateTime.fromISO(c.from, { zone: TZ }).toUTC().toISO();
  const end = DateTime.fromISO(c.to, { zone: TZ }).plus({ days: 1 }).toUTC().toISO();
  return {
    sql: `SELECT time_bucket(INTERVAL '${GRAIN[c.granularity]}', offered_at, $3) AS bucket,
                 count(*) AS offered,
                 count(*) FILTER (WHERE answered_at IS NOT NULL) AS answered,
                 count(*) FILTER (WHERE answered_in_threshold) AS answered_in_threshold,
                 count(*) FILTER (WHERE outcome = 'abandoned') AS abandoned,
                 count(*) FILTER (WHERE abandoned_in_threshold) AS abandoned_in_threshold,
                 count(*) FILTER (WHERE short_abandon) AS short_abandoned,
                 count(*) FILTER (WHERE outcome = 'timed_out') AS timed_out,
                 count(*) FILTER (WHERE answered_at IS NOT NULL AND ended_at IS NOT NULL) AS handled,
                 coalesce(sum(wait_s) FILTER (WHERE answered_at IS NOT NULL), 0) AS answered_wait_s,
                 coalesce(sum(talk_s) FILTER (WHERE ended_at IS NOT NULL), 0) AS talk_s,
                 coalesce(sum(hold_s) FILTER (WHERE ended_at IS NOT NULL AND answered_at IS NOT NULL), 0) AS hold_s,
                 coalesce(sum(wrap_s) FILTER (WHERE ended_at IS NOT NULL), 0) AS wrap_s
            FROM calls
           WHERE offered_at >= $1 AND offered_at < $2 ${c.queue ? 'AND queue = $4' : ''}
           GROUP BY 1 ORDER BY 1`,
    params: c.queue ? [start, end, TZ, c.queue] : [start, end, TZ],
  };
}

/** p50 and p95 in milliseconds of `runs` runs of `fn`, after two that are not counted. */
async function time(fn, runs = RUNS) {
  for (let i = 0; i < 2; i++) await fn();
  const ms = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    ms.push(performance.now() - t);
  }
  return { p50: pctOf(ms, 50), p95: pctOf(ms, 95) };
}

async function baseline(list) {
  const db = await openEmbedded(path.join(DATA_DIR, 'db'));
  try {
    for (const c of list) {
      const { sql, params } = rawSql(c);
      let rows = [];
      c.raw = await time(async () => {
        rows = (await db.query(sql, params)).rows;
      }, BASELINE_RUNS);
      c.rawBuckets = rows.length;
      c.rawOffered = rows.reduce((s, r) => s + r.offered, 0);
    }
  } finally {
    await db.close();
  }
}

async function throughApi(list) {
  const api = await startApi({
    dataDir: path.join(DATA_DIR, 'db'),
    ingestKey: 'bench-trends-ingest-key-0123456789',
    adminPassword: ADMIN_PASSWORD,
    env: { CALLBOARD_TZ: TZ },
  });
  try {
    const login = await fetch(`${api.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }),
    });
    if (!login.ok) throw new Error(`signing in as admin answered ${login.status}: ${await login.text()}`);
    const cookie = /cb_session=[^;]+/.exec(login.headers.get('set-cookie') ?? '')?.[0] ?? '';
    for (const c of list) {
      const query = new URLSearchParams({ metric: 'threeRingRate', from: c.from, to: c.to, granularity: c.granularity });
      if (c.queue) query.set('queue', c.queue);
      const get = () => fetch(`${api.url}/api/v1/trends?${query}`, { headers: { cookie } });
      const first = await get();
      if (!first.ok) {
        c.unavailable = `unavailable (${first.status})`;
        await first.arrayBuffer();
        continue;
      }
      const body = await first.json();
      c.apiBuckets = body.rows.length;
      c.apiOffered = body.rows.reduce((s, r) => s + r.offered, 0);
      c.source = body.source;
      c.api = await time(async () => {
        const res = await get();
        if (!res.ok) throw new Error(`GET /api/v1/trends?${query} answered ${res.status}`);
        await res.json();
      });
    }
    api.printLoggedErrors();
  } finally {
    await api.stop();
  }
}

export async function trends() {
  const range = benchRange(TZ);
  const identity = dataIdentity({ seed: SEED, calls: CALLS, tz: TZ, ...range });
  console.log(
    `\ntrends benchmark (${os.cpus().length} cores, Node ${process.version}, embedded TimescaleDB; ${fmt(CALLS)} calls ${range.from} … ${range.to} in ${TZ}, seed ${SEED}, ${RUNS} runs per API figure, ${BASELINE_RUNS} per baseline figure)`,
  );
  try {
    if (matchingData(DATA_DIR, identity)) {
      const { calls, times } = recorded(DATA_DIR);
      console.log(`  data: reused ${DATA_DIR} (${fmt(calls)} calls; written in ${fmt(times.generate, 1)} s when generated)`);
    } else {
      const { times, written } = await generate(DATA_DIR, identity);
      console.log(
        `  data: ${fmt(written)} calls written to ${DATA_DIR} with COPY in ${fmt(times.generate, 1)} s (${fmt(written / times.generate)} calls/s), secondary indexes built in ${fmt(times.indexes, 1)} s`,
      );
      console.log(
        `  continuous aggregates (${CONTINUOUS_AGGREGATES.join(', ')}) refreshed over the range in ${fmt(times.aggregates, 1)} s;` +
          ` policy jobs (compression) ${fmt(times.jobs, 1)} s; VACUUM ANALYZE ${fmt(times.vacuum, 1)} s`,
      );
    }
    const list = cases(range);
    await baseline(list);
    await throughApi(list);
    const width = Math.max(...list.map((c) => c.label.length));
    console.log(
      `  p50 / p95 in ms: GET /api/v1/trends (metric threeRingRate) | raw calls in SQL (baseline) | raw p95 ÷ API p95 | target API p95 ≤ ${TARGET_MS} ms`,
    );
    const figures = headlines('trends');
    const target = `≤ ${TARGET_MS} ms`;
    for (const c of list) {
      const raw = `raw ${fmt(c.raw.p50, 1)} / ${fmt(c.raw.p95, 1)}`;
      const figure = `GET /api/v1/trends p95, ${c.label}`;
      if (c.unavailable) {
        console.log(`  ${c.label.padEnd(width)}  API ${c.unavailable} | ${raw} | ratio — | target: not measured`);
        figures.keep({ figure, value: NaN, unit: 'ms', target, pass: false, note: c.unavailable });
        continue;
      }
      const agrees = c.apiOffered === c.rawOffered;
      const agree = agrees ? `${fmt(c.apiBuckets)} buckets from ${c.source}` : `offered ${fmt(c.apiOffered)} ≠ raw ${fmt(c.rawOffered)}!`;
      const pass = c.api.p95 <= TARGET_MS && agrees;
      console.log(
        `  ${c.label.padEnd(width)}  API ${fmt(c.api.p50, 1)} / ${fmt(c.api.p95, 1)} | ${raw} | ${fmt(c.raw.p95 / c.api.p95, 1)}× | target p95 ${target}: ${pass ? 'pass' : 'FAIL'} (${agree})`,
      );
      figures.keep({
        figure,
        value: c.api.p95,
        unit: 'ms',
        target,
        pass,
        note: `${agrees ? '' : `${agree}; `}raw SQL p95 ${fmt(c.raw.p95, 1)} ms`,
      });
    }
    return figures.rows;
  } finally {
    if (CLEAN) {
      rmSync(DATA_DIR, { recursive: true, force: true });
      console.log(`  data folder ${DATA_DIR} removed (BENCH_CLEAN=1)`);
    }
  }
}
