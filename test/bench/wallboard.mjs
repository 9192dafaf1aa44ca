// Wallboard page benchmark (issue target: the page's JS heap grows by less than
// 20 MB over 100,000 live patches). The real page, built and served by the API
// as in production (`node api/dist/main.js`, Redis log; the in-process log when
// no Redis answers at TEST_REDIS_URL), in Debian's headless
// Chromium at 1920×1080, signed in as the admin and opened in TV mode, while a
// feed process posts simulator traffic to /api/v1/events in small batches paced
// by the wall clock (re-stamped to send time, every batch ending on an event
// that reaches the live state). Patch coalescing is 0 ms: every time the API's
// live engine takes new events from the log, the page gets a patch.
//
// What the page does is read from inside it: an init script wraps WebSocket
// (and XMLHttpRequest, for the polling phase before the upgrade) and stamps
// every Socket.IO message on /live (`42/live,["patch",…]`, `…["snapshot",…]`)
// as the page's main thread receives it; a PerformanceObserver keeps long tasks
// (> 50 ms) and a requestAnimationFrame loop the frame times. All of it goes
// into typed arrays allocated before the first measurement, so recording adds
// nothing to the heap growth measured. Heap, DOM nodes and listeners are read
// after a forced GC (CDP HeapProfiler.collectGarbage, then Performance.getMetrics).
//
// Phases: sign in, open /?tv=1, wait for the first snapshot → warm-up, BENCH_WARMUP_S
// (default 20) of feed, so the board shows a center at work → feed paused, last
// patches in, 2 s → measurement → BENCH_IDLE_S (default 30) without feed (heartbeat
// patches and the periodic refresh only): the baseline → measurement → the feed
// until the page has received BENCH_PATCHES (default 100,000) patches, then until
// the last ones are in (or for BENCH_LOAD_S seconds, whichever ends first) →
// measurement. BENCH_BATCH_MS (default 4) and
// BENCH_BATCH_EVENTS (default 4): a batch of at least that many events every that
// many ms; BENCH_AGENTS (default 480) and BENCH_SIM_RATE (default 20, calls as a
// multiple of a mid-size center's): the center, by default the live bench's.
// A long task "that handled a patch" is one during which the page received a
// patch message: its [start, start + duration] holds the message's stamp.
// What limits the patches per second: the page once its main thread is busy
// 90 % of the load, else the API once its event loop (the thread whose id is
// its pid, from /proc) is, else neither — the feed and the machine.
// BENCH_PROFILE=<dir>: the page's main thread is sampled (CDP Profiler, 1 ms)
// over the load; the profile is written there as wallboard-load.cpuprofile (open
// it in Chrome DevTools) and the functions with the most self time are printed.
// Build the wallboard with `npx vite build --minify false` for readable names.
/* global window, document, XMLHttpRequest, requestAnimationFrame -- instrument(), windowFigures(), markWindow() and the evaluated arrows run in the page */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  REDIS,
  answerPercentiles,
  claimRedisPrefix,
  cpuSecondsSince,
  dropRedisKeys,
  eventPoster,
  forkChild,
  headlines,
  now,
  numberFormat,
  reachesLiveState,
  redisAnswers,
  removeTempDir,
  simulatedCenter,
  sleep,
  startApi,
  tempDir,
} from './common.mjs';

