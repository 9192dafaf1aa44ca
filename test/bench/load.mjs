// Load generator for the ingest benchmark, run as a separate process so it does
// not share the server's event loop: posts pre-generated simulator traffic as
// fast as the server acknowledges it, with a few requests in flight.
import { simulate } from '@callboard/api';
import { daysBackAt } from './common.mjs';

const [url, key, secondsArg, concurrencyArg, batchArg] = process.argv.slice(2);
const seconds = Number(secondsArg ?? 15);
const concurrency = Number(concurrencyArg ?? 4);
const batchSize = Number(batchArg ?? 1000);

// A busy center's day, compressed: traffic at 40× a mid-size center's arrival rate, from 08:00 local
// two days ago (inside the ingest window, never today).
const from = daysBackAt(2, 0);
const events = [...simulate({ seed: 7, tz: 'Asia/Shanghai', rate: 40 }, from, from + 8 * 3600_000)];
// Unique ids per run, so a second run against the same log is not all duplicates.
const run = `${process.pid}`;
// Each pass over the traffic is another set of calls, agents and cases (the same
// minutes of the same day): a replay under the same names would pile every pass
// onto the calls of the first, a workload no center produces.
const NAMED = ['callId', 'agentId', 'toAgent', 'caseId'];
const renamed = (e, round) => {
  if (round === 0) return e.payload;
  const payload = { ...e.payload };
  for (const k of NAMED) if (typeof payload[k] === 'string') payload[k] = `r${round}-${payload[k]}`;
  return payload;
};
let round = 0;
let next = 0;
let accepted = 0;
let duplicates = 0;
let posts = 0;
const deadline = Date.now() + seconds * 1000;
const started = Date.now();

async function worker() {
  while (Date.now() < deadline) {
    if (next >= events.length) {
      next = 0;
      round++;
    }
    const r = round;
    const batch = events.slice(next, next + batchSize).map((e) => ({ ...e, id: `${run}-${posts}-${e.id}`, payload: renamed(e, r) }));
    next += batchSize;
    posts++;
    const res = await fetch(`${url}/api/v1/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
      body: JSON.stringify(batch),
    });
    if (res.status !== 202) throw new Error(`ingest answered ${res.status}: ${await res.text()}`);
    const body = await res.json();
    // Every generated event is valid and inside the ingest window: a rejection is a broken benchmark, not a figure.
    if (body.rejected.length > 0) throw new Error(`ingest rejected ${body.rejected.length} events, first: ${body.rejected[0].error}`);
    accepted += body.accepted;
    duplicates += body.duplicates;
  }
}

await Promise.all(Array.from({ length: concurrency }, worker));
const elapsed = (Date.now() - started) / 1000;
process.stdout.write(JSON.stringify({ accepted, duplicates, posts, elapsed, generated: events.length, rounds: round + 1 }) + '\n');
