// The trends benchmark's center: 13 months of a 100-agent center's calls,
// seeded, with weekly and daily seasonality and quieter Chinese public
// holidays, written straight into the `calls` table (COPY) of an embedded
// TimescaleDB through the project's migrations, then the continuous
// aggregates refreshed over the range and the policy jobs run once, as the
// app's job runner would.
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { migrate, openEmbedded, refreshAggregates } from '@callboard/db';
import cliProgress from 'cli-progress';
import { DateTime } from 'luxon';
import { randomExponential, randomLcg, randomLogNormal, randomPoisson } from 'd3-random';

/** Bumped whenever what is generated changes, so an older data folder is not reused. */
const GENERATOR_VERSION = 3;
const AGENTS = 100;
const SL_THRESHOLD_S = 15;
const SHORT_ABANDON_S = 5;
/** A caller still waiting this long is sent to voicemail: the call times out. */
const QUEUE_TIMEOUT_S = 180;

export const QUEUES = [
  { queue: 'general', share: 0.5, talkMeanS: 210 },
  { queue: 'billing', share: 0.3, talkMeanS: 270 },
  { queue: 'support', share: 0.2, talkMeanS: 420 },
];
const CALL_TYPES = [
  ['sales', 0.3],
  ['billing', 0.3],
  ['tech_support', 0.3],
  ['complaint', 0.1],
];

/**
 * Days off of the mainland's public holidays (the State Council's schedule);
 * the center runs on them with a skeleton crew and few callers.
 */
const HOLIDAYS = [
  ['2025-01-01', '2025-01-01'],
  ['2025-01-28', '2025-02-04'],
  ['2025-04-04', '2025-04-06'],
  ['2025-05-01', '2025-05-05'],
  ['2025-05-31', '2025-06-02'],
  ['2025-10-01', '2025-10-08'],
  ['2026-01-01', '2026-01-03'],
  ['2026-02-15', '2026-02-23'],
  ['2026-04-04', '2026-04-06'],
  ['2026-05-01', '2026-05-05'],
  ['2026-06-19', '2026-06-21'],
  ['2026-09-25', '2026-09-27'],
  ['2026-10-01', '2026-10-07'],
];
const isHoliday = (day) => HOLIDAYS.some(([a, b]) => day >= a && day <= b);

/** Share of a day's calls by local hour: quiet nights, a morning and an afternoon peak, a lunch dip. */
const HOURLY = [
  0.05, 0.03, 0.02, 0.02, 0.02, 0.04, 0.12, 0.35, 0.8, 1.0, 1.0, 0.9, 0.6, 0.7, 0.95, 0.95, 0.85, 0.65, 0.45, 0.35, 0.28, 0.2, 0.12, 0.08,
];
/** Monday … Sunday (luxon's weekday 1 … 7). */
const WEEKDAY = [1.15, 1.0, 1.0, 0.98, 0.92, 0.5, 0.3];
const HOLIDAY_FACTOR = 0.25;

/** The 13 months ending yesterday in `tz`: local days YYYY-MM-DD, both included. */
export function benchRange(tz, today = DateTime.now().setZone(tz)) {
  const to = today.startOf('day').minus({ days: 1 });
  const from = to.minus({ months: 13 }).plus({ days: 1 });
  return { from: from.toISODate(), to: to.toISODate() };
}

/** What a data folder holds; it is reused only when its marker says exactly this. */
export function dataIdentity({ seed, calls, tz, from, to }) {
  return { generator: GENERATOR_VERSION, seed, calls, tz, from, to };
}

const markerPath = (dir) => path.join(dir, 'bench-data.json');

export function matchingData(dir, identity) {
  if (!existsSync(markerPath(dir))) return false;
  try {
    return JSON.stringify(JSON.parse(readFileSync(markerPath(dir), 'utf8')).identity) === JSON.stringify(identity);
  } catch {
    return false;
  }
}

/** Weighted pick from [value, weight] pairs (weights summing to 1) with u in [0, 1). */
function pick(pairs, u) {
  let acc = 0;
  for (const [v, w] of pairs) {
    acc += w;
    if (u < acc) return v;
  }
  return pairs[pairs.length - 1][0];
}

/**
 * The local 15-minute slots of the range with their expected share of the
 * calls: [startMs, weight, load] where load (0..1) is how busy the slot is
 * against the busiest one.
 */
