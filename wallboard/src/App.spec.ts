import { USER_ROLES, type UserRole } from '@callboard/api/wire';
import { flushPromises, type VueWrapper } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { mountApp, unmountAll } from './testing/mountApp';
import { errorResponse, fakeApi, noContent, sessionFixture } from './testing/session.fixture';
import { sockets } from './testing/socketMock';
import { figures, snapshot } from './testing/live.fixture';
import { serveLive } from './testing/liveSockets';
import { todayFixture } from './testing/today.fixture';

// The wallboard runs the real live store and connection; only the socket under them is fake.
vi.mock('socket.io-client', () => import('./testing/socketMock'));

/** Pages are loaded on demand; a cold import can take a while on a busy machine. */
const LAZY = { timeout: 5_000 };

/** Every testid of a navigation link (the user menu's links are not navigation). */
function navTestIds(w: VueWrapper): string[] {
  return w.findAll('nav [data-testid^="nav-"]').map((link) => link.attributes('data-testid') ?? '');
}

function signedInAs(role: UserRole | 'kiosk', today = todayFixture()) {
  return fakeApi({
    'GET /api/v1/auth/session': sessionFixture(role),
    'GET /api/v1/today': today,
    'POST /api/v1/auth/logout': noContent(),
  });
}

beforeEach(() => {
  localStorage.clear();
  sockets.length = 0;
});
afterEach(unmountAll);

describe('App', () => {
  it('names the product and links every section for an administrator', async () => {
    signedInAs('admin');
    const { wrapper: w } = await mountApp('/');

    expect(w.get('.topbar__brand').text()).toBe('Callboard');
    expect(w.findAll('nav a').map((a) => [a.text(), a.attributes('href')])).toEqual([
      ['Wallboard', '/'],
      ['Trends', '/trends'],
      ['QA', '/qa'],
      ['Settings', '/settings'],
      ['Users', '/admin/users'],
      ['API keys', '/admin/keys'],
      ['Kiosk displays', '/admin/kiosk-tokens'],
      ['Audit log', '/admin/audit'],
    ]);
    expect(w.get('[data-testid="admin-nav-group"]').text()).toMatch(/^Admin/);
    expect(document.title).toBe('Wallboard · Callboard');
  });

  it('shows no demo badge for figures from a phone system', async () => {
    signedInAs('admin', todayFixture({ demo: false }));
    const { wrapper: w } = await mountApp('/');

    expect(w.find('[data-testid="demo-badge"]').exists()).toBe(false);
  });

  it('shows the demo badge on a page that does not poll today’s figures', async () => {
    const api = signedInAs('manager', todayFixture({ demo: true }));
    const { wrapper: w } = await mountApp('/trends');

    expect(api.calls('GET /api/v1/today')).toHaveLength(1);
    expect(w.get('[data-testid="demo-badge"]').text()).toBe('DEMO DATA');
    expect(w.get('h1').text()).toContain('Trends');
  });

  it('does not ask for today’s figures for a session that may not read them', async () => {
    const api = signedInAs('qa_reviewer', todayFixture({ demo: true }));
    const { wrapper: w } = await mountApp('/qa');

    expect(api.calls('GET /api/v1/today')).toHaveLength(0);
    expect(w.find('[data-testid="demo-badge"]').exists()).toBe(false);
  });

  it('switches the whole interface to Chinese and remembers the choice', async () => {
    signedInAs('admin', todayFixture({ demo: true }));
    const { wrapper: w } = await mountApp('/');

    // ASA 123 s ÷ 10 answered = 12.3 s.
    await serveLive(sockets, snapshot({ totals: figures({ offered: 12, answered: 10, answeredWaitS: 123 }) }), (fn) =>
      vi.waitFor(fn, LAZY),
    );
    await flushPromises();
    await w.get('[data-testid="locale-select"]').setValue('zh-CN');

    expect(w.get('[data-testid="demo-badge"]').text()).toBe('演示数据');
    expect(w.findAll('nav a').map((a) => a.text())).toEqual([
      '实时看板',
      '趋势',
      '质检',
      '设置',
      '用户',
      'API 密钥',
      '大屏显示',
      '审计日志',
    ]);
    expect(w.get('[data-testid="user-role"]').text()).toBe('管理员');
    expect(w.get('[data-testid="logout"]').text()).toBe('退出登录');
    expect(w.get('[data-testid="tile-asaS"] [data-testid="tile-value"]').text()).toBe('12.3秒');
    expect(w.get('[data-testid="tile-asaS"] h3').text()).toBe('平均应答速度');
    expect(document.documentElement.lang).toBe('zh-CN');
    expect(localStorage.getItem('callboard.locale')).toBe('zh-CN');
  });
});

