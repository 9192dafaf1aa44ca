import { createPinia, disposePinia, setActivePinia, type Pinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fetchUsers } from '../api/admin';
import { http } from '../api/http';
import { KIOSK_TOKEN_KEY } from '../kioskToken';
import { errorResponse, fakeApi, noContent, sessionFixture } from '../testing/session.fixture';
import { KEEP_ALIVE_MS, useSessionStore } from './session';

let pinia: Pinia;

beforeEach(() => {
  pinia = createPinia();
  setActivePinia(pinia);
  localStorage.clear();
});

afterEach(() => {
  disposePinia(pinia);
  vi.useRealTimers();
});

describe('session store', () => {
  it('knows nobody before the server has answered', () => {
    const session = useSessionStore();

    expect(session.loaded).toBe(false);
    expect(session.signedIn).toBe(false);
    expect(session.can('wallboard')).toBe(false);
  });

  it('signs in and holds the capabilities the server granted', async () => {
    const api = fakeApi({ 'POST /api/v1/auth/login': sessionFixture('supervisor') });
    const session = useSessionStore();

    await session.login('supervisor', 'correct horse');

    expect(api.calls('POST /api/v1/auth/login')[0]?.body).toEqual({ username: 'supervisor', password: 'correct horse' });
    expect(session.signedIn).toBe(true);
    expect(session.info?.user?.displayName).toBe('Sun Supervisor');
    // A supervisor (SPEC §1): live wallboard, agent detail, QA results of their team; no trends, no administration.
    expect(session.can('wallboard')).toBe(true);
    expect(session.can('agentDetail')).toBe(true);
    expect(session.can('qaResults')).toBe(true);
    expect(session.can('trends')).toBe(false);
    expect(session.can('admin')).toBe(false);
    expect(session.canAny(['trends', 'qaResults'])).toBe(true);
    expect(session.canAny(['trends', 'admin'])).toBe(false);
  });

  it('rejects a wrong password with the server’s error and stays signed out', async () => {
    fakeApi({ 'POST /api/v1/auth/login': errorResponse(401, 'BAD_CREDENTIALS') });
    const session = useSessionStore();

    await expect(session.login('ada', 'nope')).rejects.toMatchObject({ status: 401, code: 'BAD_CREDENTIALS' });

    expect(session.signedIn).toBe(false);
    expect(session.expired).toBe(false);
  });

  it('makes this device stop being a wall screen when a person signs in on it', async () => {
    localStorage.setItem(KIOSK_TOKEN_KEY, 'cbt_old');
    fakeApi({ 'POST /api/v1/auth/login': sessionFixture('manager') });

    await useSessionStore().login('manager', 'pw');

    expect(localStorage.getItem(KIOSK_TOKEN_KEY)).toBeNull();
  });

  it('loads nobody on a 401, without calling it an expiry', async () => {
    fakeApi({ 'GET /api/v1/auth/session': errorResponse(401, 'UNAUTHENTICATED') });
    const session = useSessionStore();

    await session.load();

    expect(session.loaded).toBe(true);
    expect(session.info).toBeNull();
    expect(session.expired).toBe(false);
  });

  it('is cleared, and marked expired, when any request answers 401', async () => {
    fakeApi({
      'GET /api/v1/auth/session': sessionFixture('admin'),
      'GET /api/v1/users': errorResponse(401, 'SESSION_EXPIRED'),
    });
    const session = useSessionStore();
    await session.load();
    expect(session.can('admin')).toBe(true);

    await expect(fetchUsers()).rejects.toMatchObject({ status: 401 });

    expect(session.info).toBeNull();
    expect(session.can('admin')).toBe(false);
    expect(session.expired).toBe(true);
  });

  it('asks the server once for concurrent first loads', async () => {
    const api = fakeApi({ 'GET /api/v1/auth/session': sessionFixture('agent') });
    const session = useSessionStore();

    await Promise.all([session.ensureLoaded(), session.ensureLoaded(), session.ensureLoaded()]);
    await session.ensureLoaded();

    expect(api.calls('GET /api/v1/auth/session')).toHaveLength(1);
    expect(session.info?.role).toBe('agent');
  });

  it('keeps trying to load while the server cannot be reached, and says why', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))),
    );
    const session = useSessionStore();

    await session.ensureLoaded();

    expect(session.loaded).toBe(false);
    expect(session.loadError?.code).toBe('NETWORK');
  });

  it('sends the session’s CSRF token with state-changing requests', async () => {
    const api = fakeApi({
      'GET /api/v1/auth/session': sessionFixture('admin', { csrfToken: 'tok-42' }),
      'POST /api/v1/keys': { key: {}, secret: 'x' },
    });
    const session = useSessionStore();
    await session.load();

    await http.post('/api/v1/keys', { name: 'pbx' });

    expect(api.calls('POST /api/v1/keys')[0]?.headers['X-CSRF-Token']).toBe('tok-42');
  });

  it('signs out with the CSRF token and forgets the session', async () => {
    const api = fakeApi({
      'POST /api/v1/auth/login': sessionFixture('manager'),
      'POST /api/v1/auth/logout': noContent(),
    });
    const session = useSessionStore();
    await session.login('manager', 'pw');

    await session.logout();

    expect(api.calls('POST /api/v1/auth/logout')[0]?.headers['X-CSRF-Token']).toBe('csrf-manager');
    expect(session.info).toBeNull();
    expect(session.loaded).toBe(true);
    expect(session.expired).toBe(false);
  });

  it('forgets the session even when signing out cannot reach the server', async () => {
    fakeApi({ 'POST /api/v1/auth/login': sessionFixture('manager') });
    const session = useSessionStore();
    await session.login('manager', 'pw');
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))),
    );

    await expect(session.logout()).rejects.toMatchObject({ code: 'NETWORK' });

    expect(session.signedIn).toBe(false);
  });

  it('signs out quietly when the session had already ended', async () => {
    fakeApi({
      'POST /api/v1/auth/login': sessionFixture('manager'),
      'POST /api/v1/auth/logout': errorResponse(401, 'SESSION_EXPIRED'),
    });
    const session = useSessionStore();
    await session.login('manager', 'pw');
    const expiredSeen: boolean[] = [];
    session.$subscribe((_mutation, state) => expiredSeen.push(state.expired), { flush: 'sync' });

    await session.logout().catch(() => {});

    expect(session.signedIn).toBe(false);
    expect(expiredSeen).not.toContain(true); // not even for a moment: the login page would say "expired"
    expect(expiredSeen.length).toBeGreaterThan(0);
  });

  it('signs a wall display in with its token', async () => {
    const api = fakeApi({ 'POST /api/v1/auth/kiosk': sessionFixture('kiosk') });
    const session = useSessionStore();

    await session.kioskSignIn('cbt_abc');

    expect(api.calls('POST /api/v1/auth/kiosk')[0]?.body).toEqual({ token: 'cbt_abc' });
    expect(session.isKiosk).toBe(true);
    expect(session.can('wallboard')).toBe(true);
    expect(session.can('self')).toBe(false);
  });
});

