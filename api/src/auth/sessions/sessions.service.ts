/**
 * Sessions. A browser holds a short-lived signed token (JWT, HS256) in an
 * httpOnly, SameSite=Strict cookie; the token names a row in `sessions`, so a
 * session can be ended before the token runs out: logout, a disabled user, a
 * revoked kiosk token. Each use pushes the idle expiry forward, up to an
 * absolute limit. State-changing requests also carry a CSRF token derived from
 * the session's own secret (synchronizer token pattern).
 */
import { randomBytes } from 'node:crypto';
import { Tokens } from '@fastify/csrf';
import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { SignJWT, errors as joseErrors, jwtVerify } from 'jose';
import { type AppConfig, CONFIG } from '../../config/config.js';
import type { Principal } from '../access/principal.js';
import { type Role, capabilitiesOf, effectiveScope } from '../access/roles.js';
import { newId } from '../credentials/secrets.js';
import type { Revocation, RevocationBus } from './revocations.js';
import { type SessionRow, SessionsRepository } from './sessions.repository.js';
import type { SessionInfo } from './sessions.wire.js';

export const REVOCATION_BUS = Symbol('REVOCATION_BUS');

/** How long a looked-up session is trusted before the database is asked again (revocations here clear it at once). */
const CACHE_MS = 5_000;
/** A token older than this is replaced on the next request, and the session's idle expiry pushed forward. */
const REFRESH_AFTER_MS = 60_000;

export interface Session {
  id: string;
  kind: 'user' | 'kiosk';
  csrfSecret: string;
  expiresAt: Date;
  absoluteExpiresAt: Date | null;
  principal: Principal;
  user: SessionInfo['user'];
  kiosk: SessionInfo['kiosk'];
}

export type SessionCheck = { ok: true; session: Session; issuedAt: number } | { ok: false; reason: 'invalid' | 'expired' | 'ended' };

export interface ClientContext {
  ip: string | null;
  userAgent: string | null;
}

@Injectable()
export class SessionsService implements OnApplicationShutdown {
  private key: Uint8Array | undefined;
  private readonly csrf = new Tokens();
  private readonly cache = new Map<string, { session: Session | null; until: number }>();
  readonly idleMs: number;
  readonly maxMs: number;
  private readonly secretFromEnv: string | undefined;
  private readonly tz: string;

  constructor(
    private readonly sessions: SessionsRepository,
    @Inject(CONFIG)
    config: Pick<AppConfig, 'CALLBOARD_SESSION_IDLE_MIN' | 'CALLBOARD_SESSION_MAX_H' | 'CALLBOARD_SESSION_SECRET' | 'CALLBOARD_TZ'>,
    @Inject(REVOCATION_BUS) private readonly bus: RevocationBus,
  ) {
    this.idleMs = config.CALLBOARD_SESSION_IDLE_MIN * 60_000;
    this.maxMs = config.CALLBOARD_SESSION_MAX_H * 3_600_000;
    this.secretFromEnv = config.CALLBOARD_SESSION_SECRET;
    this.tz = config.CALLBOARD_TZ;
    bus.on((r) => this.forget(r));
  }

  /** The signing key: CALLBOARD_SESSION_SECRET, or one random secret kept in `settings` for every process. */
  private async signingKey(): Promise<Uint8Array> {
    if (this.key) return this.key;
    const secret = this.secretFromEnv ?? (await this.sessions.signingSecret(randomBytes(48).toString('base64url')));
    this.key = new TextEncoder().encode(secret);
    return this.key;
  }

  async create(kind: 'user' | 'kiosk', subjectId: string, client: ClientContext): Promise<{ session: Session; token: string }> {
    const id = newId();
    const now = Date.now();
    const absolute = kind === 'user' ? new Date(now + this.maxMs) : null;
    await this.sessions.insert({
      id,
      kind,
      subjectId,
      csrfSecret: this.csrf.secretSync(),
      expiresAt: new Date(now + this.idleMs),
      absoluteExpiresAt: absolute,
      ip: client.ip,
      userAgent: client.userAgent?.slice(0, 300) ?? null,
    });
    const session = await this.load(id, true);
    if (!session) throw new Error('session vanished after insert');
    return { session, token: await this.sign(session, now) };
  }

  /** A token for the session, valid for the idle period (or less, near the absolute limit). */
  async sign(session: Session, now = Date.now()): Promise<string> {
    const exp = Math.min(now + this.idleMs, session.absoluteExpiresAt?.getTime() ?? Infinity);
    return new SignJWT({ sid: session.id })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuedAt(Math.floor(now / 1000))
      .setExpirationTime(Math.floor(exp / 1000))
      .sign(await this.signingKey());
  }

  /** Validates a token: signature, expiry, and that its session still stands. */
  async check(token: string, opts: { fresh?: boolean } = {}): Promise<SessionCheck> {
    let sid: string;
    let issuedAt: number;
    try {
      const { payload } = await jwtVerify(token, await this.signingKey(), { algorithms: ['HS256'] });
      if (typeof payload.sid !== 'string') return { ok: false, reason: 'invalid' };
      sid = payload.sid;
      issuedAt = (payload.iat ?? 0) * 1000;
    } catch (err) {
      return { ok: false, reason: err instanceof joseErrors.JWTExpired ? 'expired' : 'invalid' };
    }
    return this.checkSession(sid, issuedAt, opts);
  }

