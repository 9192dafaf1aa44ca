import { flushPromises } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { KIOSK_TOKEN_KEY } from '../kioskToken';
import { mountApp, unmountAll } from '../testing/mountApp';
import { errorResponse, fakeApi, sessionFixture } from '../testing/session.fixture';
import { sockets } from '../testing/socketMock';
import { figures, snapshot } from '../testing/live.fixture';
import { serveLive } from '../testing/liveSockets';
import { todayFixture } from '../testing/today.fixture';

// The wallboard runs the real live store and connection; only the socket under them is fake.
vi.mock('socket.io-client', () => import('../testing/socketMock'));

/** Pages are loaded on demand; a cold import can take a while on a busy machine. */
const LAZY = { timeout: 5_000 };

const INVALID = 'This display link is no longer valid — ask an administrator for a new one';

/** The address bar as the TV's browser shows it. */
function openUrl(path: string): void {
  window.history.replaceState(null, '', path);
}

beforeEach(() => {
  localStorage.clear();
  sockets.length = 0;
  openUrl('/');
});

afterEach(() => {
  unmountAll();
  vi.useRealTimers();
});

describe('KioskPage', () => {
  it('signs in with the token from the link, removes it from the address bar and keeps it on the device', async () => {
    openUrl('/kiosk#cbt_s3cr3t');
    const api = fakeApi({
      'GET /api/v1/auth/session': errorResponse(401, 'UNAUTHENTICATED'),
      'POST /api/v1/auth/kiosk': sessionFixture('kiosk'),
      'GET /api/v1/today': todayFixture(),
    });
    const { wrapper: w, router } = await mountApp('/kiosk');
    await vi.waitFor(() => expect(router.currentRoute.value.path).toBe('/'), LAZY);

    expect(api.calls('POST /api/v1/auth/kiosk')[0]?.body).toEqual({ token: 'cbt_s3cr3t' });
    expect(window.location.hash).toBe('');
    expect(window.location.href).not.toContain('cbt_s3cr3t');
    expect(localStorage.getItem(KIOSK_TOKEN_KEY)).toBe('cbt_s3cr3t');
    expect(router.currentRoute.value.path).toBe('/');
    await serveLive(sockets, snapshot({ totals: figures({ offered: 1621 }) }), (fn) => vi.waitFor(fn, LAZY));
    await flushPromises();
    expect(w.get('[data-testid="tile-offered"] [data-testid="tile-value"]').text()).toBe('1,621');
    expect(w.find('nav a').exists()).toBe(false);
    expect(w.find('[data-testid="user-menu"]').exists()).toBe(false);
  });

  it('signs a screen that lost its cookie in again with the stored token', async () => {
    localStorage.setItem(KIOSK_TOKEN_KEY, 'cbt_kept');
    const api = fakeApi({
      'GET /api/v1/auth/session': errorResponse(401, 'UNAUTHENTICATED'),
      'POST /api/v1/auth/kiosk': sessionFixture('kiosk'),
      'GET /api/v1/today': todayFixture(),
    });
    const { router } = await mountApp('/');
    await vi.waitFor(() => expect(router.currentRoute.value.path).toBe('/'), LAZY);

    expect(api.calls('POST /api/v1/auth/kiosk')[0]?.body).toEqual({ token: 'cbt_kept' });
  });

  it('says a revoked or unknown link is no longer valid, and forgets it', async () => {
    localStorage.setItem(KIOSK_TOKEN_KEY, 'cbt_old');
    openUrl('/kiosk#cbt_revoked');
    fakeApi({
      'GET /api/v1/auth/session': errorResponse(401, 'UNAUTHENTICATED'),
      'POST /api/v1/auth/kiosk': errorResponse(401, 'BAD_TOKEN', 'unknown or revoked token'),
    });
    const { wrapper: w, router } = await mountApp('/kiosk');

    expect(w.get('[data-testid="kiosk-invalid"]').text()).toBe(INVALID);
    expect(localStorage.getItem(KIOSK_TOKEN_KEY)).toBeNull();
    expect(router.currentRoute.value.path).toBe('/kiosk');
    expect(w.find('nav a').exists()).toBe(false);
  });

  it('says so in Chinese', async () => {
    openUrl('/kiosk#cbt_revoked');
    fakeApi({
      'GET /api/v1/auth/session': errorResponse(401, 'UNAUTHENTICATED'),
      'POST /api/v1/auth/kiosk': errorResponse(401, 'BAD_TOKEN'),
    });
    const { wrapper: w } = await mountApp('/kiosk', { locale: 'zh-CN' });

    expect(w.get('[data-testid="kiosk-invalid"]').text()).toBe('此大屏链接已失效，请向管理员索取新链接');
  });

  it('asks for a link when the screen has none', async () => {
    const api = fakeApi({ 'GET /api/v1/auth/session': errorResponse(401, 'UNAUTHENTICATED') });
    const { wrapper: w } = await mountApp('/kiosk');

    expect(w.get('[data-testid="kiosk-invalid"]').text()).toBe('This display has no sign-in link — ask an administrator for one');
    expect(api.calls('POST /api/v1/auth/kiosk')).toHaveLength(0);
  });

  it('keeps the token and tries again while the server cannot be reached', async () => {
    vi.useFakeTimers();
    openUrl('/kiosk#cbt_patient');
    let up = false;
    const api = fakeApi({
      'GET /api/v1/auth/session': errorResponse(401, 'UNAUTHENTICATED'),
      'POST /api/v1/auth/kiosk': () => (up ? Response.json(sessionFixture('kiosk')) : errorResponse(503, 'UNAVAILABLE')),
      'GET /api/v1/today': todayFixture(),
    });
    const { wrapper: w, router } = await mountApp('/kiosk');
    expect(w.get('[data-testid="kiosk-unreachable"]').text()).toBe('Cannot reach the server. Trying again every few seconds.');
    expect(localStorage.getItem(KIOSK_TOKEN_KEY)).toBe('cbt_patient');

    up = true;
    await vi.advanceTimersByTimeAsync(10_000);

    expect(api.calls('POST /api/v1/auth/kiosk')).toHaveLength(2);
    expect(router.currentRoute.value.path).toBe('/');
  });

  it('signs in again with its stored token when the server ends the display’s session', async () => {
    localStorage.setItem(KIOSK_TOKEN_KEY, 'cbt_kept');
    let signedIn = true;
    const api = fakeApi({
      'GET /api/v1/auth/session': () => (signedIn ? Response.json(sessionFixture('kiosk')) : errorResponse(401, 'SESSION_EXPIRED')),
      'POST /api/v1/auth/kiosk': () => {
        signedIn = true;
        return Response.json(sessionFixture('kiosk'));
      },
      'GET /api/v1/today': todayFixture(),
    });
    const { wrapper: w, router } = await mountApp('/');
    const first = await serveLive(sockets, snapshot(), (fn) => vi.waitFor(fn, LAZY));

    // The server ends the session (e.g. its token was rotated): the socket hears it first.
    signedIn = false;
    first.sessionEnded({ reason: 'SESSION_EXPIRED' });
    first.drop('io server disconnect');

    await vi.waitFor(() => expect(api.calls('POST /api/v1/auth/kiosk')).toHaveLength(1), LAZY);
    expect(api.calls('POST /api/v1/auth/kiosk')[0]?.body).toEqual({ token: 'cbt_kept' });
    await vi.waitFor(() => expect(router.currentRoute.value.path).toBe('/'), LAZY);
    await vi.waitFor(() => expect(sockets.length).toBe(2), LAZY);
    await serveLive(sockets, snapshot({ totals: figures({ offered: 7 }) }), (fn) => vi.waitFor(fn, LAZY));
    await flushPromises();
    expect(w.get('[data-testid="tile-offered"] [data-testid="tile-value"]').text()).toBe('7');
    expect(w.find('[data-testid="login-username"]').exists()).toBe(false);
  });
});