const KEY = 'bench-wallboard-ingest-key-0123456789';
const PASSWORD = 'bench-wallboard-admin-password';
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const PATCHES = Number(process.env.BENCH_PATCHES ?? 100_000);
const BATCH_MS = Number(process.env.BENCH_BATCH_MS ?? 4);
const BATCH_EVENTS = Number(process.env.BENCH_BATCH_EVENTS ?? 4);
const IDLE_S = Number(process.env.BENCH_IDLE_S ?? 30);
/** The load ends after this many seconds should the page not have BENCH_PATCHES patches by then (BENCH_LOAD_S; no limit by default). */
const LOAD_S = Number(process.env.BENCH_LOAD_S ?? Infinity);
/** The simulated center: agents on the roster, and calls as a multiple of a mid-size center's. */
const AGENTS = Number(process.env.BENCH_AGENTS ?? 480);
const SIM_RATE = Number(process.env.BENCH_SIM_RATE ?? 20);
const TARGET_GROWTH_MB = 20;
/** Posts the feed may have unanswered; a tick finding this many is skipped. */
const FEED_IN_FLIGHT = 8;
const SETTLE_MS = 2000;
/** Feed before the baseline, so that the idle page shows a center at work (BENCH_WARMUP_S). */
const WARMUP_S = Number(process.env.BENCH_WARMUP_S ?? 20);
/** The run fails when the page receives no patch for this long while the feed runs. */
const STALL_MS = 60_000;
/** After the feed stops: the last patches are in once none has come for QUIET_MS (at most DRAIN_MS). */
const QUIET_MS = 1000;
const DRAIN_MS = 15_000;
const PROGRESS_MS = 10_000;
/** Frame-time histogram: 0.1 ms bins up to 2 s, the last bin holds the rest. */
const FRAME_BIN_MS = 0.1;
const FRAME_BINS = 20_001;
const LONG_TASKS_CAP = 65_536;
const PROFILE_DIR = process.env.BENCH_PROFILE;
/** A main thread busy this share of the time is what holds the rate back. */
const SATURATED = 0.9;
const PROFILE_TOP = 25;
const self = fileURLToPath(import.meta.url);
const { fmt, ms } = numberFormat('–');
const mb = (bytes) => fmt(bytes / 2 ** 20, 1);
const signedMb = (bytes) => `${bytes >= 0 ? '+' : '−'}${mb(Math.abs(bytes))} MB`;
const ratio = (load, idle) => (Number.isFinite(load / idle) && idle !== 0 ? `×${fmt(load / idle, 2)}` : '–');

/**
 * Runs in the page before its own scripts. Everything it keeps is allocated
 * here, once; the per-message and per-frame work is a few stores into typed
 * arrays, no allocation.
 */
function instrument({ messages, longTasks, frameBins, frameBinMs }) {
  const B = {
    // Live messages as the page's main thread receives them: time, kind (0 patch, 1 snapshot).
    msgAt: new Float64Array(messages),
    msgKind: new Uint8Array(messages),
    // How old the message was on arrival: the page's clock minus the asOf the server put in it.
    msgAge: new Float32Array(messages),
    msgs: 0,
    patches: 0,
    snapshots: 0,
    /** Messages received while the arrays were full: counted, not stamped. */
    unstamped: 0,
    overPolling: 0,
    sockets: 0,
    firstPatch: '',
    ltStart: new Float64Array(longTasks),
    ltDur: new Float32Array(longTasks),
    longTasks: 0,
    frameHist: new Uint32Array(frameBins),
    frames: 0,
    frameMax: 0,
    lastFrame: 0,
    mark: 0,
  };
  Object.defineProperty(window, '__bench', { value: B });

  const PATCH = '["patch"';
  const SNAPSHOT = '["snapshot"';
  const PREFIX = '42/live,';
  const AS_OF = '"asOf":"';
  const note = (data, polling) => {
    if (typeof data !== 'string' || !data.startsWith(PREFIX)) return;
    let kind;
    if (data.startsWith(PATCH, PREFIX.length)) kind = 0;
    else if (data.startsWith(SNAPSHOT, PREFIX.length)) kind = 1;
    else return;
    const t = performance.now();
    const at = data.indexOf(AS_OF, PREFIX.length);
    const age = at > 0 && at < 80 ? performance.timeOrigin + t - Date.parse(data.slice(at + AS_OF.length, at + AS_OF.length + 29)) : NaN;
    if (kind === 0) {
      if (B.patches++ === 0) B.firstPatch = data.slice(0, 60);
    } else B.snapshots++;
    if (polling) B.overPolling++;
    if (B.msgs < B.msgAt.length) {
      B.msgAt[B.msgs] = t;
      B.msgAge[B.msgs] = age;
      B.msgKind[B.msgs++] = kind;
    } else B.unstamped++;
  };

  const NativeWebSocket = window.WebSocket;
  class BenchWebSocket extends NativeWebSocket {
    constructor(...args) {
      super(...args);
      B.sockets++;
      // Registered before the app's onmessage: the stamp is taken in the task that handles the message.
      this.addEventListener('message', (e) => note(e.data, false));
    }
  }
  window.WebSocket = BenchWebSocket;

  // Before the upgrade, engine.io polls: several packets in one response, separated by \x1e.
  const open = XMLHttpRequest.prototype.open;
  XMLHttpRequest.prototype.open = function (method, url, ...rest) {
    if (String(url).includes('/socket.io/')) {
      this.addEventListener('load', () => {
        if (typeof this.responseText === 'string' && this.responseText.includes(PREFIX))
          for (const p of this.responseText.split('\x1e')) note(p, true);
      });
    }
    return open.call(this, method, url, ...rest);
  };

  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      const i = B.longTasks++ % B.ltStart.length;
      B.ltStart[i] = e.startTime;
      B.ltDur[i] = e.duration;
    }
  }).observe({ type: 'longtask', buffered: true });

  const frame = (t) => {
    if (B.lastFrame > 0) {
      const d = t - B.lastFrame;
      B.frameHist[Math.min(B.frameHist.length - 1, Math.floor(d / frameBinMs))]++;
      B.frames++;
      if (d > B.frameMax) B.frameMax = d;
    }
    B.lastFrame = t;
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
}

