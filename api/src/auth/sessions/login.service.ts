/**
 * Signing in and out: a person with username and password, a TV with its kiosk token.
 * Failed logins are limited per username and address (a pause after
 * CALLBOARD_LOGIN_MAX_FAILURES) and per address overall, in Redis when the
 * API runs in several processes, otherwise in memory.
 */
import { Inject, Injectable } from '@nestjs/common';
import { RateLimiterMemory, RateLimiterRedis, type RateLimiterAbstract, RateLimiterRes } from 'rate-limiter-flexible';
import { ApiError } from '../../common/errors.js';
import type { AppConfig } from '../../config/config.js';
import type { Principal } from '../access/principal.js';
import { AuditService } from '../audit/audit.service.js';
import { KioskTokensRepository } from '../credentials/kiosk-tokens.repository.js';
import { hashPassword, verifyPassword } from '../credentials/passwords.js';
import { hashSecret } from '../credentials/secrets.js';
import { UsersRepository } from '../users/users.repository.js';
import { type ClientContext, type Session, SessionsService } from './sessions.service.js';
import type { SessionInfo } from './sessions.wire.js';

/** Failed attempts from one address, whatever the usernames, per hour. */
const FAILURES_PER_ADDRESS_PER_HOUR = 100;

export const LOGIN_LIMITER_STORE = Symbol('LOGIN_LIMITER_STORE');

export interface LoginLimiters {
  byUser: RateLimiterAbstract;
  byAddress: RateLimiterAbstract;
}

export function loginLimiters(
  config: Pick<AppConfig, 'CALLBOARD_LOGIN_BLOCK_MIN' | 'CALLBOARD_LOGIN_MAX_FAILURES' | 'CALLBOARD_REDIS_PREFIX'>,
  redis?: unknown,
): LoginLimiters {
  const block = Math.round(config.CALLBOARD_LOGIN_BLOCK_MIN * 60);
  const make = (keyPrefix: string, points: number, duration: number, blockDuration: number) =>
    redis
      ? new RateLimiterRedis({
          storeClient: redis,
          useRedisPackage: true,
          keyPrefix: `${config.CALLBOARD_REDIS_PREFIX}:${keyPrefix}`,
          points,
          duration,
          blockDuration,
        })
      : new RateLimiterMemory({ keyPrefix, points, duration, blockDuration });
  return {
    byUser: make('login-fail-user', config.CALLBOARD_LOGIN_MAX_FAILURES, block, block),
    byAddress: make('login-fail-ip', FAILURES_PER_ADDRESS_PER_HOUR, 3600, 3600),
  };
}

/** A new session: what the caller is told, and the token for its cookie with the cookie's lifetime. */
export interface SignedIn {
  info: SessionInfo;
  token: string;
  maxAgeS: number;
}

@Injectable()
export class LoginService {
  constructor(
    private readonly users: UsersRepository,
    private readonly kioskTokens: KioskTokensRepository,
    private readonly sessions: SessionsService,
    private readonly audit: AuditService,
    @Inject(LOGIN_LIMITER_STORE) private readonly limiters: LoginLimiters,
  ) {}

  async login(username: string, password: string, client: ClientContext): Promise<SignedIn> {
    const userKey = `${username.toLowerCase()}|${client.ip ?? '-'}`;
    const addressKey = client.ip ?? '-';
    await this.refuseIfLimited(userKey, addressKey, username, client);
    const user = await this.users.findByName(username);
    const ok = await verifyPassword(user?.password_hash ?? null, password);
    if (!user || !ok || user.disabled_at) {
      await Promise.all([this.fail(this.limiters.byUser, userKey), this.fail(this.limiters.byAddress, addressKey)]);
      const reason = !user ? 'unknown user' : !ok ? 'wrong password' : 'user disabled';
      this.audit.record({
        action: 'auth.login',
        outcome: 'failed',
        actor: { kind: 'anonymous', name: username },
        target: username,
        ip: client.ip,
        detail: { reason },
      });
      // One answer for all three: which usernames exist is nobody's business.
      throw new ApiError(401, 'BAD_CREDENTIALS', 'wrong username or password');
    }
    await this.limiters.byUser.delete(userKey).catch(() => undefined);
    const created = await this.sessions.create('user', user.id, client);
    await this.users.recordLogin(user.id);
    this.audit.record({ action: 'auth.login', actor: created.session.principal, target: user.username, ip: client.ip });
    return this.signedIn(created);
  }

