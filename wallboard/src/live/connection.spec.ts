import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { LiveQueuePatch, SubscribeAck } from '@callboard/api/wire';
import { ACK_TIMEOUT_MS, LiveConnection, STALE_MS, backoffMs } from './connection';
import { fakeSockets } from '../testing/fakeSocket';
import { patch, queue, snapshot } from '../testing/live.fixture';

const OK: SubscribeAck = { ok: true, seq: 10, subscription: { queues: null, teams: null } };

function waiting(name: string, n: number): LiveQueuePatch {
  const { rules: _r, lastWeek: _w, ...rest } = queue(name, { waiting: n });
  return rest;
}

/** Lets the connection read a `subscribe` answer (a resolved promise). */
async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await Promise.resolve();
}

/** A connection on a fake socket; `random` 0.5 makes every backoff its middle value (1 s, 2 s, 4 s …). */
function setup() {
  const fakes = fakeSockets();
  const conn = new LiveConnection({ socketFactory: fakes.factory, random: () => 0.5 });
  const changes = vi.fn();
  conn.onChange(changes);
  return { conn, fakes, changes };
}

/** Connected, subscribed and holding the fixture's snapshot (seq 10). */
async function liveSetup() {
  const s = setup();
  s.conn.connect({ queues: ['sales', 'support'] });
  const socket = s.fakes.last();
  socket.accept();
  socket.snapshot(snapshot());
  socket.ack(OK);
  await settle();
  return { ...s, socket };
}

