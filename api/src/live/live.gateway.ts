/**
 * The `/live` namespace (SPEC §6). Authorized on the handshake (session token
 * from the cookie or `auth.token`; the role must see wallboards), and again on
 * every `subscribe` (the session must still stand; the queues and teams asked
 * for must be inside the scope). Ended sessions disconnect their sockets at
 * once: logout, a disabled user, a revoked kiosk token; a sweep catches
 * sessions that simply expired.
 *
 * Bounded per session and per socket: a session holds at most
 * CALLBOARD_LIVE_SOCKETS sockets, and each `subscribe` (a whole snapshot) is
 * paid from a token bucket, refused cheaply when it is empty.
 *
 * Each room's patch is encoded once and the same frame written to all its
 * sockets; what costs is the write per socket. So that hundreds of wallboards
 * never starve ingest and the live engine, building and sending patches takes
 * at most a third of the event loop: after a round that took d ms, the changes
 * of the next 2·d ms are gathered into one round.
 */
import { Inject, type OnModuleDestroy } from '@nestjs/common';
import { ConnectedSocket, MessageBody, type OnGatewayInit, SubscribeMessage, WebSocketGateway, WebSocketServer } from '@nestjs/websockets';
import { fastifyCookie } from '@fastify/cookie';
import { Logger } from 'nestjs-pino';
import type { Namespace, Socket } from 'socket.io';
import { can, inScope } from '../auth/access/roles.js';
import { AuditService } from '../auth/audit/audit.service.js';
import { SESSION_COOKIE } from '../auth/sessions/cookies.js';
import type { Principal } from '../auth/access/principal.js';
import type { Revocation } from '../auth/sessions/revocations.js';
import { outsideScope } from '../auth/access/scope.js';
import { SessionsService } from '../auth/sessions/sessions.service.js';
import type { ApiError } from '../common/errors.js';
import { type AppConfig, CONFIG } from '../config/config.js';
import { parseInput } from '../common/validation.js';
import type { DirtySet } from './live-state.js';
import type { LiveFlush } from './live.service.js';
import { LiveService } from './live.service.js';
import type {
  LiveClientToServerEvents,
  LivePatch,
  LiveQueue,
  LiveServerToClientEvents,
  SubscribeAck,
  SubscribeRequest,
  Subscription,
} from './live.wire.js';
import { subscribeRequestSchema } from './live.wire.js';
import { type RoomSent, buildPatch, forget, heartbeat, nothingSent, sentSnapshot } from './patch.js';
import { TokenBucket } from './token-bucket.js';

interface SocketData {
  principal: Principal;
  sessionId: string;
  /** Pays for `subscribe`s: each one builds a whole snapshot. */
  subscribes: TokenBucket;
  subscription?: Subscription;
  /** The scope room the socket gets patches in. */
  room?: string;
  /** Patches were withheld (slow connection): the next message must be a snapshot. */
  behind?: boolean;
}

/** One scope many wallboards may share: patches are built once per room and numbered per room. */
interface ScopeRoom {
  sub: Subscription;
  seq: number;
  lastSentMs: number;
  /** What the room holds: patches leave out what stays the same. */
  sent: RoomSent;
}

/** The gateway emits nothing to other server instances (`serverSideEmit`). */
type LiveNamespace = Namespace<LiveClientToServerEvents, LiveServerToClientEvents, Record<string, never>, SocketData>;
type LiveSocket = Socket<LiveClientToServerEvents, LiveServerToClientEvents, Record<string, never>, SocketData>;

const SWEEP_MS = 15_000;
/** A socket with more packets than this waiting to be written gets no patches until it drains, then a snapshot. */
const MAX_BUFFERED_PACKETS = 8;
/** An otherwise quiet room hears at least this often (wallboards flag data older than 5 s). */
const HEARTBEAT_MS = 2_000;
/** After the burst, a socket may subscribe this often: a reconnect or a gap needs one, a wallboard never more. */
const SUBSCRIBES_PER_S = 1;
/** After a round of patches that took d ms, the next waits 2·d ms: sending holds at most a third of the event loop. */
const PAUSE_PER_SEND_MS = 2;

/** Room name of a subscription: the same scope, the same room. */
export function roomOf(sub: Subscription): string {
  const part = (l: string[] | null) => (l === null ? '*' : JSON.stringify([...l].sort()));
  return `scope:${part(sub.queues)}:${part(sub.teams)}`;
}

