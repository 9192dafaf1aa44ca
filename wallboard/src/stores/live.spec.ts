import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { effectScope, watch } from 'vue';
import type { LiveQueuePatch, SubscribeAck } from '@callboard/api/wire';
import type { FakeSocket } from '../testing/fakeSocket';
import { sockets } from '../testing/socketMock';
import { agent, patch, queue, snapshot } from '../testing/live.fixture';
import { FRAME_FALLBACK_MS } from '../throttle';
import { MIN_REDRAW_MS, useLiveStore } from './live';

// The store opens the real connection; only the socket under it is fake.
vi.mock('socket.io-client', () => import('../testing/socketMock'));

const OK: SubscribeAck = { ok: true, seq: 10, subscription: { queues: null, teams: null } };
const T0 = Date.parse('2026-03-02T10:00:00.000+08:00');

function lastSocket(): FakeSocket {
  const socket = sockets.at(-1);
  if (!socket) throw new Error('no socket opened');
  return socket;
}

function waiting(name: string, n: number): LiveQueuePatch {
  const { rules: _r, lastWeek: _w, ...rest } = queue(name, { waiting: n });
  return rest;
}

/** Started, connected, and holding `first` (by default the fixture's snapshot, seq 10). */
function startLive(first = snapshot()) {
  const live = useLiveStore();
  live.start();
  const socket = lastSocket();
  socket.accept();
  socket.snapshot(first);
  socket.ack(OK);
  return { live, socket };
}