describe('navigation per role', () => {
  // From SPEC §1, by hand: what each role "can", as links. Settings and the
  // admin pages are the administrator's; trends are for managers (and admins);
  // every person has some QA results; a wall display has no navigation at all.
  const ADMIN = ['nav-admin-users', 'nav-admin-keys', 'nav-admin-kiosk', 'nav-admin-audit'];
  const expected: Record<UserRole | 'kiosk', { links: string[]; lands: string }> = {
    admin: { links: ['nav-wallboard', 'nav-trends', 'nav-qa', 'nav-settings', ...ADMIN], lands: '/' },
    manager: { links: ['nav-wallboard', 'nav-trends', 'nav-qa'], lands: '/' },
    supervisor: { links: ['nav-wallboard', 'nav-qa'], lands: '/' },
    qa_lead: { links: ['nav-qa'], lands: '/qa/reviews' },
    qa_reviewer: { links: ['nav-qa'], lands: '/qa/reviews' },
    agent: { links: ['nav-qa'], lands: '/qa/mine' },
    kiosk: { links: [], lands: '/' },
  };

  it('covers every role a person can hold, and the wall display', () => {
    expect(Object.keys(expected).sort()).toEqual([...USER_ROLES, 'kiosk'].sort());
  });

  it.each(Object.entries(expected))('%s sees exactly their links and lands on their first page', async (role, want) => {
    signedInAs(role as UserRole | 'kiosk');
    const { wrapper: w, router } = await mountApp('/');

    expect(navTestIds(w)).toEqual(want.links);
    expect(router.currentRoute.value.fullPath).toBe(want.lands);
    expect(w.find('[data-testid="admin-nav-group"]').exists()).toBe(role === 'admin');
  });

  it.each([
    ['admin', 'Ada Admin', 'Administrator'],
    ['supervisor', 'Sun Supervisor', 'Supervisor'],
    ['agent', 'Ai Agent', 'Agent'],
  ] as const)('shows %s their display name and role, with password change and sign-out', async (role, name, roleName) => {
    signedInAs(role);
    const { wrapper: w } = await mountApp('/');

    const menu = w.get('[data-testid="user-menu"]');
    expect(menu.get('[data-testid="user-name"]').text()).toBe(name);
    expect(menu.get('[data-testid="user-role"]').text()).toBe(roleName);
    expect(menu.get('[data-testid="user-change-password"]').attributes('href')).toBe('/account');
    expect(menu.get('[data-testid="logout"]').text()).toBe('Sign out');
  });

  it('shows a wall display the figures with no navigation and no user menu', async () => {
    signedInAs('kiosk');
    const { wrapper: w } = await mountApp('/');
    await serveLive(sockets, snapshot({ totals: figures({ offered: 1621 }) }), (fn) => vi.waitFor(fn, LAZY));
    await flushPromises();

    expect(w.find('nav a').exists()).toBe(false);
    expect(w.find('[data-testid="user-menu"]').exists()).toBe(false);
    expect(w.find('[data-testid="logout"]').exists()).toBe(false);
    expect(w.get('[data-testid="tile-offered"] [data-testid="tile-value"]').text()).toBe('1,621');
    expect(w.get('[data-testid="wallboard"]').classes()).toContain('wallboard--tv');
  });

  it('shows no navigation on the login page', async () => {
    fakeApi({ 'GET /api/v1/auth/session': errorResponse(401, 'UNAUTHENTICATED') });
    const { wrapper: w, router } = await mountApp('/');

    expect(router.currentRoute.value.name).toBe('login');
    expect(w.find('nav a').exists()).toBe(false);
    expect(w.find('[data-testid="user-menu"]').exists()).toBe(false);
    expect(w.find('[data-testid="login-username"]').exists()).toBe(true);
  });
});

describe('session end', () => {
  it('signs out with the CSRF token and returns to the login page', async () => {
    const api = signedInAs('admin');
    const { wrapper: w, router, session } = await mountApp('/');

    await w.get('[data-testid="logout"]').trigger('click');
    await flushPromises();
    await vi.waitFor(() => expect(w.find('[data-testid="login-username"]').exists()).toBe(true), LAZY);

    const [logout] = api.calls('POST /api/v1/auth/logout');
    expect(logout?.headers['X-CSRF-Token']).toBe('csrf-admin');
    expect(router.currentRoute.value.fullPath).toBe('/login');
    expect(session.info).toBeNull();
    expect(w.find('[data-testid="user-menu"]').exists()).toBe(false);
    expect(w.find('[data-testid="session-expired"]').exists()).toBe(false);
  });

  it('sends anyone whose session the server ended to sign in again, then back to the page', async () => {
    fakeApi({
      'GET /api/v1/auth/session': sessionFixture('admin'),
      'GET /api/v1/today': todayFixture(),
      'GET /api/v1/users': errorResponse(401, 'SESSION_EXPIRED', 'session expired'),
      'GET /api/v1/scopes': { queues: [], teams: [] },
    });
    const { wrapper: w, router, session } = await mountApp('/admin/users');
    await vi.waitFor(() => expect(w.find('[data-testid="login-username"]').exists()).toBe(true), LAZY);

    expect(router.currentRoute.value.path).toBe('/login');
    expect(router.currentRoute.value.query).toEqual({ expired: '1', next: '/admin/users' });
    expect(session.info).toBeNull();
    expect(w.get('[data-testid="session-expired"]').text()).toBe('Your session has expired, please sign in again');
    expect(w.find('nav a').exists()).toBe(false);
  });

  it('explains a refusal (403) without signing out', async () => {
    fakeApi({
      'GET /api/v1/auth/session': sessionFixture('admin'),
      'GET /api/v1/today': todayFixture(),
      'GET /api/v1/users': errorResponse(403, 'FORBIDDEN', 'forbidden'),
      'GET /api/v1/scopes': { queues: [], teams: [] },
    });
    const { wrapper: w, router, session } = await mountApp('/admin/users');

    expect(router.currentRoute.value.path).toBe('/admin/users');
    expect(w.get('[data-testid="users-error"]').text()).toBe('You are not allowed to do this. Ask an administrator if you need access.');
    expect(session.signedIn).toBe(true);
    expect(w.get('[data-testid="user-name"]').text()).toBe('Ada Admin');
  });
});
