// npm run bench -- summary [suite…]: the short form of every suite (or of those
// named), one after the other, each in a process of its own with small settings
// (SHORT below; a BENCH_* variable set in the environment wins), then one table
// of every headline figure with its target and pass or FAIL, and how long each
// suite took. A suite that fails, or overruns its time limit (LIMIT_S, or
// BENCH_SUMMARY_LIMIT_S for every suite), gives a row saying why and the
// summary goes on; the figures it measured before that are kept.
import { fork } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { fmt, headlineValue, running, sleep, stopProcess, tempDir, verdict } from './common.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));

/**
 * Each suite's short form. Live: 200 clients for 10 s, and a day of some
 * 10,000 calls (a sixth of the full one) between its start and its end;
 * ingest: 5 s per layout; wallboard: 3,000 patches (or 2 minutes of load,
 * whichever ends first) after 10 s of warm-up and 10 s idle; trends: 200,000
 * calls in a folder of its own, removed afterwards; dedupe: 200,000 ids; auth
 * as it is.
 */
export function shortSettings(suite) {
  switch (suite) {
    case 'ingest':
      return { BENCH_SECONDS: '5', BENCH_INGEST_LIMIT_S: '100' };
    case 'live':
      return { BENCH_CLIENTS: '200', BENCH_SECONDS: '10', BENCH_EMBEDDED_SECONDS: '0', BENCH_DAY_SECONDS: '10', BENCH_DAY_RATE: '11' };
    case 'wallboard':
      return { BENCH_PATCHES: '3000', BENCH_LOAD_S: '120', BENCH_WARMUP_S: '10', BENCH_IDLE_S: '10' };
    case 'trends':
      return {
        BENCH_CALLS: '200000',
        BENCH_BASELINE_RUNS: '5',
        BENCH_CLEAN: '1',
        BENCH_TRENDS_DIR: tempDir('callboard-bench-trends-summary-'),
      };
    case 'dedupe':
      return { BENCH_DEDUPE_EVENTS: '200000' };
    default:
      return {};
  }
}

/** Seconds a suite's short form may take before it is stopped. */
// Room for a loaded machine: on a quiet one each takes a fraction of it.
const LIMIT_S = { ingest: 480, auth: 300, live: 480, wallboard: 480, trends: 480, dedupe: 300 };

/** Runs one suite in a child process; resolves with its rows (and one saying why, should it fail) and its seconds. */
async function runSuite(suite) {
  const env = { ...process.env };
  for (const [k, v] of Object.entries(shortSettings(suite))) env[k] ??= v;
  const limitS = Number(process.env.BENCH_SUMMARY_LIMIT_S ?? LIMIT_S[suite] ?? 300);
  const started = performance.now();
  const child = fork(path.join(here, 'run.mjs'), [suite], { env, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  // Should the summary end first: SIGTERM, so that the suite still ends its processes and drops its keys and folders.
  const stop = () => running(child) && child.kill('SIGTERM');
  process.on('exit', stop);
  child.once('exit', () => process.off('exit', stop));
  const rows = [];
  let failed = '';
  child.on('message', (m) => {
    if (m?.type === 'row') rows.push(m.row);
    else if (m?.type === 'failed') failed = m.message;
  });
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve(signal ?? code)));
  const overran = await Promise.race([exited.then(() => false), sleep(limitS * 1000).then(() => true)]);
  if (overran) await stopProcess(child);
  const code = await exited;
  const seconds = (performance.now() - started) / 1000;
  const why = overran ? `did not finish within ${fmt(limitS)} s, stopped` : code !== 0 ? failed || `exited with ${code}` : '';
  if (why) rows.push({ suite, figure: 'the suite', value: NaN, unit: '', target: 'completes', pass: false, note: why });
  else if (rows.length === 0)
    rows.push({ suite, figure: 'the suite', value: NaN, unit: '', target: 'a figure', pass: false, note: 'printed no figure' });
  return { rows, seconds };
}

const duration = (seconds) => {
  const s = Math.round(seconds);
  return s < 60 ? `${s} s` : `${Math.floor(s / 60)} min ${s % 60} s`;
};

/** The rows as one aligned table, notes last. */
export function table(rows) {
  const head = ['suite', 'figure', 'value', 'target', 'result', 'note'];
  const cells = rows.map((r) => [r.suite, r.figure, headlineValue(r.value, r.unit), r.target || '—', verdict(r.pass), r.note ?? '']);
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  // Values right-aligned, the rest left.
  const line = (c) =>
    c
      .map((x, i) => (i === 2 ? x.padStart(widths[i]) : x.padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  return [line(head), widths.map((w) => '─'.repeat(w)).join('  '), ...cells.map(line)].join('\n');
}

/** Runs the short form of `names` (in the order of `order`); resolves with the exit code (2 for an unknown suite; FAILs are in the table). */
export async function summary(names, order) {
  const unknown = names.filter((n) => !order.includes(n));
  if (unknown.length) {
    console.error(`unknown bench suite "${unknown[0]}" (known: ${order.join(', ')}, summary)`);
    return 2;
  }
  const started = performance.now();
  const picked = order.filter((n) => names.includes(n));
  console.log(`bench summary: the short form of ${picked.join(', ')}, each in a process of its own`);
  const rows = [];
  const took = [];
  for (const suite of picked) {
    console.log(`\n── ${suite} ──`);
    const r = await runSuite(suite);
    rows.push(...r.rows);
    took.push(`${suite} ${duration(r.seconds)}`);
    console.log(`── ${suite}: ${duration(r.seconds)}`);
  }
  const count = (p) => rows.filter((r) => r.pass === p).length;
  console.log(`\nbench summary (${duration((performance.now() - started) / 1000)}: ${took.join(', ')})`);
  console.log(table(rows));
  console.log(`${count(true)} pass, ${count(false)} FAIL${count(null) ? `, ${count(null)} without a target` : ''}`);
  return 0;
}