/** In the page: what happened since the last mark (frames, long tasks, messages). */
function windowFigures(binMs) {
  const B = window.__bench;
  const from = B.mark;
  const to = performance.now();
  const pct = (p) => {
    const want = Math.ceil((p / 100) * B.frames);
    let seen = 0;
    for (let i = 0; i < B.frameHist.length; i++) {
      seen += B.frameHist[i];
      if (seen >= want && want > 0) return (i + 1) * binMs;
    }
    return NaN;
  };
  // Messages in the window (stamped in arrival order).
  let m0 = 0;
  while (m0 < B.msgs && B.msgAt[m0] < from) m0++;
  let patches = 0;
  let snapshots = 0;
  let firstMsg = NaN;
  let lastMsg = NaN;
  let m1 = m0;
  while (m1 < B.msgs && B.msgAt[m1] < to) m1++;
  const ages = B.msgAge
    .slice(m0, m1)
    .filter((a) => a === a)
    .sort();
  const agePct = (p) => (ages.length ? ages[Math.min(ages.length - 1, Math.ceil((p / 100) * ages.length) - 1)] : NaN);
  for (let i = m0; i < m1; i++) {
    if (B.msgKind[i] === 0) patches++;
    else snapshots++;
    if (!(firstMsg <= B.msgAt[i])) firstMsg = B.msgAt[i];
    lastMsg = B.msgAt[i];
  }
  const firstAtOrAfter = (t) => {
    let lo = m0;
    let hi = B.msgs;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (B.msgAt[mid] < t) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  let count = 0;
  let max = 0;
  let total = 0;
  let withPatch = 0;
  let withSnapshot = 0;
  const kept = Math.min(B.longTasks, B.ltStart.length);
  for (let i = 0; i < kept; i++) {
    const s = B.ltStart[i];
    const d = B.ltDur[i];
    if (s < from || s >= to) continue;
    count++;
    total += d;
    if (d > max) max = d;
    let hasPatch = false;
    let hasSnapshot = false;
    for (let j = firstAtOrAfter(s); j < B.msgs && B.msgAt[j] <= s + d; j++) {
      if (B.msgKind[j] === 0) hasPatch = true;
      else hasSnapshot = true;
    }
    if (hasPatch) withPatch++;
    if (hasSnapshot) withSnapshot++;
  }
  return {
    seconds: (to - from) / 1000,
    frames: B.frames,
    frameP50: pct(50),
    frameP95: pct(95),
    frameP99: pct(99),
    frameMax: B.frameMax,
    longTasks: count,
    longTaskMax: max,
    longTaskTotal: total,
    withPatch,
    withSnapshot,
    longTasksLost: B.longTasks > B.ltStart.length,
    patches,
    snapshots,
    ageP50: agePct(50),
    ageP99: agePct(99),
    ageMax: ages.length ? ages[ages.length - 1] : NaN,
    firstMsg,
    lastMsg,
    unstamped: B.unstamped,
  };
}

/** In the page: a new window starts now (frames counted afresh; long tasks and messages filtered by time). */
function markWindow() {
  const B = window.__bench;
  B.mark = performance.now();
  B.frameHist.fill(0);
  B.frames = 0;
  B.frameMax = 0;
  B.lastFrame = 0;
}

/** Heap, nodes and listeners after a forced GC, the main thread's busy time so far, the renderer's CPU. */
async function measure(page, cdp, browserCdp) {
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const { metrics } = await cdp.send('Performance.getMetrics');
  const m = Object.fromEntries(metrics.map((x) => [x.name, x.value]));
  const elements = await page.evaluate(() => document.querySelectorAll('*').length);
  let chromiumCpu = NaN;
  try {
    const { processInfo } = await browserCdp.send('SystemInfo.getProcessInfo');
    chromiumCpu = processInfo.reduce((s, p) => s + p.cpuTime, 0);
  } catch {
    // not offered by this Chromium: the figure stays out
  }
  return {
    at: now(),
    heap: m.JSHeapUsedSize,
    nodes: m.Nodes,
    listeners: m.JSEventListeners,
    documents: m.Documents,
    elements,
    task: m.TaskDuration,
    script: m.ScriptDuration,
    layout: m.LayoutDuration,
    style: m.RecalcStyleDuration,
    chromiumCpu,
  };
}

async function windowEnd(page, cdp, browserCdp) {
  const figures = await page.evaluate(windowFigures, FRAME_BIN_MS);
  const state = await measure(page, cdp, browserCdp);
  await page.evaluate(markWindow);
  return { figures, state };
}

const busy = (a, b) => {
  const s = (b.at - a.at) / 1000;
  return {
    main: (b.task - a.task) / s,
    script: (b.script - a.script) / s,
    layout: (b.layout - a.layout) / s,
    style: (b.style - a.style) / s,
    chromium: (b.chromiumCpu - a.chromiumCpu) / s,
  };
};
const pc = (share) => `${fmt(100 * share)} %`;

function describeWindow(f) {
  return (
    `frame time p50 ${ms(f.frameP50)}, p95 ${ms(f.frameP95)}, p99 ${ms(f.frameP99)}, max ${ms(f.frameMax)} (${fmt(f.frames)} frames); ` +
    `long tasks > 50 ms: ${fmt(f.longTasks)}${f.longTasks ? ` (max ${ms(f.longTaskMax)}, ${fmt(f.longTaskTotal / 1000, 1)} s in all, ${fmt(f.longTasks / (f.seconds / 60), 1)}/min)` : ''}`
  );
}

function describeState(a, b) {
  return (
    `JS heap used ${mb(a.heap)} → ${mb(b.heap)} MB (${signedMb(b.heap - a.heap)}); DOM nodes ${fmt(a.nodes)} → ${fmt(b.nodes)} ` +
    `(elements in the document ${fmt(a.elements)} → ${fmt(b.elements)}); JS event listeners ${fmt(a.listeners)} → ${fmt(b.listeners)}`
  );
}

function describeBusy(u) {
  return (
    `page main thread busy ${pc(u.main)} (script ${pc(u.script)}, style ${pc(u.style)}, layout ${pc(u.layout)})` +
    (Number.isFinite(u.chromium) ? `; Chromium, all its processes, ${pc(u.chromium)} of a core` : '')
  );
}

const TICKS = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());

