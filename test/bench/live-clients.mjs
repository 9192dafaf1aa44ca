// Wallboard clients for the live benchmark, processes of their own (live.mjs
// forks several, each with a share of the clients, so that the measuring side
// is not one event loop parsing every socket's messages in turn): N real
// socket.io-client sockets on /live, each subscribed to the whole scope. A
// message's receive time is read when engine.io hands it over, before
// socket.io parses it; per message besides only two Date.parse and three array
// pushes (no logging, no second JSON parse): the figures go to a binary file at
// the end, for live.mjs to match against the feed.
//   argv: url token clients outFile measureBytes
//   measureBytes: 'bytes' — the first socket also counts the size of what it gets.
// IPC out: {type: 'ready', connectMs} once every socket holds a snapshot;
//          {type: 'caughtUp', all} after {type: 'await', marker, timeoutMs}: every
//          socket has seen lastEventAt ≥ marker (all: true), or the time ran out;
//          {type: 'done', ...counts, loopDelayP99Ms, loopDelayMaxMs} after {type: 'stop'}
//          (the event-loop delay of this process from 'ready' on), then exits.
import { writeFileSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { io } from 'socket.io-client';
import { now } from './common.mjs';

const [url, token, countArg, outFile, bytesArg] = process.argv.slice(2);
const count = Number(countArg);

const clients = [];
// While awaiting the feed's last marker: sockets still short of it.
let awaited = Infinity;
let short = 0;
let onCaughtUp;
let gaps = 0;
let stale = 0;
let disconnects = 0;
let reconnects = 0;
let connectErrors = 0;
// Size of the messages one socket gets (engine.io message length, no parsing), and of its patch messages alone in bytes.
let bytes = 0;
let messages = 0;
const patchBytes = [];
const PATCH_PREFIX = '2/live,["patch",';

function open(i) {
  const c = { seq: -1, patches: 0, snapshots: 0, max: -Infinity, recv: [], last: [], built: [] };
  clients.push(c);
  const socket = io(url + '/live', {
    transports: ['websocket'],
    forceNew: true,
    auth: { token },
    extraHeaders: { origin: url },
  });
  c.socket = socket;
  // When engine.io handed over the message now being handled: its arrival, before socket.io parses it. The
  // manager subscribes to the engine's 'data' after its own 'open' listeners run, so this one comes first.
  let arrived = 0;
  socket.io.on('open', () => socket.io.engine.on('data', () => (arrived = now())));
  // asOf: when the server built the message, which splits the latency into server and delivery.
  const note = ({ lastEventAt, asOf }) => {
    if (lastEventAt === null || lastEventAt === undefined) return;
    const ms = Date.parse(lastEventAt);
    c.recv.push(arrived || now());
    c.last.push(ms);
    c.built.push(Date.parse(asOf));
    if (ms >= awaited && c.max < awaited && --short === 0) onCaughtUp?.();
    if (ms > c.max) c.max = ms;
  };
  const subscribe = () =>
    socket.emitWithAck('subscribe', {}).then((ack) => {
      if (!ack?.ok) throw new Error(`subscribe refused: ${JSON.stringify(ack)}`);
    });
  socket.on('snapshot', (s) => {
    c.snapshots++;
    c.seq = s.seq;
    note(s);
    c.onSnapshot?.();
  });
  socket.on('patch', (p) => {
    c.patches++;
    if (p.seq <= c.seq) stale++;
    else if (p.seq !== c.seq + 1 && c.seq >= 0) {
      gaps++;
      subscribe().catch(() => {});
    }
    c.seq = Math.max(c.seq, p.seq);
    note(p);
  });
  socket.on('disconnect', () => disconnects++);
  // As a wallboard does: every (re)connection subscribes again; the first one resolves below.
  socket.on('connect', () => {
    if (!c.onSnapshot) {
      reconnects++;
      subscribe().catch(() => {});
    }
  });
  socket.on('connect_error', (err) => {
    connectErrors++;
    if (connectErrors <= 3) process.stderr.write(`live-clients: connect_error ${err.message}\n`);
  });
  if (i === 0 && bytesArg === 'bytes') {
    socket.io.on('open', () =>
      socket.io.engine.on('message', (d) => {
        bytes += d.length;
        messages++;
        if (typeof d === 'string' && d.startsWith(PATCH_PREFIX)) patchBytes.push(Buffer.byteLength(d));
      }),
    );
  }
  return new Promise((resolve, reject) => {
    c.onSnapshot = () => ((c.onSnapshot = undefined), resolve());
    socket.once('connect', () => subscribe().catch(reject));
  });
}

const started = now();
const WAVE = 25;
for (let i = 0; i < count; i += WAVE) {
  await Promise.all(Array.from({ length: Math.min(WAVE, count - i) }, (_, j) => open(i + j)));
}
process.send({ type: 'ready', connectMs: now() - started });
// How late this process's own event loop ran: a busy client delays what it records.
const loopDelay = monitorEventLoopDelay({ resolution: 5 });
loopDelay.enable();

process.on('message', (msg) => {
  if (msg?.type === 'await') {
    awaited = msg.marker;
    short = clients.filter((c) => c.max < awaited).length;
    const timer = setTimeout(() => ((onCaughtUp = undefined), process.send({ type: 'caughtUp', all: false, short })), msg.timeoutMs);
    onCaughtUp = () => (clearTimeout(timer), (onCaughtUp = undefined), process.send({ type: 'caughtUp', all: true }));
    if (short === 0) onCaughtUp();
    return;
  }
  if (msg?.type !== 'stop') return;
  // Layout: clients, then per client n, n receive times, n lastEventAt, n asOf values (float64).
  let total = 1;
  for (const c of clients) total += 1 + 3 * c.recv.length;
  const out = new Float64Array(total);
  let k = 0;
  out[k++] = clients.length;
  for (const c of clients) {
    out[k++] = c.recv.length;
    out.set(c.recv, k);
    k += c.recv.length;
    out.set(c.last, k);
    k += c.last.length;
    out.set(c.built, k);
    k += c.built.length;
  }
  writeFileSync(outFile, out);
  const patches = clients.reduce((s, c) => s + c.patches, 0);
  const snapshots = clients.reduce((s, c) => s + c.snapshots, 0);
  const ended = disconnects;
  loopDelay.disable();
  for (const c of clients) c.socket.disconnect();
  process.send(
    {
      type: 'done',
      patches,
      snapshots,
      gaps,
      stale,
      disconnects: ended,
      reconnects,
      connectErrors,
      bytesPerMessage: messages ? bytes / messages : 0,
      patchBytes,
      loopDelayP99Ms: loopDelay.percentile(99) / 1e6,
      loopDelayMaxMs: loopDelay.max / 1e6,
    },
    () => process.exit(0),
  );
});
