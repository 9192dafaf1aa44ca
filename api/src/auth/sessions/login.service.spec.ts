import { createHash } from 'node:crypto';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Mocked, automock } from '../../testing/automock.js';
import type { Principal } from '../access/principal.js';
import { AuditService } from '../audit/audit.service.js';
import { type KioskTokenRow, KioskTokensRepository } from '../credentials/kiosk-tokens.repository.js';
import { hashPassword, verifyPassword } from '../credentials/passwords.js';
import { type UserRow, UsersRepository } from '../users/users.repository.js';
import { LoginService, loginLimiters } from './login.service.js';
import type { Session } from './sessions.service.js';
import { SessionsService } from './sessions.service.js';
import type { SessionInfo } from './sessions.wire.js';

const PASSWORD = 'lins-password-1';
const CLIENT = { ip: '10.0.0.7', userAgent: 'tests' };
const config = { CALLBOARD_LOGIN_BLOCK_MIN: 15, CALLBOARD_LOGIN_MAX_FAILURES: 3, CALLBOARD_REDIS_PREFIX: 'cb' };
const LIN: Principal = {
  kind: 'user',
  id: 'u1',
  name: 'lin',
  role: 'supervisor',
  scope: { queues: ['general'], teams: [] },
  sessionId: 's1',
};
const SESSION = { id: 's1', principal: LIN } as Session;
const INFO = { kind: 'user', role: 'supervisor' } as SessionInfo;

let hash: string;
let lin: UserRow;
let users: Mocked<UsersRepository>;
let kioskTokens: Mocked<KioskTokensRepository>;
let sessions: Mocked<SessionsService>;
let audit: Mocked<AuditService>;
let login: LoginService;

beforeAll(async () => {
  hash = await hashPassword(PASSWORD);
});

beforeEach(() => {
  lin = {
    id: 'u1',
    username: 'lin',
    display_name: 'Lin Wei',
    role: 'supervisor',
    password_hash: hash,
    scope_queues: ['general'],
    scope_teams: [],
    agent_id: null,
    created_at: new Date(0),
    last_login_at: null,
    disabled_at: null,
  };
  users = automock(UsersRepository);
  users.findByName.mockImplementation(async (name) => (name.toLowerCase() === 'lin' ? lin : undefined));
  users.find.mockImplementation(async (id) => (id === 'u1' ? lin : undefined));
  kioskTokens = automock(KioskTokensRepository);
  sessions = automock(SessionsService, { idleMs: 30 * 60_000 });
  sessions.create.mockResolvedValue({ session: SESSION, token: 'signed token' });
  sessions.info.mockReturnValue(INFO);
  audit = automock(AuditService);
  login = new LoginService(users, kioskTokens, sessions, audit, loginLimiters(config));
});

describe('LoginService.login', () => {
  it('opens a session for the right password and answers it with a cookie of the idle time', async () => {
    // 30 idle minutes = 1800 s of cookie.
    expect(await login.login('LIN', PASSWORD, CLIENT)).toEqual({ info: INFO, token: 'signed token', maxAgeS: 1800 });
    expect(sessions.create).toHaveBeenCalledWith('user', 'u1', CLIENT);
    expect(users.recordLogin).toHaveBeenCalledWith('u1');
    expect(audit.record).toHaveBeenCalledExactlyOnceWith({ action: 'auth.login', actor: LIN, target: 'lin', ip: '10.0.0.7' });
  });

  it('answers an unknown user, a wrong password and a disabled user alike, and audits which it was', async () => {
    lin.disabled_at = new Date(0);
    for (const [username, password] of [
      ['nobody', PASSWORD],
      ['lin', 'wrong password'],
      ['lin', PASSWORD],
    ] as const) {
      await expect(login.login(username, password, { ...CLIENT, ip: `10.0.0.${username.length}` })).rejects.toMatchObject({
        response: { code: 'BAD_CREDENTIALS', message: 'wrong username or password' },
      });
    }
    expect(audit.record.mock.calls.map(([r]) => [r.target, r.outcome, r.detail])).toEqual([
      ['nobody', 'failed', { reason: 'unknown user' }],
      ['lin', 'failed', { reason: 'wrong password' }],
      ['lin', 'failed', { reason: 'user disabled' }],
    ]);
    expect(sessions.create).not.toHaveBeenCalled();
  });

  it('pauses a username from an address after 3 failures, even with the right password', async () => {
    for (let i = 0; i < 3; i++) await expect(login.login('lin', 'wrong password', CLIENT)).rejects.toMatchObject({ status: 401 });
    const refused = login.login('lin', PASSWORD, CLIENT);
    // Blocked for CALLBOARD_LOGIN_BLOCK_MIN = 15 minutes: "try again in 15 minute(s)".
    await expect(refused).rejects.toMatchObject({ status: 429, retryAfterS: 900 });
    await expect(refused).rejects.toThrow('too many failed attempts; try again in 15 minute(s)');
    expect(audit.record).toHaveBeenLastCalledWith(expect.objectContaining({ action: 'auth.login', outcome: 'denied', target: 'lin' }));
    // Another address is not paused.
    expect((await login.login('lin', PASSWORD, { ...CLIENT, ip: '10.0.0.8' })).token).toBe('signed token');
  });
});

