/**
 * Signing in: a person with username and password, a TV with its kiosk token.
 * Failed logins are limited per username and address (a pause after
 * CALLBOARD_LOGIN_MAX_FAILURES) and per address overall, in Redis when the
 * API runs in several processes, otherwise in memory.
 */
import { Inject, Injectable } from '@nestjs/common';
import type { Db } from '@callboard/db';
import { RateLimiterMemory, RateLimiterRedis, type RateLimiterAbstract, RateLimiterRes } from 'rate-limiter-flexible';
import { ApiError } from '../common/errors.js';
import type { AppConfig } from '../config/config.js';
import { DB } from '../database/database.module.js';
import { AuditService } from './audit.service.js';
import { findKioskTokenBySecret } from './kiosk-tokens.repository.js';
import { verifyPassword } from './passwords.js';
import type { Principal } from './principal.js';
import { type ClientContext, type Session, SessionsService } from './sessions.service.js';
import { findUser, findUserByName, recordLogin, updateUser } from './users.repository.js';

/** Failed attempts from one address, whatever the usernames, per hour. */
const FAILURES_PER_ADDRESS_PER_HOUR = 100;

export const LOGIN_LIMITER_STORE = Symbol('LOGIN_LIMITER_STORE');

export function loginLimiters(config: AppConfig, redis?: unknown): { byUser: RateLimiterAbstract; byAddress: RateLimiterAbstract } {
  const block = Math.round(config.CALLBOARD_LOGIN_BLOCK_MIN * 60);
  const make = (keyPrefix: string, points: number, duration: number, blockDuration: number) =>
    redis
      ? new RateLimiterRedis({ storeClient: redis, useRedisPackage: true, keyPrefix: `${config.CALLBOARD_REDIS_PREFIX}:${keyPrefix}`, points, duration, blockDuration })
      : new RateLimiterMemory({ keyPrefix, points, duration, blockDuration });
  return {
    byUser: make('login-fail-user', config.CALLBOARD_LOGIN_MAX_FAILURES, block, block),
    byAddress: make('login-fail-ip', FAILURES_PER_ADDRESS_PER_HOUR, 3600, 3600),
  };
}

@Injectable()
export class LoginService {
  constructor(
    @Inject(DB) private readonly db: Db,
    private readonly sessions: SessionsService,
    private readonly audit: AuditService,
    @Inject(LOGIN_LIMITER_STORE) private readonly limiters: { byUser: RateLimiterAbstract; byAddress: RateLimiterAbstract },
  ) {}

  async login(username: string, password: string, client: ClientContext): Promise<{ session: Session; token: string }> {
    const userKey = `${username.toLowerCase()}|${client.ip ?? '-'}`;
    const addressKey = client.ip ?? '-';
    await this.refuseIfLimited(userKey, addressKey, username, client);
    const user = await findUserByName(this.db, username);
    const ok = await verifyPassword(user?.password_hash ?? null, password);
    if (!user || !ok || user.disabled_at) {
      await Promise.all([this.fail(this.limiters.byUser, userKey), this.fail(this.limiters.byAddress, addressKey)]);
      const reason = !user ? 'unknown user' : !ok ? 'wrong password' : 'user disabled';
      this.audit.record({ action: 'auth.login', outcome: 'failed', actor: { kind: 'anonymous', name: username }, target: username, ip: client.ip, detail: { reason } });
      // One answer for all three: which usernames exist is nobody's business.
      throw new ApiError(401, 'BAD_CREDENTIALS', 'wrong username or password');
    }
    await this.limiters.byUser.delete(userKey).catch(() => undefined);
    const created = await this.sessions.create('user', user.id, client);
    await recordLogin(this.db, user.id);
    this.audit.record({ action: 'auth.login', actor: created.session.principal, target: user.username, ip: client.ip });
    return created;
  }

  async kioskSignIn(secret: string, client: ClientContext): Promise<{ session: Session; token: string }> {
    const addressKey = client.ip ?? '-';
    const limited = await this.limiters.byAddress.get(addressKey).catch(() => null);
    if (limited && limited.remainingPoints <= 0) throw tooMany(limited.msBeforeNext);
    const token = await findKioskTokenBySecret(this.db, secret);
    if (!token || token.revoked_at) {
      await this.fail(this.limiters.byAddress, addressKey);
      this.audit.record({ action: 'auth.kiosk', outcome: 'failed', ip: client.ip, target: token?.id ?? null, detail: { reason: token ? 'token revoked' : 'unknown token' } });
      throw new ApiError(401, 'BAD_TOKEN', 'this display link is not valid (unknown or revoked kiosk token)', 'token');
    }
    const created = await this.sessions.create('kiosk', token.id, client);
    await this.db.query(`UPDATE kiosk_tokens SET last_used_at = now() WHERE id = $1`, [token.id]);
    this.audit.record({ action: 'auth.kiosk', actor: created.session.principal, target: token.id, ip: client.ip });
    return created;
  }

  /** A user changing their own password; their other sessions end, this one stays. */
  async changePassword(principal: Principal, current: string, next: string, client: ClientContext): Promise<void> {
    const user = await findUser(this.db, principal.id);
    if (!user || !(await verifyPassword(user.password_hash, current))) {
      this.audit.record({ action: 'user.password', outcome: 'failed', actor: principal, target: principal.id, ip: client.ip });
      throw new ApiError(401, 'BAD_CREDENTIALS', 'the current password is wrong', 'currentPassword');
    }
    await updateUser(this.db, principal.id, { password: next });
    await this.sessions.endUserExcept(principal.id, principal.sessionId);
    this.audit.record({ action: 'user.password', actor: principal, target: principal.id, ip: client.ip });
  }

  private async refuseIfLimited(userKey: string, addressKey: string, username: string, client: ClientContext): Promise<void> {
    const [byUser, byAddress] = await Promise.all([
      this.limiters.byUser.get(userKey).catch(() => null),
      this.limiters.byAddress.get(addressKey).catch(() => null),
    ]);
    const blocked = [byUser, byAddress].find((r) => r !== null && r.remainingPoints <= 0);
    if (blocked) {
      this.audit.record({ action: 'auth.login', outcome: 'denied', actor: { kind: 'anonymous', name: username }, target: username, ip: client.ip, detail: { reason: 'too many failed attempts' } });
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