/** CPU seconds of one thread (the API's event loop is the thread whose id is its pid); NaN without /proc. */
function threadCpuSeconds(pid, tid = pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(f[11]) + Number(f[12])) / TICKS;
  } catch {
    return NaN;
  }
}

/** Writes the page's CPU profile to BENCH_PROFILE and prints the functions with the most self time, and the most total time. */
function printProfile(profile) {
  mkdirSync(PROFILE_DIR, { recursive: true });
  const file = path.join(PROFILE_DIR, 'wallboard-load.cpuprofile');
  writeFileSync(file, JSON.stringify(profile));
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const selfUs = new Map();
  const { samples, timeDeltas } = profile;
  for (let i = 0; i < samples.length; i++) selfUs.set(samples[i], (selfUs.get(samples[i]) ?? 0) + (timeDeltas[i + 1] ?? 0));
  const name = (n) => {
    const f = n.callFrame;
    return `${f.functionName || '(anonymous)'} ${f.url ? `${f.url.replace(/^.*\//, '')}:${f.lineNumber + 1}:${f.columnNumber + 1}` : ''}`.trim();
  };
  const self = new Map();
  const total = new Map();
  let all = 0;
  for (const [id, us] of selfUs) {
    const n = byId.get(id);
    // Only the time the thread worked.
    if (n.callFrame.functionName === '(idle)') continue;
    all += us;
    self.set(name(n), (self.get(name(n)) ?? 0) + us);
    // Each function once per stack, however deep its recursion.
    const seen = new Set();
    for (let at = id; at !== undefined; at = parent.get(at)) {
      const k = name(byId.get(at));
      if (seen.has(k)) continue;
      seen.add(k);
      total.set(k, (total.get(k) ?? 0) + us);
    }
  }
  const top = (m) =>
    [...m]
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .slice(0, PROFILE_TOP)
      .map(([k, us]) => `      ${fmt((100 * us) / all, 1).padStart(5)} %  ${fmt(us / 1000).padStart(7)} ms  ${k}`)
      .join('\n');
  console.log(`    page CPU profile (${fmt(all / 1e6, 1)} s busy sampled) written to ${file}; self time:\n${top(self)}`);
  console.log(`    total time (the function and what it called):\n${top(total)}`);
}

export async function wallboard() {
  const { chromium } = await import('playwright-core');
  const useRedis = await redisAnswers();
  const prefix = `bench-wallboard-${process.pid}-${Date.now().toString(36)}`;
  const env = { CALLBOARD_LIVE_COALESCE_MS: '0', CALLBOARD_SESSION_IDLE_MIN: String(24 * 60) };
  // A short retention: should the clean-up below be interrupted, the run's keys expire within the hour.
  if (useRedis) Object.assign(env, { REDIS_URL: REDIS, CALLBOARD_REDIS_PREFIX: prefix, CALLBOARD_LOG_RETENTION_H: '1' });
  const work = tempDir('callboard-bench-wallboard-');
  if (useRedis) claimRedisPrefix(prefix);

  let server;
  let browser;
  let feedProc;
  try {
    server = await startApi({ dataDir: path.join(work, 'data'), ingestKey: KEY, adminPassword: PASSWORD, env });
    // Chromium is ended by playwright's own exit hook, should the run not get to close it.
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--enable-precise-memory-info',
        '--js-flags=--expose-gc',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-extensions',
        // A page on a wall is never in the background: nothing may throttle its timers or frames.
        '--disable-background-timer-throttling',
        '--disable-renderer-backgrounding',
        '--disable-backgrounding-occluded-windows',
      ],
    });
    console.log(
      `\nwallboard (${os.cpus().length} cores, Node ${process.version}, Chromium ${browser.version()} headless at 1920×1080; ` +
        `the page in TV mode, signed in as admin; API as in production on the ${useRedis ? 'Redis' : 'in-process'} log, patch coalescing 0 ms; ` +
        `feed: a ${fmt(AGENTS)}-agent center from the simulator (${fmt(SIM_RATE)}× a mid-size center's calls), ≥ ${BATCH_EVENTS} events every ${BATCH_MS} ms, until the page has ${fmt(PATCHES)} patches${Number.isFinite(LOAD_S) ? ` or for ${fmt(LOAD_S)} s` : ''})`,
    );
    const context = await browser.newContext({ viewport: { width: 1920, height: 1080 }, locale: 'en-US', timezoneId: 'Asia/Shanghai' });
    await context.addInitScript(instrument, {
      messages: PATCHES + 50_000,
      longTasks: LONG_TASKS_CAP,
      frameBins: FRAME_BINS,
      frameBinMs: FRAME_BIN_MS,
    });
    const page = await context.newPage();
    const pageErrors = [];
    page.on('pageerror', (err) => pageErrors.push(err.message));

    await page.goto(`${server.url}/login`);
    await page.getByTestId('login-username').fill('admin');
    await page.getByTestId('login-password').fill(PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.waitForURL((u) => !u.pathname.startsWith('/login'), { timeout: 30_000 });
    // A fresh load of the wallboard in TV mode: the sign-in page leaves nothing in the heap measured.
    await page.goto(`${server.url}/?tv=1`);
    await page
      .waitForFunction(() => window.__bench.snapshots > 0, undefined, { timeout: 60_000, polling: 200 })
      .catch(() => {
        throw new Error('the wallboard received no live snapshot within 60 s: the page served (wallboard/dist) opens no /live socket');
      });
    const counted = () => page.evaluate(() => window.__bench.patches);
    /** Once the feed is paused or stopped: the last posts' patches are in once the count stays still for a moment. */
    const drained = async () => {
      const until = now() + DRAIN_MS;
      let n = await counted();
      for (;;) {
        await sleep(QUIET_MS);
        const m = await counted();
        if (m === n || now() > until) return;
        n = m;
      }
    };

    // Warm-up: the center opens (agents sign in, the first calls come) so that the baseline is a board with data on it.
    feedProc = forkChild(
      self,
      ['feed', server.url, KEY, String(BATCH_MS), String(BATCH_EVENTS), String(AGENTS), String(SIM_RATE)],
      'the feed',
    );
    await feedProc.next('started');
    await sleep(WARMUP_S * 1000);
    feedProc.child.send({ type: 'pause' });
    const warm = await feedProc.next('paused');
    await drained();
    await sleep(SETTLE_MS);

    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    const browserCdp = await browser.newBrowserCDPSession();
    const start = await measure(page, cdp, browserCdp);
    await page.evaluate(markWindow);

    // Baseline: the same page, no feed (heartbeat patches and the periodic refresh only).
    await sleep(IDLE_S * 1000);
    const idle = await windowEnd(page, cdp, browserCdp);

    // Load.
    const before = await counted();
    if (PROFILE_DIR) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 1000 });
      await cdp.send('Profiler.start');
    }
    const apiLoopStart = threadCpuSeconds(server.child.pid);
    feedProc.child.send({ type: 'resume' });
    const feedStart = now();
    let lastCount = 0;
    let lastMove = now();
    let lastProgress = now();
    for (;;) {
      await sleep(500);
      const n = (await counted()) - before;
      const t = now();
      if (n !== lastCount) lastMove = t;
      lastCount = n;
      if (n >= PATCHES || t - feedStart >= LOAD_S * 1000) break;
      if (feedProc.child.exitCode !== null) throw new Error(`the feed exited (${feedProc.child.exitCode}) after ${fmt(n)} patches`);
      if (!server.running()) throw new Error(`the API exited during the run:\n${server.output()}`);
      if (t - lastMove > STALL_MS) throw new Error(`the page received no patch for ${STALL_MS / 1000} s (${fmt(n)} so far)`);
      if (t - lastProgress >= PROGRESS_MS) {
        lastProgress = t;
        const rate = n / ((t - feedStart) / 1000);
        process.stderr.write(`  wallboard: ${fmt(n)} / ${fmt(PATCHES)} patches, ${fmt(rate)}/s, ~${fmt((PATCHES - n) / rate)} s to go\n`);
      }
    }
    feedProc.child.send({ type: 'stop' });
    const feed = await feedProc.next('done');
    const feedEnd = now();
    await drained();
    const profile = PROFILE_DIR ? (await cdp.send('Profiler.stop')).profile : null;
    const apiLoopEnd = threadCpuSeconds(server.child.pid);
    const load = await windowEnd(page, cdp, browserCdp);
    const sockets = await page.evaluate(() => ({
      sockets: window.__bench.sockets,
      overPolling: window.__bench.overPolling,
      firstPatch: window.__bench.firstPatch,
    }));

    server.assertRunning();

    const iu = busy(start, idle.state);
    const lu = busy(idle.state, load.state);
    const i = idle.figures;
    const l = load.figures;
    const idleGrowth = idle.state.heap - start.heap;
    const growth = load.state.heap - idle.state.heap;
    // The run: from the feed's first batch to the last patch the page received.
    const runS = (Math.max(feedEnd, performance.timeOrigin + l.lastMsg) - feedStart) / 1000;
    const loadS = (load.state.at - idle.state.at) / 1000;
    const idleS = (idle.state.at - start.at) / 1000;
    console.log(
      `  idle baseline, ${fmt(i.seconds)} s without feed: ${fmt(i.patches)} patches (heartbeats, periodic refresh); ${describeWindow(i)}; ${describeState(start, idle.state)}; ${describeBusy(iu)}`,
    );
    console.log(
      `  load: ${fmt(l.patches)} patches in ${fmt(runS, 1)} s, ${fmt(l.patches / runS)} patches/s (${fmt(feed.accepted)} events accepted in ${fmt(feed.batches)} batches, ` +
        `${fmt(feed.accepted / runS)} events/s; 202 p50 ${ms(feed.answerP50)}, p99 ${ms(feed.answerP99)}` +
        `${feed.errors ? `, ${feed.errors} failed posts` : ''}${feed.rejected ? `, ${feed.rejected} events rejected` : ''}${feed.late ? `, feed ${fmt(feed.late)} ticks late` : ''}${feed.heldBack ? `, ${fmt(feed.heldBack)} ticks skipped with ${FEED_IN_FLIGHT} posts unanswered` : ''}); ` +
        `snapshots ${fmt(l.snapshots)} (a snapshot replaces the patches a page too slow to take them missed); ` +
        `age of a message when the page gets it (its asOf → the page's handler) p50 ${ms(l.ageP50)}, p99 ${ms(l.ageP99)}, max ${ms(l.ageMax)}`,
    );
    console.log(`    ${describeState(idle.state, load.state)}`);
    console.log(
      `    ${describeWindow(l)}; ${fmt(l.withPatch)} of the long tasks handled a patch message${l.withSnapshot ? `, ${fmt(l.withSnapshot)} a snapshot` : ''}; ${describeBusy(lu)}`,
    );
    console.log(
      `  load vs idle: frame time p50 ${ratio(l.frameP50, i.frameP50)}, p95 ${ratio(l.frameP95, i.frameP95)}, p99 ${ratio(l.frameP99, i.frameP99)}, max ${ratio(l.frameMax, i.frameMax)}; ` +
        `long tasks per minute ${fmt(l.longTasks / (l.seconds / 60), 1)} vs ${fmt(i.longTasks / (i.seconds / 60), 1)} (${ratio(l.longTasks / l.seconds, i.longTasks / i.seconds)}); ` +
        `heap growth per minute ${signedMb((growth / loadS) * 60)} vs ${signedMb((idleGrowth / idleS) * 60)}; ` +
        `main thread busy ${ratio(lu.main, iu.main)}${Number.isFinite(lu.chromium) ? `, Chromium CPU ${ratio(lu.chromium, iu.chromium)}` : ''}`,
    );
    const notes = [
      `warm-up ${fmt(WARMUP_S)} s: ${fmt(warm.accepted)} events in ${fmt(warm.batches)} batches`,
      `first patch frame ${JSON.stringify(sockets.firstPatch)}…`,
      `${sockets.sockets} WebSocket${sockets.sockets === 1 ? '' : 's'} opened`,
      sockets.overPolling ? `${fmt(sockets.overPolling)} live messages over HTTP polling` : '',
      l.unstamped ? `${fmt(l.unstamped)} messages not stamped (arrays full)` : '',
      l.longTasksLost ? 'long-task ring overran: the oldest were dropped' : '',
      `run ${fmt((load.state.at - feedStart) / 1000, 1)} s from the feed's start to the end measurement`,
    ].filter(Boolean);
    console.log(`    ${notes.join('; ')}`);
    // What holds the rate back: the page once its main thread is saturated, else the API once its event loop is.
    const apiLoop = (apiLoopEnd - apiLoopStart) / ((load.state.at - feedStart) / 1000);
    const limit =
      lu.main >= SATURATED
        ? `the page: its main thread busy ${pc(lu.main)}`
        : apiLoop >= SATURATED
          ? `the API: its event loop busy ${pc(apiLoop)} of the run, the page's main thread ${pc(lu.main)}`
          : `neither the page (main thread busy ${pc(lu.main)}) nor the API (event loop ${pc(apiLoop)}): the feed and the machine, load average ${fmt(os.loadavg()[0], 1)} on ${os.cpus().length} cores`;
    console.log(`  what limits the patches per second: ${limit}`);
    const figures = headlines('wallboard');
    figures.print({
      figure: `page JS heap growth over ${fmt(l.patches)} patches`,
      value: growth / 2 ** 20,
      unit: 'MB',
      target: `< ${TARGET_GROWTH_MB} MB`,
      pass: growth < TARGET_GROWTH_MB * 2 ** 20,
    });
    figures.print({
      figure: 'long tasks > 50 ms that handled a patch',
      value: l.withPatch,
      unit: '',
      target: '0',
      pass: l.withPatch === 0,
      note: `${fmt(l.longTasks)} long tasks in all${l.longTasks ? `, max ${ms(l.longTaskMax)}` : ''}`,
    });
    figures.print({
      figure: 'patches the page took per second',
      value: l.patches / runS,
      unit: '/s',
      target: '',
      pass: null,
      note: `limited by ${limit.split(':')[0].replace(/^the /, '')}; message age p99 ${ms(l.ageP99)}`,
    });
    if (profile) printProfile(profile);
    if (pageErrors.length) console.log(`    the page threw ${pageErrors.length} error(s), first: ${pageErrors[0].slice(0, 300)}`);
    server.printLoggedErrors();
    return figures.rows;
  } finally {
    if (feedProc?.child.exitCode === null) feedProc.child.kill('SIGKILL');
    await browser?.close().catch(() => {});
    if (server) await server.stop();
    removeTempDir(work);
    if (useRedis) await dropRedisKeys(prefix);
  }
}

