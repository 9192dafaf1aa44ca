import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type Mocked, automock } from '../../testing/automock.js';
import { type Revocation, LocalRevocationBus } from './revocations.js';
import { type SessionRow, SessionsRepository } from './sessions.repository.js';
import { SessionsService } from './sessions.service.js';

const T0 = Date.parse('2026-03-02T02:00:00.000Z');
const MIN = 60_000;
const config = {
  CALLBOARD_SESSION_IDLE_MIN: 30,
  CALLBOARD_SESSION_MAX_H: 12,
  CALLBOARD_SESSION_SECRET: 'a session secret of at least 32 characters',
  CALLBOARD_TZ: 'Asia/Shanghai',
};

const userRow = (r: Partial<SessionRow> = {}): SessionRow => ({
  id: 's1',
  kind: 'user',
  csrf_secret: 'csrf secret of s1',
  expires_at: new Date(T0 + 30 * MIN),
  absolute_expires_at: new Date(T0 + 12 * 60 * MIN),
  revoked_at: null,
  user_id: 'u1',
  username: 'lin',
  display_name: 'Lin Wei',
  role: 'supervisor',
  u_queues: ['general'],
  u_teams: ['team-a'],
  agent_id: null,
  disabled_at: null,
  kiosk_id: null,
  kiosk_name: null,
  k_queues: null,
  k_teams: null,
  kiosk_revoked_at: null,
  ...r,
});

let repository: Mocked<SessionsRepository>;
let bus: LocalRevocationBus;
let sessions: SessionsService;

beforeEach(() => {
  vi.useFakeTimers({ now: T0, toFake: ['Date'] });
  repository = automock(SessionsRepository);
  repository.find.mockResolvedValue(userRow());
  bus = new LocalRevocationBus();
  sessions = new SessionsService(repository, config, bus);
});
afterEach(() => {
  vi.useRealTimers();
});

describe('SessionsService', () => {
  it('opens a user session idle for 30 minutes and at most 12 hours, and its token names it', async () => {
    const { session, token } = await sessions.create('user', 'u1', { ip: '10.0.0.7', userAgent: 'x'.repeat(400) });
    expect(repository.insert).toHaveBeenCalledExactlyOnceWith({
      id: expect.any(String),
      kind: 'user',
      subjectId: 'u1',
      csrfSecret: expect.any(String),
      expiresAt: new Date(T0 + 30 * MIN),
      absoluteExpiresAt: new Date(T0 + 12 * 60 * MIN),
      ip: '10.0.0.7',
      // Kept to 300 characters.
      userAgent: 'x'.repeat(300),
    });
    expect(session.principal).toEqual({
      kind: 'user',
      id: 'u1',
      name: 'lin',
      role: 'supervisor',
      scope: { queues: ['general'], teams: ['team-a'] },
      sessionId: 's1',
      agentId: null,
    });
    const check = await sessions.check(token);
    expect(check).toMatchObject({ ok: true, issuedAt: T0, session: { id: 's1' } });
  });

  it('gives admins every queue whatever their stored scope', async () => {
    repository.find.mockResolvedValue(userRow({ role: 'admin' }));
    const check = await sessions.checkSession('s1');
    expect(check.ok && check.session.principal.scope).toEqual({ queues: null, teams: null });
  });

  it('treats a revoked session, a disabled user and a revoked kiosk token as ended', async () => {
    for (const row of [
      userRow({ revoked_at: new Date(T0) }),
      userRow({ disabled_at: new Date(T0) }),
      userRow({ kind: 'kiosk', user_id: null, kiosk_id: 'k1', kiosk_name: 'Floor TV', kiosk_revoked_at: new Date(T0) }),
    ]) {
      repository.find.mockResolvedValueOnce(row);
      expect(await sessions.checkSession('s1', 0, { fresh: true })).toEqual({ ok: false, reason: 'ended' });
    }
  });

  it('tells an expired token from one that is not a token', async () => {
    const { token } = await sessions.create('user', 'u1', { ip: null, userAgent: null });
    vi.setSystemTime(T0 + 31 * MIN);
    expect(await sessions.check(token)).toEqual({ ok: false, reason: 'expired' });
    expect(await sessions.check('not.a.token')).toEqual({ ok: false, reason: 'invalid' });
  });

  it('keeps one signing secret in the database when none is configured', async () => {
    const stored = new SessionsService(repository, { ...config, CALLBOARD_SESSION_SECRET: undefined }, bus);
    repository.signingSecret.mockResolvedValue('the secret another process stored first');
    const { token } = await stored.create('user', 'u1', { ip: null, userAgent: null });
    expect((await stored.check(token)).ok).toBe(true);
    // 48 random bytes in base64url are 64 characters; asked once, then kept.
    expect(repository.signingSecret).toHaveBeenCalledExactlyOnceWith(expect.stringMatching(/^[A-Za-z0-9_-]{64}$/));
  });

  it('renews a token over a minute old and pushes the idle expiry forward, never past the absolute limit', async () => {
    const { session } = await sessions.create('user', 'u1', { ip: null, userAgent: null });
    vi.setSystemTime(T0 + 59_999);
    expect(await sessions.touch(session, T0)).toBeUndefined();

    vi.setSystemTime(T0 + 10 * MIN);
    expect(await sessions.touch(session, T0)).toEqual(expect.any(String));
    // Used at 02:10: idle until 02:40.
    expect(repository.extend).toHaveBeenLastCalledWith('s1', new Date(T0 + 40 * MIN));

    vi.setSystemTime(T0 + (12 * 60 - 10) * MIN);
    await sessions.touch(session, T0 + 10 * MIN);
    // 10 minutes before the 12-hour limit, 30 idle minutes would pass it: the limit wins.
    expect(repository.extend).toHaveBeenLastCalledWith('s1', new Date(T0 + 12 * 60 * MIN));
  });

  it('announces ended sessions and asks the database again for a session it had cached', async () => {
    const heard: Revocation[] = [];
    sessions.onRevoked((r) => heard.push(r));
    await sessions.checkSession('s1');
    await sessions.checkSession('s1');
    expect(repository.find).toHaveBeenCalledTimes(1);

    repository.endUser.mockResolvedValue(['s2', 's3']);
    await sessions.endUserExcept('u1', 's1');
    await sessions.endKiosk('k1');
    await sessions.end('s1');
    expect(heard).toEqual([
      { kind: 'session', id: 's2' },
      { kind: 'session', id: 's3' },
      { kind: 'kiosk', id: 'k1' },
      { kind: 'session', id: 's1' },
    ]);
    expect(repository.endUser).toHaveBeenCalledWith('u1', 's1');
    await sessions.checkSession('s1');
    expect(repository.find).toHaveBeenCalledTimes(2);
  });
});