describe('LoginService.login under parallel guessing', () => {
  it('lets only 3 of 10 simultaneous wrong passwords be checked; the other 7 get 429 before any hash is verified', async () => {
    const results = await Promise.allSettled(Array.from({ length: 10 }, () => login.login('lin', 'wrong password', CLIENT)));
    const statuses = results.map((r) => (r.status === 'rejected' ? (r.reason as { status: number }).status : 200));
    expect(statuses.filter((s) => s === 401)).toHaveLength(3);
    expect(statuses.filter((s) => s === 429)).toHaveLength(7);
    expect(users.findByName).toHaveBeenCalledTimes(3);
  });

  it('forgives the failures of a username after its right password', async () => {
    for (let i = 0; i < 2; i++) await expect(login.login('lin', 'wrong password', CLIENT)).rejects.toMatchObject({ status: 401 });
    await login.login('lin', PASSWORD, CLIENT);
    // Two more failures would make four in a row; after the reset they are two of three.
    for (let i = 0; i < 2; i++) await expect(login.login('lin', 'wrong password', CLIENT)).rejects.toMatchObject({ status: 401 });
    expect((await login.login('lin', PASSWORD, CLIENT)).token).toBe('signed token');
  });

  it('pauses an address after 100 failures whatever the usernames, naming the field', async () => {
    for (let i = 0; i < 100; i++) await expect(login.login(`user${i}`, 'x', CLIENT)).rejects.toMatchObject({ status: 401 });
    await expect(login.login('lin', PASSWORD, CLIENT)).rejects.toMatchObject({
      status: 429,
      retryAfterS: 3600,
      response: { code: 'TOO_MANY_ATTEMPTS', field: 'username' },
    });
  });
});