function slots(tz, from, to) {
  const out = [];
  let day = DateTime.fromISO(from, { zone: tz });
  const last = DateTime.fromISO(to, { zone: tz });
  // A slow growth over the year, as centers have.
  const span = last.diff(day, 'days').days || 1;
  let i = 0;
  while (day <= last) {
    const next = day.plus({ days: 1 });
    const dayFactor = (isHoliday(day.toISODate()) ? HOLIDAY_FACTOR : WEEKDAY[day.weekday - 1]) * (0.9 + (0.2 * i) / span);
    for (let t = day.toMillis(); t < next.toMillis(); t += 15 * 60_000) {
      const hour = DateTime.fromMillis(t, { zone: tz }).hour;
      out.push([t, dayFactor * HOURLY[hour]]);
    }
    day = next;
    i++;
  }
  const max = Math.max(...out.map((s) => s[1]));
  return out.map(([t, w]) => [t, w, w / max]);
}

/** One CSV field: unquoted when plain, empty for NULL. */
const csv = (v) => (v === null ? '' : typeof v === 'string' && /[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : String(v));

export const COLUMNS = [
  'call_id',
  'queue',
  'offered_at',
  'call_type',
  'channel',
  'agent_id',
  'answered_at',
  'ended_at',
  'ended_by',
  'outcome',
  'wait_s',
  'talk_s',
  'hold_s',
  'hold_count',
  'wrap_s',
  'ring_count',
  'answered_in_threshold',
  'abandoned_in_threshold',
  'short_abandon',
  'sl_threshold_s',
  'short_abandon_s',
];

/**
 * Yields the calls of the range slot by slot (in time order) as CSV lines of
 * COLUMNS, about `total` of them, the same for the same seed.
 */
export function* callLines({ seed, total, tz, from, to }) {
  // d3-random's LCG takes a 32-bit integer seed as its state; the draws of one seed are always the same.
  const u = randomLcg(seed);
  const exp = randomExponential.source(u)(1);
  const unitLogNormal = randomLogNormal.source(u)(-0.18, 0.6);
  /** Log-normal with about the given mean (sigma 0.6). */
  const logNormal = (mean) => mean * unitLogNormal();
  const poisson = (mean) => randomPoisson.source(u)(mean)();
  const all = slots(tz, from, to);
  const weightSum = all.reduce((s, x) => s + x[1], 0);
  const queueShares = QUEUES.map((q) => [q, q.share]);
  const iso = (ms) => new Date(ms).toISOString();
  let n = 0;
  for (const [start, weight, load] of all) {
    const count = poisson((total * weight) / weightSum);
    // Waits grow with the load; callers give up after their patience.
    const meanWait = 4 + 60 * load * load;
    for (let k = 0; k < count; k++) {
      const q = pick(queueShares, u());
      const offered = start + Math.floor(u() * 15 * 60_000);
      const callType = pick(CALL_TYPES, u());
      const wait = Math.round(meanWait * exp() * 10) / 10;
      // Most callers give up within a minute or two; some wait as long as it takes.
      const patience = u() < 0.15 ? 60 + 300 * exp() : 20 + 70 * exp();
      const id = `t${seed}-${n++}`;
      let row;
      if (wait > QUEUE_TIMEOUT_S && patience > QUEUE_TIMEOUT_S) {
        row = [
          null,
          null,
          iso(offered + QUEUE_TIMEOUT_S * 1000),
          'system',
          'timed_out',
          QUEUE_TIMEOUT_S,
          null,
          0,
          0,
          null,
          QUEUE_TIMEOUT_S / 5,
          false,
          false,
          false,
        ];
      } else if (patience < wait) {
        const w = Math.round(patience * 10) / 10;
        row = [
          null,
          null,
          iso(offered + w * 1000),
          'caller',
          'abandoned',
          w,
          null,
          0,
          0,
          null,
          Math.ceil(w / 5),
          false,
          w <= SL_THRESHOLD_S,
          w < SHORT_ABANDON_S,
        ];
      } else {
        const talk = Math.round(logNormal(q.talkMeanS));
        const held = u() < 0.3;
        const hold = held ? Math.round(logNormal(40)) : 0;
        const wrap = Math.round(10 + logNormal(25));
        const answered = offered + wait * 1000;
        const agent = `agent-${String(1 + Math.floor(u() * AGENTS)).padStart(3, '0')}`;
        row = [
          agent,
          iso(answered),
          iso(answered + (talk + hold) * 1000),
          u() < 0.62 ? 'caller' : 'agent',
          'answered',
          wait,
          talk,
          hold,
          held ? 1 : 0,
          wrap,
          Math.max(1, Math.ceil(wait / 5)),
          wait <= SL_THRESHOLD_S,
          false,
          false,
        ];
      }
      yield [id, q.queue, iso(offered), callType, 'voice', ...row, SL_THRESHOLD_S, SHORT_ABANDON_S].map(csv).join(',') + '\n';
    }
  }
}

const timed = async (fn) => {
  const t = performance.now();
  await fn();
  return (performance.now() - t) / 1000;
};

/**
 * Writes the data into `dir` (removed first) and leaves the marker last, so a
 * folder cut short is never taken for a complete one. Returns the seconds each
 * step took and the number of calls written.
 */
export async function generate(dir, identity) {
  rmSync(dir, { recursive: true, force: true });
  const { seed, calls: total, tz, from, to } = identity;
  const db = await openEmbedded(path.join(dir, 'db'));
  const times = {};
  let written = 0;
  try {
    await migrate(db, tz);
    const bar = new cliProgress.SingleBar(
      {
        format: 'trends data |{bar}| {percentage}% {value}/{total} calls | {day}',
        hideCursor: true,
        noTTYOutput: true,
        notTTYSchedule: 10_000,
      },
      cliProgress.Presets.shades_classic,
    );
    bar.start(total, 0, { day: from });
    const copy = async (lines) => {
      await db.pglite.query(`COPY calls (${COLUMNS.join(', ')}) FROM '/dev/blob' WITH (FORMAT csv)`, [], {
        blob: new Blob(lines),
      });
    };
    // The secondary indexes of `calls` are built once after the load rather than row by
    // row (twice as fast); their definitions are read from the schema, so they come back as they were.
    const indexes = (
      await db.query(
        `SELECT indexname, indexdef FROM pg_indexes
          WHERE schemaname = 'public' AND tablename = 'calls' AND indexname <> 'calls_pkey' ORDER BY indexname`,
      )
    ).rows;
    for (const { indexname } of indexes) await db.exec(`DROP INDEX ${indexname}`);
    times.generate = await timed(async () => {
      let batch = [];
      for (const line of callLines({ seed, total, tz, from, to })) {
        batch.push(line);
        if (batch.length === 50_000) {
          await copy(batch);
          written += batch.length;
          bar.update(Math.min(total, written), { day: line.split(',', 3)[2].slice(0, 10) });
          // A turn of the event loop, so the bar is drawn on its schedule also when the output is no terminal.
          await new Promise((resolve) => setImmediate(resolve));
          batch = [];
        }
      }
      if (batch.length) await copy(batch);
      written += batch.length;
      bar.update(total, { day: to });
      bar.stop();
    });
    times.indexes = await timed(async () => {
      for (const { indexdef } of indexes) await db.exec(indexdef);
    });
    // From the first local midnight to the one after the last day: whole buckets of every aggregate.
    const start = DateTime.fromISO(from, { zone: tz }).toUTC().toISO();
    const end = DateTime.fromISO(to, { zone: tz }).plus({ days: 1 }).toUTC().toISO();
    times.aggregates = await timed(() => refreshAggregates(db, start, end));
    // What the app's job runner does on its first tick (refresh windows, compression of
    // chunks older than 35 days): done here, so the app serves the figures from a steady state.
    times.jobs = await timed(async () => {
      const jobs = await db.query(`SELECT job_id FROM timescaledb_information.jobs WHERE job_id >= 1000 AND scheduled ORDER BY job_id`);
      for (const { job_id } of jobs.rows) await db.exec(`CALL run_job(${Number(job_id)})`);
    });
    times.vacuum = await timed(() => db.exec('VACUUM ANALYZE'));
  } finally {
    await db.close();
  }
  writeFileSync(markerPath(dir), JSON.stringify({ identity, calls: written, times }, null, 2) + '\n');
  return { times, written };
}

/** What the marker of a complete data folder recorded when it was written. */
export const recorded = (dir) => JSON.parse(readFileSync(markerPath(dir), 'utf8'));
