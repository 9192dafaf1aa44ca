// Event feed for the live benchmark, a process of its own (forked by live.mjs):
// simulator traffic posted at a steady rate in small batches, paced by the wall
// clock (not by the answers). Every event is re-stamped to the time it is sent,
// in the simulator's order, one millisecond apart; a batch's last event carries
// a ts no other event has — its marker — and the time its 202 arrived is kept.
//   argv: url ingestKey seconds eventsPerSecond intervalMs [fresh-calls]
//   fresh-calls: call ids carry the feed's run too, so a second feed into the same API starts calls of its own.
// IPC out: {type: 'started'} with the first batch; {type: 'done', startedAt, sentUntil, endedAt,
//         markers, acceptedAt, closingMarker, cpuSeconds, ...counts}.
import { answerPercentiles, cpuSecondsSince, eventPoster, now, reachesLiveState, simulatedCenter, sleep } from './common.mjs';

const [url, key, secondsArg, rateArg, intervalArg, freshArg] = process.argv.slice(2);
const seconds = Number(secondsArg);
const rate = Number(rateArg);
const interval = Number(intervalArg);

// A large center (480 agents, 20× a mid-size center's calls, staffed for them)
// from 10:00 local, replayed ~240× faster than it happened: 1,000 events/s.
const source = await simulatedCenter({ rate: 20, agents: 480, hours: 48 });
const run = `live-${process.pid}-${Date.now().toString(36)}`;
const freshCalls = freshArg === 'fresh-calls';

const poster = eventPoster(url, key, { maxSockets: 16, name: 'live-feed' });
const markers = [];
const acceptedAt = [];
const answerMs = [];
let held = [];
let sent = 0;
let lastMarker = 0;
let late = 0;

/** Posts batch `index`; the time its 202 arrived is kept. */
function post(batch, index) {
  return poster.post(batch).then((a) => {
    if (!a.ok) return;
    acceptedAt[index] = a.answeredAt;
    answerMs.push(a.answeredAt - a.sentAt);
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
  while (end > 0 && !reachesLiveState(held[end - 1])) end--;
  if (end === 0) return 0;
  const picked = held.slice(0, end);
  held = held.slice(end);
  const marker = Math.max(Math.floor(Date.now()), lastMarker + picked.length);
  lastMarker = marker;
  const batch = picked.map((e, i) => ({
    ...e,
    id: `${run}-${e.id}`,
    ts: new Date(marker - (picked.length - 1 - i)).toISOString(),
    ...(freshCalls && 'callId' in e.payload ? { payload: { ...e.payload, callId: `${run}-${e.payload.callId}` } } : {}),
  }));
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
  if (wait > 0) await sleep(wait);
  else if (wait < -interval) late++;
  const due = Math.round((rate * (Math.min(now(), stopAt) - startedAt)) / 1000) - sent;
  if (due > 0) sent += tick(due);
}
const sentUntil = now();
await Promise.all(pending);
// The load ends with the last answer.
const endedAt = now();
const cpuSeconds = cpuSecondsSince(cpuStart);
const loadAccepted = poster.counts.accepted;
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
poster.close();
const { duplicates, rejected, errors } = poster.counts;
process.send(
  {
    type: 'done',
    cpuSeconds,
    startedAt,
    sentUntil,
    endedAt,
    closingMarker,
    sent,
    accepted: loadAccepted,
    duplicates,
    rejected,
    errors,
    maxInFlight: poster.maxInFlight,
    late,
    markers,
    acceptedAt,
    ...answerPercentiles(answerMs),
  },
  () => process.exit(0),
);