describe('LiveConnection', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: Date.parse('2026-03-02T10:00:00.000+08:00') });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('subscribes once connected and is live from the first snapshot', async () => {
    const { conn, fakes } = setup();

    conn.connect({ queues: ['sales'] });
    expect(conn.status).toBe('connecting');
    const socket = fakes.last();
    expect(socket.subscribes).toEqual([]);

    socket.accept();
    expect(socket.subscribes).toEqual([{ queues: ['sales'] }]);
    expect(conn.status).toBe('connecting');

    socket.snapshot(snapshot());
    socket.ack(OK);
    await settle();
    expect(conn.status).toBe('live');
    expect(conn.data?.seq).toBe(10);

    socket.patch(patch(11, { queues: [waiting('sales', 2)] }));
    expect(conn.data?.seq).toBe(11);
    expect(conn.data?.queues[0]?.waiting).toBe(2);
  });

  it('sends the whole scope as an empty request when no lists are given', () => {
    const { conn, fakes } = setup();

    conn.connect();
    fakes.last().accept();

    expect(fakes.last().subscribes).toEqual([{}]);
  });

  it('applies no patch before the first snapshot', () => {
    const { conn, fakes } = setup();
    conn.connect();
    const socket = fakes.last();
    socket.accept();

    socket.patch(patch(11, { queues: [waiting('sales', 2)] }));

    expect(conn.data).toBeNull();
    expect(conn.lastMessageAt).toBeNull();
  });

  it('keeps the last data through a disconnection, then resubscribes and shows nothing new until the snapshot', async () => {
    const { conn, socket } = await liveSetup();
    socket.patch(patch(11, { queues: [waiting('sales', 2)] }));
    const before = conn.data;

    socket.drop('transport close');
    expect(conn.status).toBe('disconnected');
    expect(conn.data).toBe(before);

    // socket.io reconnects by itself; the connection subscribes again.
    socket.accept();
    expect(conn.status).toBe('resyncing');
    expect(socket.subscribes).toHaveLength(2);

    // The room moved on while this screen was away: patch 12 of the old stream must not land on the old data.
    socket.patch(patch(12, { queues: [waiting('sales', 7)] }));
    expect(conn.data).toBe(before);
    expect(conn.status).toBe('resyncing');

    socket.snapshot(snapshot({ seq: 30, queues: [queue('sales', { waiting: 5 })] }));
    socket.ack({ ...OK, seq: 30 });
    await settle();
    expect(conn.status).toBe('live');
    expect(conn.data?.seq).toBe(30);
    expect(conn.data?.queues.map((q) => [q.queue, q.waiting])).toEqual([['sales', 5]]);

    socket.patch(patch(31, { queues: [waiting('sales', 6)] }));
    expect(conn.data?.queues[0]?.waiting).toBe(6);
  });

  it('asks for a snapshot again after a missed patch, applying none until it comes', async () => {
    const { conn, socket } = await liveSetup();
    const before = conn.data;

    socket.patch(patch(12, { queues: [waiting('sales', 9)] }));
    expect(conn.status).toBe('resyncing');
    expect(conn.data).toBe(before);
    expect(socket.subscribes).toHaveLength(2);

    socket.patch(patch(13, { queues: [waiting('sales', 8)] }));
    expect(conn.data).toBe(before);
    // Still one request for the snapshot: later patches do not ask again.
    expect(socket.subscribes).toHaveLength(2);

    socket.snapshot(snapshot({ seq: 13, queues: [queue('sales', { waiting: 8 })] }));
    socket.ack({ ...OK, seq: 13 });
    await settle();
    expect(conn.status).toBe('live');
    expect(conn.data?.queues[0]?.waiting).toBe(8);
  });

  it('takes a snapshot the server sends unasked, replacing everything', async () => {
    const { conn, socket } = await liveSetup();
    socket.patch(patch(11, { queues: [waiting('support', 4)] }));

    socket.snapshot(snapshot({ seq: 12, day: '2026-03-03', queues: [queue('sales')] }));

    expect(conn.status).toBe('live');
    expect(conn.data?.day).toBe('2026-03-03');
    expect(conn.data?.queues.map((q) => q.queue)).toEqual(['sales']);
    expect(socket.subscribes).toHaveLength(1);
  });

  it('is signed out when the session ends, and stops reconnecting', async () => {
    const { conn, socket, fakes } = await liveSetup();

    socket.sessionEnded({ reason: 'revoked' });
    socket.drop('io server disconnect');

    expect(conn.status).toBe('signedOut');
    expect(conn.error).toEqual({ code: 'SESSION_ENDED', message: 'revoked' });
    expect(socket.disconnectCalls).toBe(1);
    expect(socket.active).toBe(false);

    await vi.advanceTimersByTimeAsync(60_000);
    expect(socket.connectCalls).toBe(0);
    expect(fakes.sockets).toHaveLength(1);
    expect(conn.status).toBe('signedOut');
  });

  it.each(['SESSION_EXPIRED', 'UNAUTHENTICATED'])('is signed out when a reconnect is refused with %s', async (code) => {
    const { conn, socket } = await liveSetup();
    socket.drop('ping timeout');

    socket.refuse('session expired; sign in again', code);

    expect(conn.status).toBe('signedOut');
    expect(conn.error?.code).toBe(code);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(socket.connectCalls).toBe(0);
  });

  it('is signed out when a subscribe finds the session expired', async () => {
    const { conn, fakes } = setup();
    conn.connect();
    const socket = fakes.last();
    socket.accept();

    socket.ack({ ok: false, error: { code: 'SESSION_EXPIRED', message: 'session expired; sign in again' } });
    await settle();

    expect(conn.status).toBe('signedOut');
    expect(socket.disconnectCalls).toBe(1);
  });

  it('reports a refused handshake and does not retry', async () => {
    const { conn, fakes } = setup();
    conn.connect();
    const socket = fakes.last();

    socket.refuse('role agent may not watch the live wallboard', 'FORBIDDEN');

    expect(conn.status).toBe('forbidden');
    expect(conn.error).toEqual({ code: 'FORBIDDEN', message: 'role agent may not watch the live wallboard' });
    await vi.advanceTimersByTimeAsync(60_000);
    expect(socket.connectCalls).toBe(0);
  });

  it('reports a scope outside the session’s, with the field', async () => {
    const { conn, fakes } = setup();
    conn.connect({ queues: ['vip'] });
    const socket = fakes.last();
    socket.accept();

    socket.ack({ ok: false, error: { code: 'FORBIDDEN', message: 'queue "vip" is outside your scope', field: 'queues' } });
    await settle();

    expect(conn.status).toBe('forbidden');
    expect(conn.error).toEqual({ code: 'FORBIDDEN', message: 'queue "vip" is outside your scope', field: 'queues' });
  });

  it('leaves retrying an unreachable server to socket.io', async () => {
    const { conn, fakes } = setup();
    conn.connect();
    const socket = fakes.last();

    socket.refuse('xhr poll error');

    expect(conn.status).toBe('disconnected');
    expect(conn.error?.code).toBe('UNREACHABLE');
    await vi.advanceTimersByTimeAsync(60_000);
    expect(socket.connectCalls).toBe(0);
  });

  it('retries with backoff a refusal socket.io does not retry, and a kick', async () => {
    const { conn, socket } = await liveSetup();

    socket.drop('io server disconnect');
    expect(conn.status).toBe('disconnected');
    await vi.advanceTimersByTimeAsync(999);
    expect(socket.connectCalls).toBe(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(socket.connectCalls).toBe(1);

    // The handshake then fails inside the server (no code): the next try waits twice as long.
    Object.assign(socket, { active: false });
    socket.refuse('internal error');
    await vi.advanceTimersByTimeAsync(1_999);
    expect(socket.connectCalls).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(socket.connectCalls).toBe(2);

    socket.accept();
    socket.snapshot(snapshot({ seq: 20 }));
    expect(conn.status).toBe('live');
  });

  it('retries a session full of sockets later, with backoff, keeping what it shows', async () => {
    const { conn, socket } = await liveSetup();
    const shown = conn.data;
    socket.drop('transport close');

    socket.refuse('this session already holds 8 live connections (at most 8); close one', 'TOO_MANY_SOCKETS');
    expect(conn.status).toBe('disconnected');
    expect(conn.error?.code).toBe('TOO_MANY_SOCKETS');
    expect(conn.data).toBe(shown);
    await vi.advanceTimersByTimeAsync(999);
    expect(socket.connectCalls).toBe(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(socket.connectCalls).toBe(1);

    // Refused again: twice as long.
    socket.refuse('this session already holds 8 live connections (at most 8); close one', 'TOO_MANY_SOCKETS');
    await vi.advanceTimersByTimeAsync(1_999);
    expect(socket.connectCalls).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(socket.connectCalls).toBe(2);
  });

  it('asks for a rate-limited snapshot once more when the server allows it, not in a loop', async () => {
    const { conn, socket } = await liveSetup();
    const shown = conn.data;

    socket.patch(patch(12, { queues: [waiting('sales', 9)] }));
    expect(socket.subscribes).toHaveLength(2);
    socket.ack({ ok: false, error: { code: 'RATE_LIMITED', message: 'too many subscribes', retryAfterMs: 2_500 } });
    await settle();
    expect(conn.status).toBe('resyncing');
    expect(conn.error?.code).toBe('RATE_LIMITED');
    expect(conn.data).toBe(shown);

    // The server's 2.5 s outweigh the first backoff (1 s); patches meanwhile ask nothing.
    socket.patch(patch(13, { queues: [waiting('sales', 8)] }));
    await vi.advanceTimersByTimeAsync(2_499);
    expect(socket.subscribes).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(socket.subscribes).toHaveLength(3);

    // Refused again with 200 ms to go: the backoff (2 s) rules.
    socket.ack({ ok: false, error: { code: 'RATE_LIMITED', message: 'too many subscribes', retryAfterMs: 200 } });
    await settle();
    await vi.advanceTimersByTimeAsync(1_999);
    expect(socket.subscribes).toHaveLength(3);
    await vi.advanceTimersByTimeAsync(1);
    expect(socket.subscribes).toHaveLength(4);

    socket.snapshot(snapshot({ seq: 14 }));
    socket.ack({ ...OK, seq: 14 });
    await settle();
    expect(conn.status).toBe('live');
    expect(conn.data?.seq).toBe(14);
  });

  it('asks again when a subscribe goes unanswered', async () => {
    const { conn, fakes } = setup();
    conn.connect();
    const socket = fakes.last();
    socket.accept();

    socket.ackTimesOut();
    await settle();
    expect(conn.error?.code).toBe('TIMEOUT');
    expect(socket.subscribes).toHaveLength(1);

    await vi.advanceTimersByTimeAsync(1_000);
    expect(socket.subscribes).toHaveLength(2);
    socket.snapshot(snapshot());
    expect(conn.status).toBe('live');
  });

  it('gives the server ACK_TIMEOUT_MS to answer a subscribe', () => {
    const { conn, fakes } = setup();
    conn.connect();
    const socket = fakes.last();
    const spy = vi.spyOn(socket, 'timeout');

    socket.accept();

    expect(spy).toHaveBeenCalledWith(ACK_TIMEOUT_MS);
  });

  it('is stale after 5 s without a message, heartbeats included', async () => {
    const { conn, socket } = await liveSetup();
    const t0 = Date.now();

    vi.advanceTimersByTime(STALE_MS);
    expect(conn.stale(Date.now())).toBe(false);
    vi.advanceTimersByTime(1);
    expect(conn.stale(Date.now())).toBe(true);

    // An empty heartbeat patch is a message.
    socket.patch(patch(11));
    expect(conn.lastMessageAt).toBe(t0 + STALE_MS + 1);
    expect(conn.stale(Date.now())).toBe(false);
  });

  it('counts staleness from connect while no message has come', () => {
    const { conn } = setup();
    conn.connect();

    vi.advanceTimersByTime(STALE_MS + 1);

    expect(conn.stale(Date.now())).toBe(true);
  });

  it('is never stale before it is asked to connect', () => {
    const { conn } = setup();

    expect(conn.stale(Date.now() + 60_000)).toBe(false);
  });

  it('estimates the server clock from asOf', async () => {
    const { conn, socket } = await liveSetup();
    // The snapshot's asOf is 10:00:00.000 +08:00, received at exactly that client time.
    expect(conn.serverOffsetMs).toBe(0);

    // The client clock runs 1.5 s behind the server: patch 11 (asOf 10:00:02) arrives at 10:00:00.5.
    vi.advanceTimersByTime(500);
    socket.patch(patch(11));

    expect(conn.serverOffsetMs).toBe(1_500);
  });

  it('drops the old socket and its data when connected to another scope', async () => {
    const { conn, socket, fakes } = await liveSetup();

    conn.connect({ queues: ['support'] });
    expect(socket.disconnectCalls).toBe(1);
    expect(conn.data).toBeNull();
    expect(conn.status).toBe('connecting');

    // Late messages of the old socket change nothing.
    socket.snapshot(snapshot({ seq: 99 }));
    expect(conn.data).toBeNull();

    const next = fakes.last();
    expect(next).not.toBe(socket);
    next.accept();
    expect(next.subscribes).toEqual([{ queues: ['support'] }]);
  });

  it('forgets everything on close and ignores the socket afterwards', async () => {
    const { conn, socket, changes } = await liveSetup();
    changes.mockClear();

    conn.close();
    socket.patch(patch(11));

    expect(conn.status).toBe('disconnected');
    expect(conn.data).toBeNull();
    expect(socket.disconnectCalls).toBe(1);
    expect(changes).toHaveBeenCalledTimes(1);
  });

  it('tells its listeners of each change, until they unsubscribe', async () => {
    const { conn, socket, changes } = await liveSetup();
    const other = vi.fn();
    const off = conn.onChange(other);
    changes.mockClear();

    socket.patch(patch(11));
    off();
    socket.patch(patch(12));

    expect(changes).toHaveBeenCalledTimes(2);
    expect(other).toHaveBeenCalledTimes(1);
  });
});

describe('backoffMs', () => {
  it('doubles from 1 s up to 15 s, with ±50 % jitter', () => {
    expect([0, 1, 2, 3, 4, 5, 10].map((n) => backoffMs(n, () => 0.5))).toEqual([1_000, 2_000, 4_000, 8_000, 15_000, 15_000, 15_000]);
    expect(backoffMs(0, () => 0)).toBe(500);
    expect(backoffMs(0, () => 1)).toBe(1_500);
    expect(backoffMs(3, () => 0)).toBe(4_000);
  });
});