  /** Re-checks a session by id (sockets, on each subscribe and periodically). */
  async checkSession(sid: string, issuedAt = 0, opts: { fresh?: boolean } = {}): Promise<SessionCheck> {
    const session = await this.load(sid, opts.fresh ?? false);
    if (!session) return { ok: false, reason: 'ended' };
    if (session.expiresAt.getTime() <= Date.now()) return { ok: false, reason: 'expired' };
    return { ok: true, session, issuedAt };
  }

  /**
   * After a successful request: when the token is over a minute old, a new one
   * (returned, for the cookie) and the session's idle expiry pushed forward.
   */
  async touch(session: Session, issuedAt: number): Promise<string | undefined> {
    const now = Date.now();
    if (now - issuedAt < REFRESH_AFTER_MS) return undefined;
    // The stored expiry is the last extension plus the idle time: extend when that is over a minute ago.
    if (now + this.idleMs - session.expiresAt.getTime() >= REFRESH_AFTER_MS) {
      const until = new Date(Math.min(now + this.idleMs, session.absoluteExpiresAt?.getTime() ?? Infinity));
      await this.sessions.extend(session.id, until);
      session.expiresAt = until;
    }
    return this.sign(session, now);
  }

  csrfToken(session: Session): string {
    return this.csrf.create(session.csrfSecret, undefined as never);
  }

  verifyCsrf(session: Session, token: string | undefined): boolean {
    return typeof token === 'string' && token.length > 0 && this.csrf.verify(session.csrfSecret, token, undefined as never);
  }

  info(session: Session): SessionInfo {
    return {
      kind: session.kind,
      role: session.principal.role,
      scope: session.principal.scope,
      capabilities: capabilitiesOf(session.principal.role),
      tz: this.tz,
      csrfToken: this.csrfToken(session),
      expiresAt: session.expiresAt.toISOString(),
      absoluteExpiresAt: session.absoluteExpiresAt?.toISOString() ?? null,
      user: session.user,
      kiosk: session.kiosk,
    };
  }

  async end(sessionId: string): Promise<void> {
    await this.sessions.end(sessionId);
    await this.announce({ kind: 'session', id: sessionId });
  }

  /** Ends every session of a user (disabled, password or role changed). */
  async endUser(userId: string): Promise<void> {
    await this.sessions.endUser(userId);
    await this.announce({ kind: 'user', id: userId });
  }

  /** Ends a user's other sessions (after they changed their password). */
  async endUserExcept(userId: string, keep: string | undefined): Promise<void> {
    for (const id of await this.sessions.endUser(userId, keep)) await this.announce({ kind: 'session', id });
  }

  /** Ends every session opened with a kiosk token. */
  async endKiosk(kioskId: string): Promise<void> {
    await this.sessions.endKiosk(kioskId);
    await this.announce({ kind: 'kiosk', id: kioskId });
  }

  onRevoked(listener: (r: Revocation) => void): void {
    this.bus.on(listener);
  }

  private async announce(r: Revocation): Promise<void> {
    this.forget(r);
    await this.bus.publish(r).catch(() => undefined);
  }

  private forget(r: Revocation): void {
    for (const [sid, entry] of this.cache) {
      const s = entry.session;
      if (sid === r.id || (s && r.kind === 'user' && s.user?.id === r.id) || (s && r.kind === 'kiosk' && s.kiosk?.id === r.id)) {
        this.cache.delete(sid);
      }
    }
  }

  private async load(sid: string, fresh: boolean): Promise<Session | null> {
    const hit = this.cache.get(sid);
    if (!fresh && hit && hit.until > Date.now()) return hit.session;
    const row = await this.sessions.find(sid);
    const session = row ? toSession(row) : null;
    if (this.cache.size > 50_000) this.cache.clear();
    this.cache.set(sid, { session, until: Date.now() + CACHE_MS });
    return session;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.bus.close();
  }
}

/** A row that no longer stands (revoked, user disabled, kiosk token revoked) is no session. */
function toSession(r: SessionRow): Session | null {
  if (r.revoked_at) return null;
  if (r.kind === 'user') {
    if (!r.user_id || !r.role || r.disabled_at) return null;
    const role: Role = r.role;
    return {
      id: r.id,
      kind: 'user',
      csrfSecret: r.csrf_secret,
      expiresAt: r.expires_at,
      absoluteExpiresAt: r.absolute_expires_at,
      principal: {
        kind: 'user',
        id: r.user_id,
        name: r.username!,
        role,
        scope: effectiveScope(role, { queues: r.u_queues, teams: r.u_teams }),
        sessionId: r.id,
        agentId: r.agent_id,
      },
      user: { id: r.user_id, username: r.username!, displayName: r.display_name!, role: r.role, agentId: r.agent_id },
      kiosk: null,
    };
  }
  if (!r.kiosk_id || r.kiosk_revoked_at) return null;
  return {
    id: r.id,
    kind: 'kiosk',
    csrfSecret: r.csrf_secret,
    expiresAt: r.expires_at,
    absoluteExpiresAt: null,
    principal: {
      kind: 'kiosk',
      id: r.kiosk_id,
      name: r.kiosk_name!,
      role: 'kiosk',
      scope: { queues: r.k_queues, teams: r.k_teams },
      sessionId: r.id,
    },
    user: null,
    kiosk: { id: r.kiosk_id, name: r.kiosk_name! },
  };
}
