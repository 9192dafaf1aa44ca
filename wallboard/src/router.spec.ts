import { createPinia, disposePinia, setActivePinia, type Pinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createMemoryHistory } from 'vue-router';
import { KIOSK_TOKEN_KEY } from './kioskToken';
import { createAppRouter, safeNext } from './router';
import { errorResponse, fakeApi, sessionFixture } from './testing/session.fixture';

let pinia: Pinia;

beforeEach(() => {
  pinia = createPinia();
  setActivePinia(pinia);
  localStorage.clear();
});

afterEach(() => disposePinia(pinia));

/** Where the app ends up when asked for `path`. */
async function land(path: string): Promise<string> {
  const router = createAppRouter(createMemoryHistory(), pinia);
  await router.push(path);
  return router.currentRoute.value.fullPath;
}

describe('access guard', () => {
  describe('for nobody signed in', () => {
    beforeEach(() => {
      fakeApi({ 'GET /api/v1/auth/session': errorResponse(401, 'UNAUTHENTICATED') });
    });

    it('sends to the login page, remembering the page asked for', async () => {
      expect(await land('/admin/audit')).toBe('/login?next=/admin/audit');

      const router = createAppRouter(createMemoryHistory(), pinia);
      await router.push('/trends?queue=sales&agent=a%26b');
      expect(router.currentRoute.value.name).toBe('login');
      expect(router.currentRoute.value.query.next).toBe('/trends?queue=sales&agent=a%26b');
    });

    it('leaves out next for the home page', async () => {
      expect(await land('/')).toBe('/login');
    });

    it('opens the login and kiosk pages', async () => {
      expect(await land('/login')).toBe('/login');
      expect(await land('/kiosk')).toBe('/kiosk');
    });

    it('sends a wall screen that kept its display token to sign in again by itself', async () => {
      localStorage.setItem(KIOSK_TOKEN_KEY, 'cbt_abc');

      expect(await land('/')).toBe('/kiosk');
    });
  });

  it.each([
    ['agent', '/', '/qa/mine'],
    ['qa_reviewer', '/', '/qa/reviews'],
    ['qa_lead', '/trends', '/qa/reviews'],
    ['agent', '/admin/users', '/qa/mine'],
    ['supervisor', '/trends', '/'],
    ['manager', '/settings', '/'],
    ['manager', '/admin/keys', '/'],
    ['kiosk', '/qa', '/'],
    ['kiosk', '/account', '/'],
  ] as const)('sends %s, who may not open %s, to %s', async (role, asked, landed) => {
    fakeApi({ 'GET /api/v1/auth/session': sessionFixture(role) });

    expect(await land(asked)).toBe(landed);
  });

  it.each([
    ['admin', '/admin/kiosk-tokens'],
    ['admin', '/settings'],
    ['manager', '/trends'],
    ['supervisor', '/qa/summary'],
    ['agent', '/account'],
    ['kiosk', '/'],
  ] as const)('lets %s open %s', async (role, path) => {
    fakeApi({ 'GET /api/v1/auth/session': sessionFixture(role) });

    expect(await land(path)).toBe(path);
  });

  it('sends someone already signed in from the login page to the page they asked for, or home', async () => {
    fakeApi({ 'GET /api/v1/auth/session': sessionFixture('agent') });

    expect(await land('/login?next=/account')).toBe('/account');
    expect(await land('/login')).toBe('/qa/mine');
  });

  it('asks the server for the session once, not on every navigation', async () => {
    const api = fakeApi({ 'GET /api/v1/auth/session': sessionFixture('admin') });
    const router = createAppRouter(createMemoryHistory(), pinia);

    await router.push('/');
    await router.push('/trends');
    await router.push('/admin/users');

    expect(router.currentRoute.value.fullPath).toBe('/admin/users');
    expect(api.calls('GET /api/v1/auth/session')).toHaveLength(1);
  });

  it('asks again on the next navigation while the server cannot be reached', async () => {
    const fetchMock = vi.fn(async () => Promise.reject(new TypeError('Failed to fetch')));
    vi.stubGlobal('fetch', fetchMock);
    const router = createAppRouter(createMemoryHistory(), pinia);

    await router.push('/trends');
    expect(router.currentRoute.value.fullPath).toBe('/login?next=/trends');

    fakeApi({ 'GET /api/v1/auth/session': sessionFixture('manager') });
    await router.push('/trends');
    expect(router.currentRoute.value.fullPath).toBe('/trends');
  });
});

describe('safeNext', () => {
  it('follows paths inside the app', () => {
    expect(safeNext('/admin/users')).toBe('/admin/users');
    expect(safeNext('/trends?queue=sales')).toBe('/trends?queue=sales');
  });

  it('refuses other sites, odd values and the sign-in pages', () => {
    expect(safeNext('//evil.example/x')).toBeNull();
    expect(safeNext('https://evil.example/')).toBeNull();
    expect(safeNext('/\\evil.example')).toBeNull();
    expect(safeNext('/login?next=/x')).toBeNull();
    expect(safeNext('/kiosk')).toBeNull();
    expect(safeNext(['/a'])).toBeNull();
    expect(safeNext(undefined)).toBeNull();
  });
});
