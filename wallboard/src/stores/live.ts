import { defineStore } from 'pinia';
import { computed, onScopeDispose, ref, shallowRef } from 'vue';
import type { LiveQueue, SubscribeRequest } from '@callboard/api/wire';
import { liveBanner } from '../live/banner';
import { LiveConnection, isStale as staleSince, type LiveError, type LiveStatus } from '../live/connection';
import type { LiveState } from '../live/merge';
import { secondsSince } from '../live/serverClock';
import { frameThrottle } from '../throttle';

/** Queue names as people read them: "queue-2" before "queue-10". */
const queueOrder = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

/** How often `nowMs` ticks: staleness and live-ticking waits move by the second. */
export const TICK_MS = 1_000;

/**
 * The board redraws at most this often, and only in an animation frame. A
 * patch is merged into the connection's copy as it comes (a few object
 * spreads) and the board is drawn from the newest copy in the next frame
 * after a quiet spell; under a burst (a busy center sends dozens of patches a
 * second) every 100 ms at most. No patch handler draws: however many patches
 * arrive between two frames, each costs its merge and the board is drawn
 * once, so the browser keeps time to draw and never falls behind the feed.
 */
export const MIN_REDRAW_MS = 100;

/**
 * The live scope as the server sends it over `/live` (`live/connection.ts`),
 * and whether it can be trusted: `status`, and `isStale` once no message has
 * come for 5 s. The data is only ever one consistent state: after a
 * reconnection or a missed patch the last one stays (status `resyncing`) until
 * a fresh snapshot replaces it whole.
 */
export const useLiveStore = defineStore('live', () => {
  const snapshot = shallowRef<LiveState | null>(null);
  const status = shallowRef<LiveStatus>('disconnected');
  const error = shallowRef<LiveError | null>(null);
  /** Client clock of the last snapshot or patch (heartbeats included). */
  const lastMessageAt = shallowRef<number | null>(null);
  const startedAt = shallowRef<number | null>(null);
  /** Server − client clock in ms; 0 until the first message. */
  const serverOffsetMs = shallowRef(0);
  const now = ref(Date.now());

  let connection: LiveConnection | null = null;
  let unlisten: (() => void) | null = null;
  let ticker: ReturnType<typeof setInterval> | undefined;
  let scopeKey: string | null = null;
  let redraw: ReturnType<typeof frameThrottle> | null = null;

  // Each part is its own computed: a patch that leaves a part alone leaves its
  // reference alone, and what reads only that part is not recomputed.
  const rawQueues = computed(() => snapshot.value?.queues ?? null);
  const queues = computed<LiveQueue[]>(() =>
    rawQueues.value ? [...rawQueues.value].sort((a, b) => queueOrder.compare(a.queue, b.queue)) : [],
  );
  const totals = computed(() => snapshot.value?.totals ?? null);
  const totalsAgents = computed(() => snapshot.value?.totalsAgents ?? null);
  const agents = computed(() => snapshot.value?.agents ?? []);
  const breaches = computed(() => snapshot.value?.breaches ?? []);
  const breachCounts = computed(() => snapshot.value?.breachCounts ?? null);
  const hasData = computed(() => snapshot.value !== null);
  const demo = computed(() => snapshot.value?.demo === true);

  /** The client's clock, ticking every second while started. */
  const nowMs = computed(() => now.value);
  const isStale = computed(() => staleSince(lastMessageAt.value ?? startedAt.value, now.value));
  /** The server's clock now, to the second: what waits tick by. */
  const serverNowMs = computed(() => now.value + serverOffsetMs.value);
  /** What the wallboard must warn of (a key under `wallboard.live`), or null; nothing before `start`. */
  const banner = computed(() => (startedAt.value === null ? null : liveBanner(status.value, isStale.value)));

  /** A queue's longest wait ticking forward from its oldest call's offer, in server time. */
  function longestWaitS(queue: Pick<LiveQueue, 'oldestOfferedAt' | 'longestWaitS'>): number | null {
    return queue.oldestOfferedAt === null ? queue.longestWaitS : secondsSince(queue.oldestOfferedAt, serverNowMs.value);
  }

  function sync(from: LiveConnection): void {
    snapshot.value = from.data;
    status.value = from.status;
    error.value = from.error;
    lastMessageAt.value = from.lastMessageAt;
    serverOffsetMs.value = from.serverOffsetMs ?? 0;
  }

  /** Status and errors show at once; data in the next animation frame, at most every `MIN_REDRAW_MS`, the newest always. */
  function onConnectionChange(from: LiveConnection): void {
    const onlyData = from.status === status.value && from.error === error.value && (from.data === null) === (snapshot.value === null);
    if (onlyData) redraw?.request();
    else redraw?.now();
  }

  /**
   * Follows a scope (omitted lists: the session's whole scope). Asked again for
   * the scope it follows, it keeps the connection, unless the server has
   * ended or refused it.
   */
  function start(subscription: SubscribeRequest = {}): void {
    const key = JSON.stringify([subscription.queues ?? null, subscription.teams ?? null]);
    if (connection && key === scopeKey && status.value !== 'signedOut' && status.value !== 'forbidden') return;
    stop();
    const next = new LiveConnection();
    connection = next;
    scopeKey = key;
    redraw = frameThrottle(() => sync(next), MIN_REDRAW_MS);
    unlisten = next.onChange(() => onConnectionChange(next));
    now.value = Date.now();
    startedAt.value = now.value;
    ticker = setInterval(() => (now.value = Date.now()), TICK_MS);
    next.connect(subscription);
  }

  /** Closes the connection and forgets the data (leaving the page, or another person signing in). */
  function stop(): void {
    redraw?.cancel();
    redraw = null;
    clearInterval(ticker);
    ticker = undefined;
    unlisten?.();
    unlisten = null;
    connection?.close();
    connection = null;
    scopeKey = null;
    snapshot.value = null;
    status.value = 'disconnected';
    error.value = null;
    lastMessageAt.value = null;
    startedAt.value = null;
    serverOffsetMs.value = 0;
  }

  onScopeDispose(stop);

  return {
    snapshot,
    status,
    error,
    lastMessageAt,
    serverOffsetMs,
    nowMs,
    serverNowMs,
    hasData,
    demo,
    queues,
    totals,
    totalsAgents,
    agents,
    breaches,
    breachCounts,
    isStale,
    banner,
    longestWaitS,
    start,
    stop,
  };
});

export type LiveStore = ReturnType<typeof useLiveStore>;
