/**
 * For tests only: a socket the test drives as the server and the network
 * would, behaving as socket.io-client does where the connection depends on it
 * (`active` false after a refused handshake or a kick; unanswered acks fail on
 * disconnect).
 */
import type { LivePatch, LiveServerToClientEvents, LiveSnapshot, SessionEnded, SubscribeAck, SubscribeRequest } from '@callboard/api/wire';
import type { ConnectError, LiveSocket, SocketFactory } from '../live/connection';

/** What the socket reports: socket.io-client's own events and the server's. */
interface ReportedEvents extends LiveServerToClientEvents {
  connect: () => void;
  disconnect: (reason: string) => void;
  connect_error: (err: ConnectError) => void;
}
type Reported = keyof ReportedEvents;

interface PendingSubscribe {
  request: SubscribeRequest;
  timeoutMs: number;
  resolve: (ack: SubscribeAck) => void;
  reject: (err: Error) => void;
}

export class FakeSocket implements LiveSocket {
  connected = false;
  active = true;
  /** Every `subscribe` sent, answered or not. */
  readonly subscribes: SubscribeRequest[] = [];
  connectCalls = 0;
  disconnectCalls = 0;
  private pending: PendingSubscribe[] = [];
  private readonly listeners = new Map<Reported, ReportedEvents[Reported][]>();

  on<E extends Reported>(event: E, listener: ReportedEvents[E]): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }

  timeout(ms: number) {
    return {
      emitWithAck: (_event: 'subscribe', request: SubscribeRequest) =>
        new Promise<SubscribeAck>((resolve, reject) => {
          this.subscribes.push(request);
          this.pending.push({ request, timeoutMs: ms, resolve, reject });
        }),
    };
  }

  connect(): this {
    this.connectCalls++;
    this.active = true;
    return this;
  }

  disconnect(): this {
    this.disconnectCalls++;
    this.active = false;
    if (this.connected) this.close('io client disconnect');
    return this;
  }

  // What the server and the network do:

  /** The handshake succeeded. */
  accept(): void {
    this.connected = true;
    this.emit('connect');
  }

  /** Answers the oldest unanswered `subscribe`. */
  ack(response: SubscribeAck): void {
    const next = this.pending.shift();
    if (!next) throw new Error('no subscribe to answer');
    next.resolve(response);
  }

  /** The oldest unanswered `subscribe` got no answer in time. */
  ackTimesOut(): void {
    const next = this.pending.shift();
    if (!next) throw new Error('no subscribe to time out');
    next.reject(new Error('operation has timed out'));
  }

  get unanswered(): number {
    return this.pending.length;
  }

  snapshot(snapshot: LiveSnapshot): void {
    this.emit('snapshot', snapshot);
  }

  patch(patch: LivePatch): void {
    this.emit('patch', patch);
  }

  sessionEnded(ended: SessionEnded): void {
    this.emit('session_ended', ended);
  }

  /** The server middleware refused the handshake (with the server's code), or the server could not be reached (no code). */
  refuse(message: string, code?: string): void {
    if (code !== undefined) this.active = false;
    const err: ConnectError = Object.assign(new Error(message), code === undefined ? {} : { data: { code } });
    this.emit('connect_error', err);
  }

  /** The connection broke (`transport close`, `ping timeout`) or the server let go (`io server disconnect`). */
  drop(reason = 'transport close'): void {
    if (reason === 'io server disconnect') this.active = false;
    this.close(reason);
  }

  private close(reason: string): void {
    this.connected = false;
    this.emit('disconnect', reason);
    const pending = this.pending;
    this.pending = [];
    for (const p of pending) p.reject(new Error('socket has been disconnected'));
  }

  private emit<E extends Reported>(event: E, ...args: Parameters<ReportedEvents[E]>): void {
    for (const listener of this.listeners.get(event) ?? []) (listener as (...a: Parameters<ReportedEvents[E]>) => void)(...args);
  }
}

/** A socket factory that keeps every socket it made, the newest last. */
export function fakeSockets(): { factory: SocketFactory; sockets: FakeSocket[]; last: () => FakeSocket } {
  const sockets: FakeSocket[] = [];
  return {
    factory: () => {
      const socket = new FakeSocket();
      sockets.push(socket);
      return socket;
    },
    sockets,
    last: () => {
      const socket = sockets.at(-1);
      if (!socket) throw new Error('no socket made yet');
      return socket;
    },
  };
}
