/**
 * The wallboard's one socket: the `/live` namespace (SPEC §6, server side in
 * `api/src/live/live.gateway.ts`). It subscribes on every (re)connect, holds
 * the scope as the last snapshot plus the patches after it (`merge.ts`), and
 * never mixes the two streams: between a (re)connect or a missed patch and the
 * next snapshot no patch is applied, and the status says `resyncing`.
 */
import { io, type Socket } from 'socket.io-client';
import type { LiveClientToServerEvents, LiveServerToClientEvents, SubscribeAck, SubscribeRequest } from '@callboard/api/wire';
import { applyPatch, applySnapshot, type LiveState } from './merge';
import { ServerClock } from './serverClock';

/**
 * - `connecting`: no data yet, waiting for the first snapshot;
 * - `live`: the data follows the server;
 * - `resyncing`: connected again (or a patch was missed); the data shown is
 *   the last consistent state, until a fresh snapshot replaces it;
 * - `disconnected`: the connection is lost and being retried (also before
 *   `connect` and after `close`);
 * - `signedOut`: the session ended; nothing is retried;
 * - `forbidden`: the server refused this screen or this scope (`error.code`
 *   FORBIDDEN, ORIGIN or BAD_REQUEST); nothing is retried.
 */
export type LiveStatus = 'connecting' | 'live' | 'resyncing' | 'disconnected' | 'signedOut' | 'forbidden';

export interface LiveError {
  /**
   * The server's code (UNAUTHENTICATED, SESSION_EXPIRED, FORBIDDEN, ORIGIN,
   * BAD_REQUEST; TOO_MANY_SOCKETS and RATE_LIMITED, both retried later),
   * SESSION_ENDED (`session_ended`), UNREACHABLE (no connection) or TIMEOUT
   * (`subscribe` unanswered).
   */
  code: string;
  message: string;
  field?: string;
}

/** Data older than this (by the client's clock) is flagged on the wallboard; the server sends at least every 2 s. */
export const STALE_MS = 5_000;
/** A `subscribe` unanswered this long is sent again. */
export const ACK_TIMEOUT_MS = 10_000;

/** Retries socket.io does not make itself (a refused handshake, a kick, an unanswered subscribe): as its own reconnection. */
const RETRY_MIN_MS = 1_000;
const RETRY_MAX_MS = 15_000;
const RETRY_JITTER = 0.5;

/** A handshake refusal: socket.io puts the server's `err.data` here. */
export interface ConnectError extends Error {
  data?: { code?: unknown };
}

/** The arguments of a client event answered with an acknowledgement: the payload, and what the answer carries. */
type AckedEvent<E extends keyof LiveClientToServerEvents> = LiveClientToServerEvents[E] extends (
  payload: infer P,
  ack: (response: infer A) => void,
) => void
  ? { payload: P; ack: A }
  : never;

/** What the connection uses of a socket.io-client `Socket` on `/live`, typed by the server's event maps. */
export interface LiveSocket {
  readonly connected: boolean;
  /** Whether socket.io will reconnect by itself (false after a refused handshake or a server-side disconnect). */
  readonly active: boolean;
  on(event: 'connect', listener: () => void): unknown;
  on(event: 'disconnect', listener: (reason: string) => void): unknown;
  on(event: 'connect_error', listener: (err: ConnectError) => void): unknown;
  on(event: 'snapshot', listener: LiveServerToClientEvents['snapshot']): unknown;
  on(event: 'patch', listener: LiveServerToClientEvents['patch']): unknown;
  on(event: 'session_ended', listener: LiveServerToClientEvents['session_ended']): unknown;
  timeout(ms: number): {
    emitWithAck(event: 'subscribe', request: AckedEvent<'subscribe'>['payload']): Promise<AckedEvent<'subscribe'>['ack']>;
  };
  connect(): unknown;
  disconnect(): unknown;
}

export type SocketFactory = () => LiveSocket;