/**
 * The feed, a process of its own: one batch every intervalMs, of at least
 * `events` simulator events and ending on one that reaches the live state,
 * re-stamped to the time it is sent (1 ms apart, in the simulator's order).
 * Paced by the wall clock, not by the answers; a tick missed by more than an
 * interval is skipped, not made up for, and so is a tick while FEED_IN_FLIGHT
 * posts are unanswered (more would only queue inside the API: late answers,
 * and patches that each carry many batches).
 *   argv: feed url ingestKey intervalMs events agents rate
 * IPC in: {type: 'pause'} (answered {type: 'paused', ...counts} once every post is answered),
 *         {type: 'resume'}, {type: 'stop'} (answered {type: 'done', ...counts}, then exits).
 * Counts are those since the start or the last resume.
 */
async function feedMain([url, key, intervalArg, eventsArg, agentsArg, rateArg]) {
  const interval = Number(intervalArg);
  const perBatch = Number(eventsArg);
  // Gone with the bench, whatever way it ended.
  process.on('disconnect', () => process.exit(0));
  // The center from 10:00 local; a year of it, pulled lazily.
  const source = await simulatedCenter({ rate: Number(rateArg), agents: Number(agentsArg), hours: 365 * 24 });
  const run = `wb-${process.pid}-${Date.now().toString(36)}`;
  const poster = eventPoster(url, key, { maxSockets: FEED_IN_FLIGHT, name: 'wallboard feed' });
  let c;
  let cpuStart;
  const reset = () => {
    c = { batches: 0, late: 0, heldBack: 0, answerMs: [] };
    poster.reset();
    cpuStart = process.cpuUsage();
  };
  const counts = () => {
    const { accepted, rejected, errors } = poster.counts;
    const { answerMs, ...rest } = c;
    return {
      ...rest,
      accepted,
      rejected,
      errors,
      cpuSeconds: cpuSecondsSince(cpuStart),
      ...answerPercentiles(answerMs),
      answers: answerMs.length,
    };
  };
  let lastTs = 0;
  let state = 'run';
  let wake;
  process.on('message', (m) => {
    if (m?.type === 'pause' && state === 'run') state = 'pause';
    else if (m?.type === 'resume' || m?.type === 'stop') {
      state = m.type === 'stop' ? 'stop' : 'run';
      wake?.();
    }
  });

  // The answer time runs to the end of the 202's body.
  const post = (batch) =>
    poster.post(batch).then((a) => {
      if (a.ok) c.answerMs.push(a.readAt - a.sentAt);
    });

  const next = () => {
    const r = source.next();
    if (r.done) throw new Error('simulator ran dry');
    return r.value;
  };
  next(); // the roster is built on the first pull: not on the clock
  const pending = new Set();
  reset();
  process.send({ type: 'started' });
  for (;;) {
    const startedAt = now();
    for (let k = 1; state === 'run'; k++) {
      const wait = startedAt + k * interval - now();
      if (wait > 0) await sleep(wait);
      else if (wait < -interval) {
        c.late++;
        k = Math.floor((now() - startedAt) / interval);
      }
      if (state !== 'run') break;
      if (poster.inFlight >= FEED_IN_FLIGHT) {
        c.heldBack++;
        continue;
      }
      const picked = [];
      while (picked.length < perBatch || !reachesLiveState(picked[picked.length - 1])) picked.push(next());
      const batch = picked.map((e) => {
        lastTs = Math.max(Date.now(), lastTs + 1);
        return { ...e, id: `${run}-${e.id}`, ts: new Date(lastTs).toISOString() };
      });
      c.batches++;
      const p = post(batch);
      pending.add(p);
      // post never rejects: a failed batch is counted in poster.counts.
      void p.then(() => pending.delete(p));
    }
    await Promise.all(pending);
    if (state === 'stop') break;
    process.send({ type: 'paused', ...counts() });
    if (state === 'pause') await new Promise((r) => (wake = r));
    reset();
  }
  poster.close();
  process.send({ type: 'done', ...counts() }, () => process.exit(0));
}

if (process.argv[1] === self && process.argv[2] === 'feed') await feedMain(process.argv.slice(3));
