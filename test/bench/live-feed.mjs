// Event feed for the live benchmark, a process of its own (forked by live.mjs):
// simulator traffic posted at a steady rate in small batches, paced by the wall
// clock (not by the answers). Every event is re-stamped to the time it is sent,
// in the simulator's order, one millisecond apart; a batch's last event carries
// a ts no other event has — its marker — and the time its 202 arrived is kept.
//   argv: url ingestKey seconds eventsPerSecond intervalMs
// IPC out: {type: 'started'} with the first batch; {type: 'done', startedAt, sentUntil, endedAt,
//         markers, acceptedAt, closingMarker, cpuSeconds, ...counts}.
import http from 'node:http';
import { simulate } from '@callboard/api';

const [url, key, secondsArg, rateArg, intervalArg] = process.argv.slice(2);
const seconds = Number(secondsArg);
const rate = Number(rateArg);
const interval = Number(intervalArg);
const now = () => performance.timeOrigin + performance.now();

// A large center (480 agents, 20× a mid-size center's calls, staffed for them)
// from 10:00 local, replayed ~240× faster than it happened: 1,000 events/s.
const from = Date.parse('2026-03-02T02:00:00Z');
const source = simulate({ seed: 7, tz: 'Asia/Shanghai', rate: 20, agents: 480 }, from, from + 48 * 3600_000);
const run = `live-${process.pid}-${Date.now().toString(36)}`;
// Only these reach the live state (and move lastEventAt): a batch must end on one.
const live = (e) => e.type === 'agent.state' || (e.type.startsWith('call.') && e.type !== 'call.transcript');

const agent = new http.Agent({ keepAlive: true, maxSockets: 16 });
const target = new URL('/api/v1/events', url);
const markers = [];
const acceptedAt = [];
const answerMs = [];
let held = [];
let sent = 0;
let accepted = 0;
let duplicates = 0;
let rejected = 0;
let errors = 0;
let inFlight = 0;
let maxInFlight = 0;
let lastMarker = 0;
let late = 0;

function post(batch, index) {
  const body = JSON.stringify(batch);
  const t0 = now();
  inFlight++;
  maxInFlight = Math.max(maxInFlight, inFlight);
  return new Promise((resolve) => {
    const req = http.request(
      target,
      { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), authorization: `Bearer ${key}` } },
      (res) => {
        const t = now();
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (d) => (text += d));
        res.on('end', () => {
          inFlight--;
          if (res.statusCode === 202) {
            acceptedAt[index] = t;
            answerMs.push(t - t0);
            const r = JSON.parse(text);
            accepted += r.accepted;
            duplicates += r.duplicates;
            rejected += r.rejected.length;
            if (r.rejected.length && rejected <= r.rejected.length) process.stderr.write(`live-feed: rejected ${JSON.stringify(r.rejected[0]).slice(0, 300)}\n`);
          } else {
            errors++;
            if (errors <= 3) process.stderr.write(`live-feed: ingest answered ${res.statusCode}: ${text.slice(0, 200)}\n`);
          }
          resolve();
        });
      },
    );
    req.on('error', (err) => {
      inFlight--;
      errors++;
      if (errors <= 3) process.stderr.write(`live-feed: ${err.message}\n`);
      resolve();
    });
    req.end(body);
  });
}

const pending = [];
function tick(due) {
  // Take what is due; end the batch on a live event, keep the rest for the next one.
  while (held.length < due) {
    const r = source.next();
    if (r.done) throw new Error('simulator ran dry');
    held.push(r.value);
  }
  let end = due;
  while (end > 0 && !live(held[end - 1])) end--;
  if (end === 0) return 0;
  const picked = held.slice(0, end);
  held = held.slice(end);
  const marker = Math.max(Math.floor(Date.now()), lastMarker + picked.length);
  lastMarker = marker;
  const batch = picked.map((e, i) => ({ ...e, id: `${run}-${e.id}`, ts: new Date(marker - (picked.length - 1 - i)).toISOString() }));
  markers.push(marker);
  acceptedAt.push(NaN);
  pending.push(post(batch, markers.length - 1));
  return end;
}

held.push(source.next().value); // the roster is built on the first pull: not on the clock
const startedAt = now();
const cpuStart = process.cpuUsage();
process.send({ type: 'started' });
const stopAt = startedAt + seconds * 1000;
for (let k = 1; ; k++) {
  const at = startedAt + k * interval;
  if (at > stopAt) break;
  const wait = at - now();
  if (wait > 0) await new Promise((r) => setTimeout(r, wait));
  else if (wait < -interval) late++;
  const due = Math.round((rate * (Math.min(now(), stopAt) - startedAt)) / 1000) - sent;
  if (due > 0) sent += tick(due);
}
const sentUntil = now();
await Promise.all(pending);
// The load ends with the last answer.
const endedAt = now();
const cpu = process.cpuUsage(cpuStart);
const loadAccepted = accepted;
// lastEventAt is the ts of the event applied last in log order, not the newest ts: when the last
// posts overtook each other it may stay below the highest marker for good. One more batch, sent
// after every answer is in, is last in the log for sure: seeing it means having seen all the others.
let closingMarker = NaN;
{
  const before = markers.length;
  while (markers.length === before) sent += tick(held.length + 1);
  await pending.at(-1);
  if (markers.length > before && Number.isFinite(acceptedAt.at(-1))) closingMarker = markers.pop();
  acceptedAt.length = markers.length;
}
agent.destroy();
answerMs.sort((a, b) => a - b);
process.send(
  {
    type: 'done', cpuSeconds: (cpu.user + cpu.system) / 1e6, startedAt, sentUntil, endedAt, closingMarker, sent, accepted: loadAccepted, duplicates, rejected, errors, maxInFlight, late,
    markers, acceptedAt, answerP50: answerMs[Math.floor(answerMs.length / 2)] ?? NaN, answerP99: answerMs[Math.ceil(answerMs.length * 0.99) - 1] ?? NaN,
  },
  () => process.exit(0),
);