/** The `/live` namespace on this origin; the session cookie authenticates the handshake. */
export const liveSocket: SocketFactory = () => {
  const socket: Socket<LiveServerToClientEvents, LiveClientToServerEvents> = io('/live', {
    withCredentials: true,
    // One manager per connection: a closed connection leaves nothing to share.
    forceNew: true,
    reconnectionDelay: RETRY_MIN_MS,
    reconnectionDelayMax: RETRY_MAX_MS,
    randomizationFactor: RETRY_JITTER,
  });
  return socket;
};

/** Delay before retry number `attempt` (0-based): doubling from 1 s up to 15 s, ± 50 %. */
export function backoffMs(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(RETRY_MAX_MS, RETRY_MIN_MS * 2 ** attempt);
  return Math.round(base * (1 - RETRY_JITTER + 2 * RETRY_JITTER * random()));
}

export interface LiveConnectionOptions {
  socketFactory?: SocketFactory;
  /** The client's clock. */
  now?: () => number;
  random?: () => number;
}

export class LiveConnection {
  status: LiveStatus = 'disconnected';
  /** The scope as last known consistent; kept through a disconnection, replaced whole by the next snapshot. */
  data: LiveState | null = null;
  error: LiveError | null = null;
  /** Client clock when the data last moved (a snapshot, or a patch including the empty heartbeat). */
  lastMessageAt: number | null = null;

  private socket: LiveSocket | undefined;
  private request: SubscribeRequest = {};
  private startedAt: number | null = null;
  /** No patch applies until a snapshot arrives. */
  private awaitingSnapshot = true;
  /** Numbers `subscribe` requests: only the answer to the latest counts. */
  private attempt = 0;
  private retries = 0;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly clock = new ServerClock();
  private readonly listeners = new Set<() => void>();
  private readonly socketFactory: SocketFactory;
  private readonly now: () => number;
  private readonly random: () => number;

  constructor({ socketFactory = liveSocket, now = Date.now, random = Math.random }: LiveConnectionOptions = {}) {
    this.socketFactory = socketFactory;
    this.now = now;
    this.random = random;
  }

  /** Server − client clock in ms, from the messages' `asOf`; null before the first. */
  get serverOffsetMs(): number | null {
    return this.clock.offsetMs;
  }

  /** No message for more than 5 s (counted from `connect` while none has come). */
  stale(nowMs: number): boolean {
    return isStale(this.lastMessageAt ?? this.startedAt, nowMs);
  }

  /** Calls `listener` after every change of status, data or error; returns the unsubscribe. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Opens a socket for this scope, dropping any previous socket and its data. */
  connect(subscription: SubscribeRequest = {}): void {
    this.detach();
    this.request = {
      ...(subscription.queues ? { queues: [...subscription.queues] } : {}),
      ...(subscription.teams ? { teams: [...subscription.teams] } : {}),
    };
    this.data = null;
    this.error = null;
    this.lastMessageAt = null;
    this.startedAt = this.now();
    this.awaitingSnapshot = true;
    this.retries = 0;
    this.clock.reset();
    this.status = 'connecting';
    const socket = this.socketFactory();
    this.socket = socket;
    this.listen(socket);
    this.changed();
  }

  /** Closes the socket and forgets the data. */
  close(): void {
    this.detach();
    this.data = null;
    this.error = null;
    this.lastMessageAt = null;
    this.startedAt = null;
    this.status = 'disconnected';
    this.changed();
  }

