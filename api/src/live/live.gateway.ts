/**
 * The `/live` namespace (SPEC §6). Authorized on the handshake (session token
 * from the cookie or `auth.token`; the role must see wallboards), and again on
 * every `subscribe` (the session must still stand; the queues and teams asked
 * for must be inside the scope). Ended sessions disconnect their sockets at
 * once: logout, a disabled user, a revoked kiosk token; a sweep catches
 * sessions that simply expired.
 */
import { Inject, type OnModuleDestroy } from '@nestjs/common';
import {
  ConnectedSocket,
  MessageBody,
  type OnGatewayInit,
  SubscribeMessage,
  WebSocketGateway,
  WebSocketServer,
} from '@nestjs/websockets';
import type { Db } from '@callboard/db';
import { fastifyCookie } from '@fastify/cookie';
import type { Namespace, Socket } from 'socket.io';
import { z } from 'zod';
import { can } from '../auth/access.js';
import { AuditService } from '../auth/audit.service.js';
import { SESSION_COOKIE } from '../auth/cookies.js';
import type { Principal } from '../auth/principal.js';
import type { Revocation } from '../auth/revocations.js';
import { outsideScope } from '../auth/scope.js';
import { SessionsService } from '../auth/sessions.service.js';
import { type AppConfig, CONFIG } from '../config/config.js';
import type { ApiError } from '../common/errors.js';
import { parseInput } from '../common/validation.js';
import { DB } from '../database/database.module.js';
import { todayForQueues } from '../today/today.service.js';
import type { LiveSnapshot, SubscribeAck } from './live.wire.js';

interface SocketData {
  principal: Principal;
  sessionId: string;
  subscription?: { queues: string[] | null; teams: string[] | null };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type LiveSocket = Socket<any, any, any, SocketData>;

const subscribeSchema = z.strictObject({
  queues: z.array(z.string().min(1).max(100)).max(500).optional(),
  teams: z.array(z.string().min(1).max(100)).max(500).optional(),
});

const SWEEP_MS = 15_000;

class HandshakeError extends Error {
  readonly data: { code: string };
  constructor(code: string, message: string) {
    super(message);
    this.data = { code };
  }
}

@WebSocketGateway({ namespace: '/live' })
export class LiveGateway implements OnGatewayInit, OnModuleDestroy {
  @WebSocketServer() private ns!: Namespace;
  private sweep: NodeJS.Timeout | undefined;
  private seq = 0;

  constructor(
    private readonly sessions: SessionsService,
    private readonly audit: AuditService,
    @Inject(DB) private readonly db: Db,
    @Inject(CONFIG) private readonly config: AppConfig,
  ) {}

  afterInit(ns: Namespace): void {
    ns.use((socket, next) => {
      this.handshake(socket as LiveSocket).then(() => next(), (err: Error) => next(err));
    });
    this.sessions.onRevoked((r) => void this.revoked(r));
    this.sweep = setInterval(() => void this.sweepExpired(), SWEEP_MS);
    this.sweep.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.sweep);
  }

  private async handshake(socket: LiveSocket): Promise<void> {
    const fromAuth = (socket.handshake.auth as { token?: unknown } | undefined)?.token;
    const cookieHeader = socket.handshake.headers.cookie;
    const token = typeof fromAuth === 'string' ? fromAuth : cookieHeader ? fastifyCookie.parse(cookieHeader)[SESSION_COOKIE] : undefined;
    const ip = socket.handshake.address ?? null;
    if (!token) throw new HandshakeError('UNAUTHENTICATED', 'sign in first: no session token');
    const check = await this.sessions.check(token, { fresh: true });
    if (!check.ok) {
      this.audit.record({ action: 'socket.denied', outcome: 'denied', target: '/live', ip, detail: { code: 'SESSION_EXPIRED', reason: check.reason } });
      throw new HandshakeError(check.reason === 'invalid' ? 'UNAUTHENTICATED' : 'SESSION_EXPIRED', `session ${check.reason}; sign in again`);
    }
    const principal = check.session.principal;
    if (!can(principal.role, 'wallboard')) {
      this.audit.record({ action: 'socket.denied', outcome: 'denied', actor: principal, target: '/live', ip, detail: { code: 'FORBIDDEN' } });
      throw new HandshakeError('FORBIDDEN', `role ${principal.role} may not watch the live wallboard`);
    }
    socket.data.principal = principal;
    socket.data.sessionId = check.session.id;
    await socket.join([`session:${check.session.id}`, `${principal.kind}:${principal.id}`]);
  }

  @SubscribeMessage('subscribe')
  async subscribe(@ConnectedSocket() socket: LiveSocket, @MessageBody() body: unknown): Promise<SubscribeAck> {
    let request: z.infer<typeof subscribeSchema>;
    try {
      request = parseInput(subscribeSchema, body ?? {});
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
      this.audit.record({ action: 'socket.denied', outcome: 'denied', actor: principal, target: '/live subscribe', ip: socket.handshake.address ?? null, detail: { code: 'FORBIDDEN', message } });
      return { ok: false, error: { code: 'FORBIDDEN', message, field: queue !== undefined ? 'queues' : 'teams' } };
    }
    const subscription = { queues: request.queues ?? principal.scope.queues, teams: request.teams ?? principal.scope.teams };
    socket.data.subscription = subscription;
    const today = await todayForQueues(this.db, this.config, subscription.queues);
    const snapshot: LiveSnapshot = { seq: this.seq, subscription, ...today };
    socket.emit('snapshot', snapshot);
    return { ok: true, seq: this.seq, subscription };
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
    for (const socket of this.ns.sockets.values() as Iterable<LiveSocket>) {
      const sid = socket.data.sessionId;
      if (!sid) continue;
      const check = await this.sessions.checkSession(sid).catch(() => undefined);
      if (check && !check.ok) this.end(socket, check.reason);
    }
  }
}
