/**
 * A wallboard's view of `/live` without the page: a Socket.IO client that
 * reconnects by itself, subscribes after every connect, takes the snapshot and
 * applies each patch with the wallboard's own merge (`wallboard/src/live/merge.ts`),
 * and asks for a fresh snapshot on a gap, as the wallboard does.
 */
import type { LivePatch, LiveSnapshot } from '@callboard/api';
import { type Socket, io } from 'socket.io-client';
import { applyPatch, applySnapshot } from '../../wallboard/src/live/merge.js';
import type { Client } from './auth.js';

export class LiveFollower {
  /** The scope as the board holds it: the last snapshot with every later patch applied. */
  state: LiveSnapshot | undefined;
  snapshots = 0;
  patches = 0;
  gaps = 0;
  private readonly socket: Socket;
  private awaitingSnapshot = true;

  constructor(url: string, who: Client) {
    this.socket = io(`${url}/live`, {
      transports: ['websocket'],
      extraHeaders: { cookie: who.cookie!, origin: url },
      reconnectionDelay: 200,
      reconnectionDelayMax: 1000,
    });
    this.socket.on('connect', () => this.subscribe());
    this.socket.on('snapshot', (s: LiveSnapshot) => {
      this.state = applySnapshot(s);
      this.awaitingSnapshot = false;
      this.snapshots++;
    });
    this.socket.on('patch', (p: LivePatch) => {
      if (this.awaitingSnapshot || !this.state) return;
      const { state, gap } = applyPatch(this.state, p);
      this.patches++;
      if (gap) {
        this.gaps++;
        this.subscribe();
        return;
      }
      this.state = state;
    });
  }

  get connected(): boolean {
    return this.socket.connected;
  }

  private subscribe(): void {
    this.awaitingSnapshot = true;
    this.socket.emit('subscribe', {}, () => undefined);
  }

  /** The connection is lost (its transport closes); the client reconnects by itself. */
  dropTransport(): void {
    this.socket.io.engine.close();
  }

  /** The socket is closed for `ms`, then opened again. */
  async disconnectFor(ms: number): Promise<void> {
    this.socket.disconnect();
    await new Promise((r) => setTimeout(r, ms));
    this.socket.connect();
  }

  close(): void {
    this.socket.disconnect();
  }
}

const byKey =
  <T>(key: (x: T) => string) =>
  (x: T, y: T) =>
    key(x) < key(y) ? -1 : key(x) > key(y) ? 1 : 0;

/**
 * What depends on the moment asked (and the process's own numbering) is left
 * out, and queues and agents are taken by name (a board adds a queue it
 * learns of from a patch at the end); everything else must match.
 */
export function comparableSnapshot(s: LiveSnapshot) {
  const figures = (f: LiveSnapshot['totals']) => ({ ...f, busyS: 0, availableS: 0, occupancy: 0 });
  return {
    day: s.day,
    lastEventAt: s.lastEventAt,
    totals: figures(s.totals),
    totalsAgents: s.totalsAgents,
    queues: [...s.queues].sort(byKey((q) => q.queue)).map((q) => ({
      ...q,
      longestWaitS: 0,
      waitingCalls: q.waitingCalls.map((w) => ({ ...w, waitS: 0 })),
      today: figures(q.today),
      byCallType: Object.fromEntries(Object.entries(q.byCallType).map(([k, f]) => [k, figures(f)])),
      staffing: null,
    })),
    agents: [...s.agents].sort(byKey((x) => x.agentId)).map((x) => ({ ...x, overrun: false })),
    breaches: s.breaches.map((x) => x.id),
    breachCounts: { ...s.breachCounts, atRisk: 0 },
  };
}