class HandshakeError extends Error {
  readonly data: { code: string };
  constructor(code: string, message: string) {
    super(message);
    this.data = { code };
  }
}

/** Packets engine.io holds for the socket, not yet written to its transport. */
const buffered = (socket: LiveSocket) => (socket.conn as unknown as { writeBuffer: unknown[] }).writeBuffer.length;

@WebSocketGateway({ namespace: '/live' })
export class LiveGateway implements OnGatewayInit, OnModuleDestroy {
  @WebSocketServer() private ns!: LiveNamespace;
  private sweep: NodeJS.Timeout | undefined;
  private heartbeat: NodeJS.Timeout | undefined;
  private readonly rooms = new Map<string, ScopeRoom>();
  /** Changes gathered while the last round of patches is paid for, and the round that sends them. */
  private pending: DirtySet | undefined;
  private pendingRound: NodeJS.Timeout | undefined;
  /** performance.now() before which no round of patches starts. */
  private nextRoundAt = 0;

  constructor(
    @Inject(CONFIG) private readonly config: AppConfig,
    private readonly sessions: SessionsService,
    private readonly audit: AuditService,
    private readonly live: LiveService,
    private readonly logger: Logger,
  ) {}

  afterInit(ns: LiveNamespace): void {
    ns.use((socket, next) => {
      this.handshake(socket).then(
        () => next(),
        (err: Error) => next(err),
      );
    });
    this.sessions.onRevoked((r) => void this.revoked(r));
    this.sweep = setInterval(() => void this.sweepExpired(), SWEEP_MS);
    this.sweep.unref();
    this.live.onFlush((f) => this.flushed(f));
    this.heartbeat = setInterval(() => this.beat(), HEARTBEAT_MS / 2);
    this.heartbeat.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.sweep);
    clearInterval(this.heartbeat);
    clearTimeout(this.pendingRound);
  }

  /** The seq a snapshot of this scope carries (0 when nobody watches it). */
  seqOf(sub: Subscription): number {
    return this.rooms.get(roomOf(sub))?.seq ?? 0;
  }

  private async handshake(socket: LiveSocket): Promise<void> {
    const fromAuth = (socket.handshake.auth as { token?: unknown } | undefined)?.token;
    const cookieHeader = socket.handshake.headers.cookie;
    const token = typeof fromAuth === 'string' ? fromAuth : cookieHeader ? fastifyCookie.parse(cookieHeader)[SESSION_COOKIE] : undefined;
    const ip = socket.handshake.address ?? null;
    if (!token) throw new HandshakeError('UNAUTHENTICATED', 'sign in first: no session token');
    const check = await this.sessions.check(token, { fresh: true });
    if (!check.ok) {
      this.audit.record({
        action: 'socket.denied',
        outcome: 'denied',
        target: '/live',
        ip,
        detail: { code: 'SESSION_EXPIRED', reason: check.reason },
      });
      throw new HandshakeError(
        check.reason === 'invalid' ? 'UNAUTHENTICATED' : 'SESSION_EXPIRED',
        `session ${check.reason}; sign in again`,
      );
    }
    const principal = check.session.principal;
    if (!can(principal.role, 'wallboard')) {
      this.audit.record({
        action: 'socket.denied',
        outcome: 'denied',
        actor: principal,
        target: '/live',
        ip,
        detail: { code: 'FORBIDDEN' },
      });
      throw new HandshakeError('FORBIDDEN', `role ${principal.role} may not watch the live wallboard`);
    }
    // The newcomer is refused, not the oldest socket evicted: screens sharing one session would otherwise knock
    // each other off in turn on every reconnect, where a refusal keeps the running ones and the refused one
    // retries later. A socket that died unnoticed frees its place at the ping timeout; a closed tab at once.
    const sessionRoom = `session:${check.session.id}`;
    const held = this.ns.adapter.rooms.get(sessionRoom)?.size ?? 0;
    if (held >= this.config.CALLBOARD_LIVE_SOCKETS) {
      throw new HandshakeError(
        'TOO_MANY_SOCKETS',
        `this session already holds ${held} live connections (at most ${this.config.CALLBOARD_LIVE_SOCKETS}); close one`,
      );
    }
    socket.data.principal = principal;
    socket.data.sessionId = check.session.id;
    socket.data.subscribes = new TokenBucket(this.config.CALLBOARD_SUBSCRIBE_BURST, SUBSCRIBES_PER_S, Date.now());
    // Counted and joined in one turn: no other handshake of the session can slip in between.
    await socket.join([sessionRoom, `${principal.kind}:${principal.id}`]);
  }

  @SubscribeMessage('subscribe')
  async subscribe(@ConnectedSocket() socket: LiveSocket, @MessageBody() body: unknown): Promise<SubscribeAck> {
    const paid = socket.data.subscribes.take(Date.now());
    if (!paid.ok) {
      const { retryAfterMs } = paid;
      return {
        ok: false,
        error: { code: 'RATE_LIMITED', message: `too many subscribes on this connection; try again in ${retryAfterMs} ms`, retryAfterMs },
      };
    }
    let request: SubscribeRequest;
    try {
      request = parseInput(subscribeRequestSchema, body ?? {});
    } catch (err) {
      const e = err as ApiError;
      return { ok: false, error: { code: 'BAD_REQUEST', message: e.message, field: e.field } };
    }
    const check = await this.sessions.checkSession(socket.data.sessionId, 0, { fresh: true });
    if (!check.ok) {
      // After the answer has gone out.
      setImmediate(() => this.end(socket, check.reason));
      return { ok: false, error: { code: 'SESSION_EXPIRED', message: `session ${check.reason}; sign in again` } };
    }
    const principal = check.session.principal;
    socket.data.principal = principal;
    const queue = outsideScope(principal.scope.queues, request.queues ?? []);
    const team = outsideScope(principal.scope.teams, request.teams ?? []);
    if (queue !== undefined || team !== undefined) {
      const message = queue !== undefined ? `queue "${queue}" is outside your scope` : `team "${team}" is outside your scope`;
      this.audit.record({
        action: 'socket.denied',
        outcome: 'denied',
        actor: principal,
        target: '/live subscribe',
        ip: socket.handshake.address ?? null,
        detail: { code: 'FORBIDDEN', message },
      });
      return { ok: false, error: { code: 'FORBIDDEN', message, field: queue !== undefined ? 'queues' : 'teams' } };
    }
    const subscription: Subscription = { queues: request.queues ?? principal.scope.queues, teams: request.teams ?? principal.scope.teams };
    const name = roomOf(subscription);
    if (socket.data.room && socket.data.room !== name) await this.leave(socket);
    let room = this.rooms.get(name);
    if (!room) this.rooms.set(name, (room = { sub: subscription, seq: 0, lastSentMs: Date.now(), sent: nothingSent() }));
    // The newcomer's snapshot may be ahead of what the room was last sent: the next patch carries whole what it names.
    forget(room.sent);
    socket.data.subscription = subscription;
    socket.data.room = name;
    socket.data.behind = false;
    await socket.join(name);
    socket.emit('snapshot', this.live.snapshot(subscription, room.seq));
    return { ok: true, seq: room.seq, subscription };
  }

  private async leave(socket: LiveSocket): Promise<void> {
    const name = socket.data.room;
    if (!name) return;
    socket.data.room = undefined;
    await socket.leave(name);
    if ((this.ns.adapter.rooms.get(name)?.size ?? 0) === 0) this.rooms.delete(name);
  }

  /** A flush of the live engine: patched at once, unless the last round is still being paid for; then with the next round. */
  private flushed(flush: LiveFlush): void {
    if (flush.reset || flush.dirty.all) {
      // Snapshots for everyone: they hold whatever was gathered.
      clearTimeout(this.pendingRound);
      this.pendingRound = undefined;
      this.pending = undefined;
      this.round(flush);
      return;
    }
    const pending = (this.pending ??= { queues: new Set(), agents: new Set(), all: false });
    for (const q of flush.dirty.queues) pending.queues.add(q);
    for (const a of flush.dirty.agents) pending.agents.add(a);
    if (this.pendingRound) return;
    const wait = this.nextRoundAt - performance.now();
    if (wait <= 0) this.sendPending(flush.nowMs);
    else this.pendingRound = setTimeout(() => this.sendPending(this.live.now()), wait);
  }

  private sendPending(nowMs: number): void {
    this.pendingRound = undefined;
    const dirty = this.pending;
    this.pending = undefined;
    if (!dirty) return;
    try {
      this.round({ nowMs, dirty, reset: false });
    } catch (err) {
      this.logger.error({ msg: 'live patches failed', err: (err as Error).message });
    }
  }

  /** One round of patches, timed: the next one waits in proportion. */
  private round(flush: LiveFlush): void {
    const started = performance.now();
    try {
      this.patch(flush);
    } finally {
      const ended = performance.now();
      this.nextRoundAt = ended + PAUSE_PER_SEND_MS * (ended - started);
    }
  }

  /**
   * One patch per watched scope with what changed in it, numbered per scope.
   * Queue views are built once per flush and shared by every scope holding the queue.
   */
  private patch(flush: LiveFlush): void {
    const { nowMs, dirty } = flush;
    const views = new Map<string, LiveQueue>();
    const view = (q: string) => {
      let v = views.get(q);
      if (!v) views.set(q, (v = this.live.state.queueView(q, nowMs)));
      return v;
    };
    const state = this.live.state;
    for (const [name, room] of this.rooms) {
      const members = this.ns.adapter.rooms.get(name);
      if (!members || members.size === 0) {
        this.rooms.delete(name);
        continue;
      }
      if (flush.reset || dirty.all) {
        // A new day or new rules: everyone starts over from a snapshot.
        const snapshot = this.live.snapshot(room.sub, ++room.seq, nowMs);
        sentSnapshot(room.sent, snapshot.breaches, snapshot.breachCounts);
        this.ns.to(name).emit('snapshot', snapshot);
        room.lastSentMs = Date.now();
        continue;
      }
      const queues = (room.sub.queues ?? state.queueNames()).filter((q) => dirty.queues.has(q));
      const agents = [...dirty.agents].filter((id) => inScope(room.sub.teams, state.agentTeam(id) ?? '')).sort();
      const patch = buildPatch(room.sent, {
        asOf: this.live.clock.iso(nowMs),
        lastEventAt: state.lastEventAt(),
        queues: queues.map(view),
        totals: () => state.totals(room.sub.queues ?? state.queueNames(), nowMs),
        agents: agents.flatMap((id) => state.agentView(id, nowMs) ?? []),
        // At-risk and breached items also change with time alone: compared on every flush.
        breaches: state.breaches(nowMs, room.sub),
      });
      if (patch) this.send(name, room, members, patch);
    }
  }

  /** Sends to the room, except sockets already behind: they get a snapshot once their connection drains. */
  private send(name: string, room: ScopeRoom, members: Set<string>, body: Omit<LivePatch, 'seq'>): void {
    const patch: LivePatch = { seq: ++room.seq, ...body };
    const behind: string[] = [];
    for (const id of members) {
      const socket = this.ns.sockets.get(id);
      if (!socket) continue;
      if (socket.data.behind) behind.push(id);
      else if (buffered(socket) > MAX_BUFFERED_PACKETS) {
        socket.data.behind = true;
        behind.push(id);
        socket.conn.once('drain', () => this.catchUp(socket));
      }
    }
    (behind.length > 0 ? this.ns.to(name).except(behind) : this.ns.to(name)).emit('patch', patch);
    room.lastSentMs = Date.now();
  }

  private catchUp(socket: LiveSocket): void {
    const room = socket.data.room ? this.rooms.get(socket.data.room) : undefined;
    if (!socket.connected || !room || !socket.data.subscription) return;
    socket.data.behind = false;
    forget(room.sent);
    socket.emit('snapshot', this.live.snapshot(socket.data.subscription, room.seq));
  }

  /** Quiet rooms get an empty patch. */
  private beat(): void {
    const now = Date.now();
    for (const [name, room] of this.rooms) {
      if (now - room.lastSentMs < HEARTBEAT_MS) continue;
      const members = this.ns.adapter.rooms.get(name);
      if (!members || members.size === 0) continue;
      this.send(name, room, members, heartbeat(this.live.clock.iso(now), this.live.state.lastEventAt()));
    }
  }

  private end(socket: LiveSocket, reason: string): void {
    socket.emit('session_ended', { reason });
    socket.disconnect(true);
  }

  private async revoked(r: Revocation): Promise<void> {
    const room = r.kind === 'session' ? `session:${r.id}` : `${r.kind}:${r.id}`;
    for (const socket of await this.ns.in(room).fetchSockets()) {
      socket.emit('session_ended', { reason: 'revoked' });
      socket.disconnect(true);
    }
  }

  private async sweepExpired(): Promise<void> {
    for (const socket of this.ns.sockets.values()) {
      const sid = socket.data.sessionId;
      if (!sid) continue;
      const check = await this.sessions.checkSession(sid).catch(() => undefined);
      if (check && !check.ok) this.end(socket, check.reason);
    }
  }
}
