/**
 * Signing in and out: a person with username and password, a TV with its kiosk token.
 * Guesses (sign-ins, current passwords, kiosk tokens) are limited per username
 * and address (a pause after CALLBOARD_LOGIN_MAX_FAILURES) and per address
 * overall, in Redis when the API runs in several processes, otherwise in memory.
 * Each attempt is counted before it is checked, so parallel guesses cannot all
 * pass a check made before any of them was counted; a right answer gives its
 * count back.
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
    const keys = attemptKeys(username, client);
    await this.spendAttempt(keys, 'username', () =>
      this.audit.record({
        action: 'auth.login',
        outcome: 'denied',
        actor: { kind: 'anonymous', name: username },
        target: username,
        ip: client.ip,
        detail: { reason: 'too many failed attempts' },
      }),
    );
    const user = await this.users.findByName(username);
    const ok = await verifyPassword(user?.password_hash ?? null, password);
    if (!user || !ok || user.disabled_at) {
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
    await this.giveBack(keys);
    const created = await this.sessions.create('user', user.id, client);
    await this.users.recordLogin(user.id);
    this.audit.record({ action: 'auth.login', actor: created.session.principal, target: user.username, ip: client.ip });
    return this.signedIn(created);
  }

  async kioskSignIn(secret: string, client: ClientContext): Promise<SignedIn> {
    const keys = { address: addressKey(client) };
    await this.spendAttempt(keys, 'token', () =>
      this.audit.record({ action: 'auth.kiosk', outcome: 'denied', ip: client.ip, detail: { reason: 'too many failed attempts' } }),
    );
    const token = await this.kioskTokens.findByHash(hashSecret(secret));
    if (!token || token.revoked_at) {
      this.audit.record({
        action: 'auth.kiosk',
        outcome: 'failed',
        ip: client.ip,
        target: token?.id ?? null,
        detail: { reason: token ? 'token revoked' : 'unknown token' },
      });
      throw new ApiError(401, 'BAD_TOKEN', 'this display link is not valid (unknown or revoked kiosk token)', 'token');
    }
    await this.giveBack(keys);
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

  /**
   * A user changing their own password; their other sessions end, this one
   * stays. A stolen session guessing the current password is limited like a
   * sign-in to the same account.
   */
  async changePassword(principal: Principal, current: string, next: string, client: ClientContext): Promise<void> {
    const keys = attemptKeys(principal.name, client);
    await this.spendAttempt(keys, 'currentPassword', () =>
      this.audit.record({
        action: 'user.password',
        outcome: 'denied',
        actor: principal,
        target: principal.id,
        ip: client.ip,
        detail: { reason: 'too many failed attempts' },
      }),
    );
    const user = await this.users.find(principal.id);
    if (!user || !(await verifyPassword(user.password_hash, current))) {
      this.audit.record({ action: 'user.password', outcome: 'failed', actor: principal, target: principal.id, ip: client.ip });
      throw new ApiError(401, 'BAD_CREDENTIALS', 'the current password is wrong', 'currentPassword');
    }
    await this.giveBack(keys);
    await this.users.update(principal.id, { passwordHash: await hashPassword(next) });
    await this.sessions.endUserExcept(principal.id, principal.sessionId);
    this.audit.record({ action: 'user.password', actor: principal, target: principal.id, ip: client.ip });
  }

  private signedIn({ session, token }: { session: Session; token: string }): SignedIn {
    return { info: this.sessions.info(session), token, maxAgeS: this.sessions.idleMs / 1000 };
  }

  /**
   * Counts one attempt against each key at once (an atomic increment in
   * Redis); over the limit on any of them, the attempt is refused with 429
   * before the secret is looked at.
   */
  private async spendAttempt(keys: AttemptKeys, field: string, onRefused: () => void): Promise<void> {
    const spent = await Promise.allSettled([
      this.limiters.byAddress.consume(keys.address),
      ...(keys.user === undefined ? [] : [this.limiters.byUser.consume(keys.user)]),
    ]);
    const refusals = spent.flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : []));
    const broken = refusals.find((r) => !(r instanceof RateLimiterRes));
    if (broken !== undefined) throw broken;
    if (refusals.length === 0) return;
    onRefused();
    throw tooMany(Math.max(...(refusals as RateLimiterRes[]).map((r) => r.msBeforeNext)), field);
  }

  /**
   * A right answer: the account's failures are forgiven, the address gets its
   * attempt back. A store that fails here costs at most one counted attempt,
   * which is no reason to refuse someone who knew the secret.
   */
  private async giveBack(keys: AttemptKeys): Promise<void> {
    await Promise.all([
      this.limiters.byAddress.reward(keys.address, 1),
      ...(keys.user === undefined ? [] : [this.limiters.byUser.delete(keys.user)]),
    ]).catch(() => undefined);
  }
}

interface AttemptKeys {
  address: string;
  user?: string;
}

const addressKey = (client: ClientContext): string => client.ip ?? '-';
const attemptKeys = (username: string, client: ClientContext): AttemptKeys => ({
  address: addressKey(client),
  user: `${username.toLowerCase()}|${addressKey(client)}`,
});

export class TooManyAttempts extends ApiError {
  constructor(
    readonly retryAfterS: number,
    field: string,
  ) {
    super(429, 'TOO_MANY_ATTEMPTS', `too many failed attempts; try again in ${Math.ceil(retryAfterS / 60)} minute(s)`, field);
  }
}

const tooMany = (ms: number, field: string) => new TooManyAttempts(Math.max(1, Math.ceil(ms / 1000)), field);
