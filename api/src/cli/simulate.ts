import cliProgress from 'cli-progress';
import type { CanonicalEvent } from '../events/event.schema.js';
import { runRealtime, simulate } from '../simulator/index.js';

export interface SimulateOptions {
  url: string;
  key?: string;
  seed: number;
  rate: number;
  speed: number;
  from?: string;
  to?: string;
  batch: number;
  fast?: boolean;
  stdout?: boolean;
  /** Post as a back-fill (`?backfill=true`, a key with the back-fill permission): windows older than the ingest window. */
  backfill?: boolean;
}

function parseTime(label: string, v: string | undefined, fallback: number): number {
  if (v === undefined) return fallback;
  const t = Date.parse(v);
  if (Number.isNaN(t)) throw new Error(`${label} must be an ISO 8601 time, e.g. 2026-03-02T08:00:00+08:00`);
  return t;
}

/** Posts one batch, retrying while the server is unavailable; a 4xx is a bug in the batch and stops the run. */
export async function postBatch(
  url: string,
  key: string,
  events: CanonicalEvent[],
  backfill = false,
): Promise<{ accepted: number; duplicates: number }> {
  for (let attempt = 0; ; attempt++) {
    let res: Response | undefined;
    try {
      res = await fetch(`${url.replace(/\/$/, '')}/api/v1/events${backfill ? '?backfill=true' : ''}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
        body: JSON.stringify(events),
      });
    } catch (err) {
      if (attempt >= 20) throw err;
    }
    if (res?.status === 202) {
      const body = (await res.json()) as { accepted: number; duplicates: number; rejected: unknown[] };
      if (body.rejected.length > 0) throw new Error(`the server rejected simulated events: ${JSON.stringify(body.rejected.slice(0, 3))}`);
      return body;
    }
    if (res && res.status < 500) throw new Error(`POST /api/v1/events answered ${res.status}: ${await res.text()}`);
    if (attempt >= 20) throw new Error(`POST /api/v1/events kept failing (${res?.status ?? 'no connection'})`);
    await new Promise((r) => setTimeout(r, Math.min(5000, 200 * 2 ** attempt)));
  }
}

export async function simulateCommand(opts: SimulateOptions): Promise<void> {
  const tz = process.env.CALLBOARD_TZ || 'Asia/Shanghai';
  const from = parseTime('--from', opts.from, Date.now());
  const to = parseTime('--to', opts.to, from + 365 * 86_400_000);
  if (to <= from) throw new Error('--to must be after --from');
  const gen = simulate({ seed: opts.seed, tz, rate: opts.rate }, from, to);

  if (opts.stdout) {
    for (const e of gen) process.stdout.write(JSON.stringify(e) + '\n');
    return;
  }
  const key = opts.key ?? process.env.CALLBOARD_INGEST_KEY;
  if (!key)
    throw new Error(
      'an ingest key is required: --key or CALLBOARD_INGEST_KEY (create one with "npx callboard keys create --name simulator")',
    );

  if (opts.fast) {
    if (!opts.to) throw new Error('--fast needs --to: the window to post');
    const bar = new cliProgress.SingleBar(
      { format: 'simulate |{bar}| {percentage}% {value}/{total} simulated minutes | {events} events', hideCursor: true },
      cliProgress.Presets.shades_classic,
    );
    const totalMin = Math.ceil((to - from) / 60_000);
    bar.start(totalMin, 0, { events: 0 });
    let batch: CanonicalEvent[] = [];
    let events = 0;
    let accepted = 0;
    let duplicates = 0;
    const flush = async () => {
      const r = await postBatch(opts.url, key, batch, opts.backfill === true);
      accepted += r.accepted;
      duplicates += r.duplicates;
      events += batch.length;
      bar.update(Math.min(totalMin, Math.floor((Date.parse(batch[batch.length - 1]!.ts) - from) / 60_000)), { events });
      batch = [];
    };
    for (const e of gen) {
      batch.push(e);
      if (batch.length >= opts.batch) await flush();
    }
    if (batch.length > 0) await flush();
    bar.update(totalMin, { events });
    bar.stop();
    console.log(`posted ${events} events: ${accepted} accepted, ${duplicates} duplicates`);
    return;
  }

  const abort = new AbortController();
  process.once('SIGINT', () => abort.abort());
  process.once('SIGTERM', () => abort.abort());
  let posted = 0;
  console.log(`simulating from ${new Date(from).toISOString()} at ${opts.speed}× speed into ${opts.url} (Ctrl-C to stop)`);
  await runRealtime(
    gen,
    async (b: CanonicalEvent[]) => {
      for (let i = 0; i < b.length; i += opts.batch) await postBatch(opts.url, key, b.slice(i, i + opts.batch), opts.backfill === true);
      posted += b.length;
    },
    { speed: opts.speed, signal: abort.signal, startMs: from },
  );
  console.log(`stopped after ${posted} events`);
}