  private listen(socket: LiveSocket): void {
    const current = () => socket === this.socket;

    socket.on('connect', () => {
      if (!current()) return;
      this.error = null;
      this.resync(socket);
    });

    socket.on('snapshot', (snapshot) => {
      if (!current()) return;
      this.data = applySnapshot(snapshot);
      this.received(snapshot.asOf);
      this.awaitingSnapshot = false;
      this.retries = 0;
      this.status = 'live';
      this.changed();
    });

    socket.on('patch', (patch) => {
      if (!current() || this.awaitingSnapshot || this.data === null) return;
      const { state, gap } = applyPatch(this.data, patch);
      if (gap) {
        this.resync(socket);
        return;
      }
      if (state === this.data) return;
      this.data = state;
      this.received(patch.asOf);
      this.changed();
    });

    socket.on('session_ended', ({ reason }) => {
      if (!current()) return;
      this.end('signedOut', { code: 'SESSION_ENDED', message: reason });
    });

    socket.on('connect_error', (err) => {
      if (!current()) return;
      const code = typeof err.data?.code === 'string' ? err.data.code : undefined;
      switch (code) {
        case 'UNAUTHENTICATED':
        case 'SESSION_EXPIRED':
          this.end('signedOut', { code, message: err.message });
          return;
        case 'FORBIDDEN':
        case 'ORIGIN':
          this.end('forbidden', { code, message: err.message });
          return;
        default:
          // No code, or one of a later server: the connection failed, try again.
          break;
      }
      this.error = { code: code ?? 'UNREACHABLE', message: err.message };
      this.lost();
      // A refusal without a code (the server failed checking the session) is not retried by socket.io.
      if (!socket.active) this.retryLater(() => socket.connect());
    });

    socket.on('disconnect', (reason) => {
      if (!current()) return;
      this.lost();
      // The server let go of the socket without saying the session ended: socket.io leaves it there.
      if (reason === 'io server disconnect') this.retryLater(() => socket.connect());
    });
  }

  /** Asks for a fresh snapshot and applies no patch until it arrives. */
  private resync(socket: LiveSocket): void {
    this.awaitingSnapshot = true;
    this.status = this.data === null ? 'connecting' : 'resyncing';
    this.changed();
    void this.subscribe(socket);
  }

  private async subscribe(socket: LiveSocket): Promise<void> {
    const attempt = ++this.attempt;
    const stillAsked = () => socket === this.socket && attempt === this.attempt;
    let ack: SubscribeAck;
    try {
      ack = await socket.timeout(ACK_TIMEOUT_MS).emitWithAck('subscribe', this.request);
    } catch (caught) {
      // Disconnected meanwhile: the next `connect` subscribes again. Still connected: the server did not answer.
      if (!stillAsked() || !socket.connected) return;
      this.error = { code: 'TIMEOUT', message: caught instanceof Error ? caught.message : String(caught) };
      this.changed();
      this.retryLater(() => {
        if (socket.connected) this.resync(socket);
      });
      return;
    }
    if (!stillAsked() || ack.ok) return;
    if (ack.error.code === 'RATE_LIMITED') {
      // Asked too often (gaps in a row): once, when the server will take it again.
      this.error = { code: ack.error.code, message: ack.error.message };
      this.changed();
      this.retryLater(() => {
        if (socket.connected) this.resync(socket);
      }, ack.error.retryAfterMs);
      return;
    }
    const error: LiveError = { code: ack.error.code, message: ack.error.message };
    if (ack.error.field !== undefined) error.field = ack.error.field;
    this.end(ack.error.code === 'SESSION_EXPIRED' ? 'signedOut' : 'forbidden', error);
  }

  private received(asOf: string): void {
    const at = this.now();
    this.lastMessageAt = at;
    this.clock.sample(asOf, at);
  }

  private lost(): void {
    this.awaitingSnapshot = true;
    this.status = 'disconnected';
    this.changed();
  }

  /** Nothing will be retried: the session ended, or the server refuses. The last data stays for the page to grey out. */
  private end(status: 'signedOut' | 'forbidden', error: LiveError): void {
    this.detach();
    this.status = status;
    this.error = error;
    this.changed();
  }

  /** `action` after the next backoff delay, and not before `atLeastMs`. */
  private retryLater(action: () => void, atLeastMs = 0): void {
    clearTimeout(this.retryTimer);
    const socket = this.socket;
    this.retryTimer = setTimeout(
      () => {
        this.retryTimer = undefined;
        if (socket === this.socket) action();
      },
      Math.max(atLeastMs, backoffMs(this.retries++, this.random)),
    );
  }

  /** Lets go of the socket: whatever it still reports is ignored. */
  private detach(): void {
    clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    const socket = this.socket;
    this.socket = undefined;
    socket?.disconnect();
  }

  private changed(): void {
    for (const listener of this.listeners) listener();
  }
}

/** No message since `sinceMs` for more than `STALE_MS`; never stale while nothing was started. */
export function isStale(sinceMs: number | null, nowMs: number): boolean {
  return sinceMs !== null && nowMs - sinceMs > STALE_MS;
}