describe('session keep-alive', () => {
  it('asks for the session every 4 minutes while signed in, taking the fresh CSRF token', async () => {
    vi.useFakeTimers();
    expect(KEEP_ALIVE_MS).toBe(240_000);
    const answers = [sessionFixture('admin', { csrfToken: 'second' }), sessionFixture('admin', { csrfToken: 'third' })];
    const api = fakeApi({
      'POST /api/v1/auth/login': sessionFixture('admin', { csrfToken: 'first' }),
      'GET /api/v1/auth/session': () => new Response(JSON.stringify(answers.shift()), { status: 200 }),
    });
    const session = useSessionStore();
    await session.login('admin', 'pw');

    await vi.advanceTimersByTimeAsync(239_999);
    expect(api.calls('GET /api/v1/auth/session')).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(api.calls('GET /api/v1/auth/session')).toHaveLength(1);
    expect(session.info?.csrfToken).toBe('second');

    await vi.advanceTimersByTimeAsync(240_000);
    expect(api.calls('GET /api/v1/auth/session')).toHaveLength(2);
    expect(session.info?.csrfToken).toBe('third');
  });

  it('stops asking once signed out', async () => {
    vi.useFakeTimers();
    const api = fakeApi({
      'POST /api/v1/auth/login': sessionFixture('admin'),
      'POST /api/v1/auth/logout': noContent(),
      'GET /api/v1/auth/session': sessionFixture('admin'),
    });
    const session = useSessionStore();
    await session.login('admin', 'pw');
    await session.logout();

    await vi.advanceTimersByTimeAsync(3 * 240_000);

    expect(api.calls('GET /api/v1/auth/session')).toHaveLength(0);
  });

  it('ends the session when the keep-alive learns it has expired', async () => {
    vi.useFakeTimers();
    fakeApi({
      'POST /api/v1/auth/login': sessionFixture('supervisor'),
      'GET /api/v1/auth/session': errorResponse(401, 'SESSION_EXPIRED'),
    });
    const session = useSessionStore();
    await session.login('supervisor', 'pw');

    await vi.advanceTimersByTimeAsync(240_000);

    expect(session.info).toBeNull();
    expect(session.expired).toBe(true);
  });

  it('keeps a wallboard signed in through a moment the server cannot be reached', async () => {
    vi.useFakeTimers();
    fakeApi({ 'POST /api/v1/auth/kiosk': sessionFixture('kiosk') });
    const session = useSessionStore();
    await session.kioskSignIn('cbt_abc');
    const api = fakeApi({ 'GET /api/v1/auth/session': sessionFixture('kiosk', { csrfToken: 'after' }) });
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))),
    );

    await vi.advanceTimersByTimeAsync(240_000);
    expect(session.isKiosk).toBe(true);
    expect(session.loadError?.code).toBe('NETWORK');

    vi.stubGlobal('fetch', api.fetchMock);
    await vi.advanceTimersByTimeAsync(240_000);
    expect(session.info?.csrfToken).toBe('after');
    expect(session.loadError).toBeNull();
  });

  it('asks at once when the tab becomes visible again', async () => {
    const api = fakeApi({
      'POST /api/v1/auth/login': sessionFixture('manager'),
      'GET /api/v1/auth/session': sessionFixture('manager'),
    });
    const session = useSessionStore();
    await session.login('manager', 'pw');
    const visibility = vi.spyOn(document, 'visibilityState', 'get');

    visibility.mockReturnValue('hidden');
    document.dispatchEvent(new Event('visibilitychange'));
    await Promise.resolve();
    expect(api.calls('GET /api/v1/auth/session')).toHaveLength(0);

    visibility.mockReturnValue('visible');
    document.dispatchEvent(new Event('visibilitychange'));
    await vi.waitFor(() => expect(api.calls('GET /api/v1/auth/session')).toHaveLength(1));
  });
});
