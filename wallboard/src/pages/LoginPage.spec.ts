import { flushPromises } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { mountApp, unmountAll } from '../testing/mountApp';
import { errorResponse, fakeApi, sessionFixture } from '../testing/session.fixture';
import { jsonResponse, todayFixture } from '../testing/today.fixture';

/** Pages are loaded on demand; a cold import can take a while on a busy machine. */
const LAZY = { timeout: 5_000 };

const anonymous = { 'GET /api/v1/auth/session': errorResponse(401, 'UNAUTHENTICATED'), 'GET /api/v1/today': todayFixture() };

async function fillAndSubmit(w: Awaited<ReturnType<typeof mountApp>>['wrapper'], username: string, password: string) {
  await w.get('[data-testid="login-username"]').setValue(username);
  await w.get('[data-testid="login-password"]').setValue(password);
  await w.get('form').trigger('submit');
  await flushPromises();
}

beforeEach(() => localStorage.clear());
afterEach(() => {
  unmountAll();
  vi.useRealTimers();
});

describe('LoginPage', () => {
  it('labels its fields for people, password managers and screen readers, with the focus on the username', async () => {
    fakeApi(anonymous);
    const { wrapper: w } = await mountApp('/login');

    const username = w.get('[data-testid="login-username"]');
    const password = w.get('[data-testid="login-password"]');
    expect(username.attributes('autocomplete')).toBe('username');
    expect(password.attributes('autocomplete')).toBe('current-password');
    expect(password.attributes('type')).toBe('password');
    expect(username.element.closest('label')?.textContent).toContain('Username');
    expect(password.element.closest('label')?.textContent).toContain('Password');
    expect(document.activeElement).toBe(username.element);
    expect(w.get('[data-testid="login-submit"]').attributes('type')).toBe('submit');
    expect(document.title).toBe('Sign in · Callboard');
  });

  it('signs in and continues to the page asked for', async () => {
    const api = fakeApi({ ...anonymous, 'POST /api/v1/auth/login': sessionFixture('manager') });
    const { wrapper: w, router } = await mountApp('/trends');
    expect(router.currentRoute.value.fullPath).toBe('/login?next=/trends');

    await fillAndSubmit(w, '  manager ', 's3cret-pass');

    expect(api.calls('POST /api/v1/auth/login')[0]?.body).toEqual({ username: 'manager', password: 's3cret-pass' });
    // The trends page writes its view into the address as it opens.
    await vi.waitFor(() => expect(router.currentRoute.value.path).toBe('/trends'), LAZY);
    expect(w.get('[data-testid="user-name"]').text()).toBe('Min Manager');
  });

  it('lands an agent on the QA page when no page was asked for', async () => {
    fakeApi({ ...anonymous, 'POST /api/v1/auth/login': sessionFixture('agent') });
    const { wrapper: w, router } = await mountApp('/login');

    await fillAndSubmit(w, 'agent', 'pw-pw-pw-pw');

    await vi.waitFor(() => expect(router.currentRoute.value.fullPath).toBe('/qa/mine'), LAZY);
    expect(w.findAll('.topbar__nav a').map((a) => a.attributes('data-testid'))).toEqual(['nav-qa']);
  });

  it('says a wrong name or password is wrong, clears the password and stays', async () => {
    fakeApi({ ...anonymous, 'POST /api/v1/auth/login': errorResponse(401, 'BAD_CREDENTIALS', 'bad credentials') });
    const { wrapper: w, router } = await mountApp('/login');

    await fillAndSubmit(w, 'ada', 'wrong');

    expect(w.get('[data-testid="login-error"]').text()).toBe('Wrong username or password.');
    expect((w.get('[data-testid="login-password"]').element as HTMLInputElement).value).toBe('');
    expect((w.get('[data-testid="login-username"]').element as HTMLInputElement).value).toBe('ada');
    expect(router.currentRoute.value.name).toBe('login');
    expect(w.find('[data-testid="session-expired"]').exists()).toBe(false);
  });

  it.each([
    ['540', 'Too many attempts, try again in 9 minutes'],
    ['61', 'Too many attempts, try again in 2 minutes'],
    ['30', 'Too many attempts, try again in 1 minute'],
  ])('after too many attempts with Retry-After %s s, says “%s”', async (retryAfter, message) => {
    fakeApi({
      ...anonymous,
      'POST /api/v1/auth/login': errorResponse(429, 'TOO_MANY_ATTEMPTS', 'slow down', {}, { 'Retry-After': retryAfter }),
    });
    const { wrapper: w } = await mountApp('/login');

    await fillAndSubmit(w, 'ada', 'pw');

    expect(w.get('[data-testid="login-error"]').text()).toBe(message);
  });

  it('says too many attempts in Chinese', async () => {
    fakeApi({
      ...anonymous,
      'POST /api/v1/auth/login': errorResponse(429, 'TOO_MANY_ATTEMPTS', 'slow down', {}, { 'Retry-After': '900' }),
    });
    const { wrapper: w } = await mountApp('/login', { locale: 'zh-CN' });

    await fillAndSubmit(w, 'ada', 'pw');

    expect(w.get('[data-testid="login-error"]').text()).toBe('尝试次数过多，请 15 分钟后再试');
  });

  it('asks for both fields without calling the server', async () => {
    const api = fakeApi(anonymous);
    const { wrapper: w } = await mountApp('/login');

    await fillAndSubmit(w, 'ada', '');

    expect(w.get('[data-testid="login-error"]').text()).toBe('Enter your username and password.');
    expect(api.calls('POST /api/v1/auth/login')).toHaveLength(0);
  });

  it('disables the button while signing in, so a double press sends one request', async () => {
    let answer: (response: Response) => void = () => {};
    const api = fakeApi({
      ...anonymous,
      'POST /api/v1/auth/login': () => new Promise<Response>((resolve) => (answer = resolve)),
    });
    const { wrapper: w } = await mountApp('/login');
    await w.get('[data-testid="login-username"]').setValue('admin');
    await w.get('[data-testid="login-password"]').setValue('pw');

    await w.get('form').trigger('submit');
    await w.get('form').trigger('submit');

    const button = w.get('[data-testid="login-submit"]');
    expect(button.attributes('disabled')).toBeDefined();
    expect(button.text()).toBe('Signing in…');
    expect(api.calls('POST /api/v1/auth/login')).toHaveLength(1);

    answer(errorResponse(401, 'BAD_CREDENTIALS'));
    await flushPromises();
    expect(w.get('[data-testid="login-submit"]').attributes('disabled')).toBeUndefined();
  });

  it('says the session expired when sent here for that reason', async () => {
    fakeApi(anonymous);
    const { wrapper: w } = await mountApp('/login?expired=1&next=/admin/users');

    expect(w.get('[data-testid="session-expired"]').text()).toBe('Your session has expired, please sign in again');
  });

  it('says so when the server cannot be reached, and continues once it answers with a session', async () => {
    vi.useFakeTimers();
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))),
    );
    const { wrapper: w, router } = await mountApp('/trends');
    expect(router.currentRoute.value.fullPath).toBe('/login?next=/trends');
    expect(w.get('[data-testid="login-unreachable"]').text()).toBe('Cannot reach the server. Trying again every few seconds.');

    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: string) => jsonResponse(url.startsWith('/api/v1/auth/session') ? sessionFixture('manager') : todayFixture())),
    );
    await vi.advanceTimersByTimeAsync(5_000);
    vi.useRealTimers();

    // The trends page writes its view into the address as it opens.
    await vi.waitFor(() => expect(router.currentRoute.value.path).toBe('/trends'), LAZY);
  });
});