  async kioskSignIn(secret: string, client: ClientContext): Promise<SignedIn> {
    const addressKey = client.ip ?? '-';
    const limited = await this.limiters.byAddress.get(addressKey).catch(() => null);
    if (limited && limited.remainingPoints <= 0) throw tooMany(limited.msBeforeNext);
    const token = await this.kioskTokens.findByHash(hashSecret(secret));
    if (!token || token.revoked_at) {
      await this.fail(this.limiters.byAddress, addressKey);
      this.audit.record({
        action: 'auth.kiosk',
        outcome: 'failed',
        ip: client.ip,
        target: token?.id ?? null,
        detail: { reason: token ? 'token revoked' : 'unknown token' },
      });
      throw new ApiError(401, 'BAD_TOKEN', 'this display link is not valid (unknown or revoked kiosk token)', 'token');
    }
    const created = await this.sessions.create('kiosk', token.id, client);
    await this.kioskTokens.markUsed(token.id);
    this.audit.record({ action: 'auth.kiosk', actor: created.session.principal, target: token.id, ip: client.ip });
    return this.signedIn(created);
  }

  /** Ends the session this request came with. */
  async logout(session: Session, client: ClientContext): Promise<void> {
    await this.sessions.end(session.id);
    this.audit.record({ action: 'auth.logout', actor: session.principal, target: session.id, ip: client.ip });
  }

  /** A user changing their own password; their other sessions end, this one stays. */
  async changePassword(principal: Principal, current: string, next: string, client: ClientContext): Promise<void> {
    const user = await this.users.find(principal.id);
    if (!user || !(await verifyPassword(user.password_hash, current))) {
      this.audit.record({ action: 'user.password', outcome: 'failed', actor: principal, target: principal.id, ip: client.ip });
      throw new ApiError(401, 'BAD_CREDENTIALS', 'the current password is wrong', 'currentPassword');
    }
    await this.users.update(principal.id, { passwordHash: await hashPassword(next) });
    await this.sessions.endUserExcept(principal.id, principal.sessionId);
    this.audit.record({ action: 'user.password', actor: principal, target: principal.id, ip: client.ip });
  }

  private signedIn({ session, token }: { session: Session; token: string }): SignedIn {
    return { info: this.sessions.info(session), token, maxAgeS: this.sessions.idleMs / 1000 };
  }

  private async refuseIfLimited(userKey: string, addressKey: string, username: string, client: ClientContext): Promise<void> {
    const [byUser, byAddress] = await Promise.all([
      this.limiters.byUser.get(userKey).catch(() => null),
      this.limiters.byAddress.get(addressKey).catch(() => null),
    ]);
    const blocked = [byUser, byAddress].find((r) => r !== null && r.remainingPoints <= 0);
    if (blocked) {
      this.audit.record({
        action: 'auth.login',
        outcome: 'denied',
        actor: { kind: 'anonymous', name: username },
        target: username,
        ip: client.ip,
        detail: { reason: 'too many failed attempts' },
      });
      throw tooMany(blocked.msBeforeNext);
    }
  }

  private async fail(limiter: RateLimiterAbstract, key: string): Promise<void> {
    await limiter.consume(key).catch((res: unknown) => {
      if (!(res instanceof RateLimiterRes)) throw res;
    });
  }
}

export class TooManyAttempts extends ApiError {
  constructor(readonly retryAfterS: number) {
    super(429, 'TOO_MANY_ATTEMPTS', `too many failed attempts; try again in ${Math.ceil(retryAfterS / 60)} minute(s)`);
  }
}

const tooMany = (ms: number) => new TooManyAttempts(Math.max(1, Math.ceil(ms / 1000)));