describe('live store', () => {
  beforeEach(() => {
    setActivePinia(createPinia());
    sockets.length = 0;
    vi.useFakeTimers({ now: T0 });
  });
  afterEach(() => {
    useLiveStore().stop();
    vi.useRealTimers();
  });

  it('holds nothing and warns of nothing before it starts', () => {
    const live = useLiveStore();

    expect(live.status).toBe('disconnected');
    expect(live.hasData).toBe(false);
    expect(live.queues).toEqual([]);
    expect(live.totals).toBeNull();
    expect(live.isStale).toBe(false);
    expect(live.banner).toBeNull();
  });

  it('connects for the scope asked and is live from the snapshot', () => {
    const live = useLiveStore();

    live.start({ queues: ['sales'] });
    expect(live.status).toBe('connecting');
    expect(live.banner).toBeNull();
    lastSocket().accept();
    expect(lastSocket().subscribes).toEqual([{ queues: ['sales'] }]);
    lastSocket().snapshot(snapshot({ demo: true }));

    expect(live.status).toBe('live');
    expect(live.hasData).toBe(true);
    expect(live.demo).toBe(true);
    expect(live.agents.map((a) => a.agentId)).toEqual(['a1', 'a2']);
  });

  it('sorts queues by name, reading numbers as numbers', () => {
    const { live } = startLive(snapshot({ queues: [queue('queue-10'), queue('queue-2'), queue('Billing'), queue('alpha')] }));

    expect(live.queues.map((q) => q.queue)).toEqual(['alpha', 'Billing', 'queue-2', 'queue-10']);
  });

  it('follows patches, re-sorting only when the queues change', () => {
    const { live, socket } = startLive();
    const sorted = live.queues;
    const agents = live.agents;

    vi.advanceTimersByTime(MIN_REDRAW_MS);
    socket.patch(patch(11));
    vi.advanceTimersToNextFrame();
    expect(live.snapshot?.seq).toBe(11);
    expect(live.queues).toBe(sorted);

    vi.advanceTimersByTime(MIN_REDRAW_MS);
    socket.patch(patch(12, { queues: [waiting('support', 3)], agents: [agent('a2', { state: 'on_call' })] }));
    vi.advanceTimersToNextFrame();
    expect(live.queues).not.toBe(sorted);
    expect(live.queues[0]).toBe(sorted[0]);
    expect(live.queues[1]?.waiting).toBe(3);
    expect(live.agents).not.toBe(agents);
    expect(live.agents[1]?.state).toBe('on_call');
  });

  it('draws a patch after a quiet spell in the next frame, never while handling it, and the newest of a burst within 100 ms', () => {
    const { live, socket } = startLive();
    vi.advanceTimersByTime(2_000);
    socket.patch(patch(11, { queues: [waiting('sales', 1)] }));
    // Merged by the connection, not drawn by the handler.
    expect(live.snapshot?.seq).toBe(10);
    vi.advanceTimersToNextFrame();
    expect(live.snapshot?.seq).toBe(11);
    const drawnAt = Date.now();
    // A frame comes every 16 ms at most.
    expect(drawnAt - (T0 + 2_000)).toBeLessThanOrEqual(16);

    // 30 ms later two more: merged as they come, drawn together in the first frame once 100 ms have passed since seq 11 was.
    vi.advanceTimersByTime(30);
    socket.patch(patch(12, { queues: [waiting('sales', 2)] }));
    socket.patch(patch(13, { queues: [waiting('sales', 3)] }));
    vi.advanceTimersToNextFrame();
    expect(live.snapshot?.seq).toBe(11);
    vi.advanceTimersByTime(drawnAt + MIN_REDRAW_MS - 1 - Date.now());
    expect(live.snapshot?.seq).toBe(11);
    vi.advanceTimersByTime(1);
    expect(live.snapshot?.seq).toBe(11);
    vi.advanceTimersToNextFrame();
    expect(live.snapshot?.seq).toBe(13);
    expect(Date.now() - drawnAt).toBeLessThanOrEqual(MIN_REDRAW_MS + 16);
    expect(live.queues.find((q) => q.queue === 'sales')?.waiting).toBe(3);

    // A lost connection shows at once, whatever was drawn last.
    socket.patch(patch(14));
    socket.drop();
    expect(live.status).toBe('disconnected');
  });

  it('draws a burst of patches once', () => {
    const { live, socket } = startLive();
    const drawn: number[] = [];
    const scope = effectScope();
    scope.run(() =>
      watch(
        () => live.snapshot,
        (s) => drawn.push(s?.seq ?? -1),
        { flush: 'sync' },
      ),
    );
    vi.advanceTimersByTime(2_000);

    for (let seq = 11; seq <= 40; seq++) socket.patch(patch(seq, { queues: [waiting('sales', seq)] }));
    expect(drawn).toEqual([]);
    vi.advanceTimersToNextFrame();
    scope.stop();

    expect(drawn).toEqual([40]);
    expect(live.queues.find((q) => q.queue === 'sales')?.waiting).toBe(40);
  });

  it('follows in a hidden tab, where the browser gives no frames', () => {
    const { live, socket } = startLive();
    const frame = vi.spyOn(globalThis, 'requestAnimationFrame').mockImplementation(() => 0);
    vi.advanceTimersByTime(2_000);

    socket.patch(patch(11, { queues: [waiting('sales', 4)] }));
    vi.advanceTimersByTime(FRAME_FALLBACK_MS - 1);
    expect(live.snapshot?.seq).toBe(10);
    vi.advanceTimersByTime(1);

    expect(frame).toHaveBeenCalled();
    expect(live.snapshot?.seq).toBe(11);
  });

  it('keeps showing the last consistent data while resyncing, then replaces it whole', () => {
    const { live, socket } = startLive();
    socket.patch(patch(11, { queues: [waiting('sales', 2)] }));
    vi.advanceTimersByTime(MIN_REDRAW_MS);
    vi.advanceTimersToNextFrame();
    const before = live.snapshot;
    expect(before?.seq).toBe(11);

    socket.drop();
    expect(live.status).toBe('disconnected');
    expect(live.banner).toBe('disconnected');
    socket.accept();
    expect(live.status).toBe('resyncing');
    expect(live.banner).toBe('resyncing');
    socket.patch(patch(12, { queues: [waiting('sales', 9)] }));
    expect(live.snapshot).toBe(before);

    socket.snapshot(snapshot({ seq: 20, queues: [queue('sales', { waiting: 4 })] }));
    expect(live.status).toBe('live');
    expect(live.banner).toBeNull();
    expect(live.queues.map((q) => [q.queue, q.waiting])).toEqual([['sales', 4]]);
  });

  it('flags the data stale after 5 s without a message, within a second', async () => {
    const { live, socket } = startLive();

    await vi.advanceTimersByTimeAsync(5_000);
    expect(live.isStale).toBe(false);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(live.isStale).toBe(true);
    expect(live.banner).toBe('stale');

    socket.patch(patch(11));
    vi.advanceTimersToNextFrame();
    expect(live.isStale).toBe(false);
    expect(live.banner).toBeNull();
  });

  it('ticks nowMs every second', async () => {
    const live = useLiveStore();
    live.start();
    const seen: number[] = [];
    const scope = effectScope();
    scope.run(() =>
      watch(
        () => live.nowMs,
        (ms) => seen.push(ms - T0),
      ),
    );

    await vi.advanceTimersByTimeAsync(3_000);
    scope.stop();

    expect(seen).toEqual([1_000, 2_000, 3_000]);
  });

  it('ticks a queue’s longest wait forward in server time', async () => {
    // The server runs 2 s ahead of this screen: its snapshot says 10:00:02 when the screen's clock says 10:00:00.
    const first = snapshot({
      asOf: '2026-03-02T10:00:02.000+08:00',
      queues: [queue('sales', { waiting: 1, longestWaitS: 32, oldestOfferedAt: '2026-03-02T09:59:30.000+08:00' }), queue('support')],
    });
    const { live } = startLive(first);
    expect(live.serverOffsetMs).toBe(2_000);

    const sales = live.queues[0]!;
    expect(live.longestWaitS(sales)).toBe(32);
    await vi.advanceTimersByTimeAsync(3_000);
    expect(live.longestWaitS(sales)).toBe(35);
    expect(live.longestWaitS(live.queues[1]!)).toBeNull();
  });

  it('reports the end of the session', () => {
    const { live, socket } = startLive();

    socket.sessionEnded({ reason: 'expired' });

    expect(live.status).toBe('signedOut');
    expect(live.banner).toBe('signedOut');
    expect(live.error).toEqual({ code: 'SESSION_ENDED', message: 'expired' });
  });

  it('reports a refused scope with the offending field', async () => {
    const live = useLiveStore();
    live.start({ teams: ['west'] });
    lastSocket().accept();

    lastSocket().ack({ ok: false, error: { code: 'FORBIDDEN', message: 'team "west" is outside your scope', field: 'teams' } });
    await vi.advanceTimersByTimeAsync(0);

    expect(live.status).toBe('forbidden');
    expect(live.error?.field).toBe('teams');
  });

  it('keeps the connection when started again for the same scope, and opens a new one for another', () => {
    const { live } = startLive();

    live.start({});
    expect(sockets).toHaveLength(1);

    live.start({ queues: ['support'] });
    expect(sockets).toHaveLength(2);
    expect(sockets[0]?.disconnectCalls).toBe(1);
    expect(live.hasData).toBe(false);
    expect(live.status).toBe('connecting');
  });

  it('starts over when started again after the session ended', () => {
    const { live, socket } = startLive();
    socket.sessionEnded({ reason: 'revoked' });

    live.start();

    expect(sockets).toHaveLength(2);
    expect(live.status).toBe('connecting');
    expect(live.error).toBeNull();
  });

  it('forgets everything and stops ticking on stop', async () => {
    const { live, socket } = startLive();

    live.stop();
    expect(socket.disconnectCalls).toBe(1);
    expect(live.hasData).toBe(false);
    expect(live.status).toBe('disconnected');

    await vi.advanceTimersByTimeAsync(10_000);
    expect(live.nowMs).toBe(T0);
    expect(live.isStale).toBe(false);
    expect(vi.getTimerCount()).toBe(0);
  });
});