describe('LoginService.kioskSignIn', () => {
  const SECRET = 'cbt_0123456789ab_secret';
  const token = (r: Partial<KioskTokenRow> = {}): KioskTokenRow => ({
    id: '0123456789ab',
    name: 'Floor TV',
    scope_queues: ['general'],
    scope_teams: null,
    created_by: 'admin',
    created_at: new Date(0),
    last_used_at: null,
    revoked_at: null,
    ...r,
  });

  it('finds the token by the SHA-256 of its secret and opens a kiosk session', async () => {
    kioskTokens.findByHash.mockResolvedValue(token());
    await login.kioskSignIn(SECRET, CLIENT);
    expect(kioskTokens.findByHash).toHaveBeenCalledWith(createHash('sha256').update(SECRET).digest('hex'));
    expect(sessions.create).toHaveBeenCalledWith('kiosk', '0123456789ab', CLIENT);
    expect(kioskTokens.markUsed).toHaveBeenCalledWith('0123456789ab');
  });

  it('refuses a revoked token with 401 BAD_TOKEN and audits why', async () => {
    kioskTokens.findByHash.mockResolvedValue(token({ revoked_at: new Date(0) }));
    await expect(login.kioskSignIn(SECRET, CLIENT)).rejects.toMatchObject({ status: 401, response: { code: 'BAD_TOKEN', field: 'token' } });
    expect(audit.record).toHaveBeenCalledExactlyOnceWith({
      action: 'auth.kiosk',
      outcome: 'failed',
      ip: '10.0.0.7',
      target: '0123456789ab',
      detail: { reason: 'token revoked' },
    });
    expect(sessions.create).not.toHaveBeenCalled();
  });

  it('refuses the 101st token guess from one address with 429 before looking it up, while another address still signs in', async () => {
    kioskTokens.findByHash.mockImplementation(async (hash) =>
      hash === createHash('sha256').update(SECRET).digest('hex') ? token() : undefined,
    );
    const guesses = await Promise.allSettled(Array.from({ length: 101 }, (_, i) => login.kioskSignIn(`cbt_guess_${i}`, CLIENT)));
    expect(guesses.map((g) => (g.status === 'rejected' ? (g.reason as { status: number }).status : 200)).sort()).toEqual([
      ...Array(100).fill(401),
      429,
    ]);
    expect(kioskTokens.findByHash).toHaveBeenCalledTimes(100);
    await expect(login.kioskSignIn(SECRET, CLIENT)).rejects.toMatchObject({ status: 429, response: { field: 'token' } });
    expect((await login.kioskSignIn(SECRET, { ...CLIENT, ip: '10.0.0.8' })).token).toBe('signed token');
  });
});

describe('LoginService.changePassword and logout', () => {
  it('stores a hash of the new password and ends the other sessions, keeping this one', async () => {
    await login.changePassword(LIN, PASSWORD, 'a new password 2', CLIENT);
    const stored = users.update.mock.calls[0]!;
    expect(stored[0]).toBe('u1');
    expect(await verifyPassword(stored[1].passwordHash!, 'a new password 2')).toBe(true);
    expect(sessions.endUserExcept).toHaveBeenCalledWith('u1', 's1');
    expect(audit.record).toHaveBeenCalledExactlyOnceWith({ action: 'user.password', actor: LIN, target: 'u1', ip: '10.0.0.7' });
  });

  it('refuses a wrong current password and changes nothing', async () => {
    await expect(login.changePassword(LIN, 'not it', 'a new password 2', CLIENT)).rejects.toMatchObject({
      status: 401,
      response: { field: 'currentPassword' },
    });
    expect(users.update).not.toHaveBeenCalled();
    expect(audit.record).toHaveBeenCalledWith(expect.objectContaining({ action: 'user.password', outcome: 'failed' }));
  });

  it('pauses current-password guessing after 3 failures like a sign-in, and changes nothing', async () => {
    for (let i = 0; i < 3; i++) {
      await expect(login.changePassword(LIN, `guess ${i}`, 'a new password 2', CLIENT)).rejects.toMatchObject({ status: 401 });
    }
    await expect(login.changePassword(LIN, PASSWORD, 'a new password 2', CLIENT)).rejects.toMatchObject({
      status: 429,
      retryAfterS: 900,
      response: { code: 'TOO_MANY_ATTEMPTS', field: 'currentPassword' },
    });
    expect(users.update).not.toHaveBeenCalled();
    expect(audit.record).toHaveBeenLastCalledWith(expect.objectContaining({ action: 'user.password', outcome: 'denied', target: 'u1' }));
    // The same account from the same address cannot sign in either: one count per account and address.
    await expect(login.login('lin', PASSWORD, CLIENT)).rejects.toMatchObject({ status: 429 });
  });

  it('ends the session on logout and audits it', async () => {
    await login.logout(SESSION, CLIENT);
    expect(sessions.end).toHaveBeenCalledWith('s1');
    expect(audit.record).toHaveBeenCalledExactlyOnceWith({ action: 'auth.logout', actor: LIN, target: 's1', ip: '10.0.0.7' });
  });
});
