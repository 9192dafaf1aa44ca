import { flushPromises, type VueWrapper } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { USERS, userFixture } from '../../testing/admin.fixture';
import { mountApp, unmountAll } from '../../testing/mountApp';
import { errorResponse, fakeApi, sessionFixture, type FakeRoutes } from '../../testing/session.fixture';
import { todayFixture } from '../../testing/today.fixture';

function adminApi(extra: FakeRoutes = {}) {
  return fakeApi({
    'GET /api/v1/auth/session': sessionFixture('admin'),
    'GET /api/v1/today': todayFixture(), // the center is in Asia/Shanghai
    'GET /api/v1/users': { users: USERS },
    'GET /api/v1/scopes': { queues: ['sales', 'support', 'vip'], teams: ['team-a', 'team-b'] },
    ...extra,
  });
}

const cell = (w: VueWrapper, username: string, field: string) =>
  w.get(`[data-testid="user-row-${username}"] [data-testid="${field}"]`).text();

beforeEach(() => localStorage.clear());
afterEach(unmountAll);

describe('UsersPage', () => {
  it('lists users with role, scope, last sign-in in the center’s time and status', async () => {
    adminApi();
    const { wrapper: w } = await mountApp('/admin/users');

    expect(w.findAll('[data-testid="users-table"] tbody tr').map((row) => row.attributes('data-testid'))).toEqual([
      'user-row-admin',
      'user-row-sun',
      'user-row-wang',
      'user-row-rui',
    ]);
    expect(cell(w, 'sun', 'displayName')).toBe('Sun Li');
    expect(cell(w, 'sun', 'role')).toBe('Supervisor');
    expect(cell(w, 'sun', 'scope')).toBe('Queues: sales, vip · Teams: all');
    expect(cell(w, 'sun', 'lastLogin')).toBe('03/04/2025, 00:05');
    expect(cell(w, 'sun', 'status')).toBe('Active');
    expect(cell(w, 'admin', 'scope')).toBe('All queues and teams');
    expect(cell(w, 'rui', 'scope')).toBe('—'); // a reviewer's scope means nothing
    expect(cell(w, 'rui', 'lastLogin')).toBe('Never');
    expect(cell(w, 'wang', 'role')).toBe('Agent');
    expect(cell(w, 'wang', 'status')).toBe('Disabled');
    expect(w.text()).toContain('Times in Asia/Shanghai.');
  });

  it('names roles in Chinese', async () => {
    adminApi();
    const { wrapper: w } = await mountApp('/admin/users', { locale: 'zh-CN' });

    expect(['admin', 'sun', 'wang', 'rui'].map((name) => cell(w, name, 'role'))).toEqual(['管理员', '班长/主管', '座席', '质检员']);
    expect(cell(w, 'sun', 'scope')).toBe('队列：sales, vip · 班组：全部');
  });

  it('offers a scope only for supervisors and an agent ID only for agents', async () => {
    adminApi();
    const { wrapper: w } = await mountApp('/admin/users');
    await w.get('[data-testid="user-create"]').trigger('click');

    const form = () => w.get('[data-testid="user-create-form"]');
    await form().get('[data-testid="user-form-role"]').setValue('supervisor');
    expect(form().find('[data-testid="user-form-scope"]').exists()).toBe(true);
    expect(form().find('[data-testid="user-form-agent-id"]').exists()).toBe(false);

    await form().get('[data-testid="user-form-role"]').setValue('agent');
    expect(form().find('[data-testid="user-form-scope"]').exists()).toBe(false);
    expect(form().find('[data-testid="user-form-agent-id"]').exists()).toBe(true);

    await form().get('[data-testid="user-form-role"]').setValue('manager');
    expect(form().find('[data-testid="user-form-scope"]').exists()).toBe(false);
    expect(form().find('[data-testid="user-form-agent-id"]').exists()).toBe(false);
  });

  it('creates a supervisor for chosen queues and every team', async () => {
    const created = userFixture({ username: 'zhao', role: 'supervisor', scope: { queues: ['support'], teams: null } });
    const api = adminApi({ 'POST /api/v1/users': () => Response.json(created, { status: 201 }) });
    const { wrapper: w } = await mountApp('/admin/users');
    await w.get('[data-testid="user-create"]').trigger('click');

    await w.get('[data-testid="user-form-username"]').setValue('zhao');
    await w.get('[data-testid="user-form-display-name"]').setValue('Zhao Min');
    await w.get('[data-testid="user-form-password"]').setValue('long-enough');
    await w.get('[data-testid="user-form-role"]').setValue('supervisor');
    await w.get('[data-testid="scope-queues-all"]').setValue(false);
    await w.get('[data-testid="scope-queues-option-support"]').setValue(true);
    await w.get('[data-testid="user-create-form"]').trigger('submit');
    await flushPromises();

    const [call] = api.calls('POST /api/v1/users');
    expect(call?.body).toEqual({
      username: 'zhao',
      password: 'long-enough',
      role: 'supervisor',
      displayName: 'Zhao Min',
      scope: { queues: ['support'], teams: null },
    });
    expect(call?.headers['X-CSRF-Token']).toBe('csrf-admin');
    expect(w.get('[data-testid="users-notice"]').text()).toBe('User zhao created.');
    expect(cell(w, 'zhao', 'scope')).toBe('Queues: support · Teams: all');
  });

  it('shows a taken username next to the field', async () => {
    adminApi({ 'POST /api/v1/users': errorResponse(409, 'CONFLICT', 'username taken', { field: 'username' }) });
    const { wrapper: w } = await mountApp('/admin/users');
    await w.get('[data-testid="user-create"]').trigger('click');

    await w.get('[data-testid="user-form-username"]').setValue('sun');
    await w.get('[data-testid="user-form-password"]').setValue('long-enough');
    await w.get('[data-testid="user-create-form"]').trigger('submit');
    await flushPromises();

    const field = w.get('[data-testid="user-form-username"]').element.closest('label');
    expect(field?.querySelector('.field__error')?.textContent).toBe('This username is taken.');
    expect(w.find('[data-testid="user-create-form"]').exists()).toBe(true);
  });

  it('refuses a password shorter than 8 characters before asking the server', async () => {
    const api = adminApi();
    const { wrapper: w } = await mountApp('/admin/users');
    await w.get('[data-testid="user-create"]').trigger('click');

    await w.get('[data-testid="user-form-username"]').setValue('new');
    await w.get('[data-testid="user-form-password"]').setValue('1234567');
    await w.get('[data-testid="user-create-form"]').trigger('submit');
    await flushPromises();

    expect(api.calls('POST /api/v1/users')).toHaveLength(0);
    expect(w.get('[data-testid="user-form-password"]').attributes('aria-invalid')).toBe('true');
  });

  it('sends only what an edit changed, including a password reset', async () => {
    const api = adminApi({
      'PATCH /api/v1/users/u-sun': ({ body }) => Response.json({ ...USERS[1], ...(body as object) }),
    });
    const { wrapper: w } = await mountApp('/admin/users');
    await w.get('[data-testid="user-edit-sun"]').trigger('click');

    await w.get('[data-testid="user-form-display-name"]').setValue('Sun Li (night)');
    await w.get('[data-testid="scope-queues-option-vip"]').setValue(false);
    await w.get('[data-testid="user-form-password"]').setValue('fresh-password');
    await w.get('[data-testid="user-edit-form"]').trigger('submit');
    await flushPromises();

    expect(api.calls('PATCH /api/v1/users/u-sun')[0]?.body).toEqual({
      displayName: 'Sun Li (night)',
      scope: { queues: ['sales'], teams: null },
      password: 'fresh-password',
    });
    expect(cell(w, 'sun', 'displayName')).toBe('Sun Li (night)');
    expect(cell(w, 'sun', 'scope')).toBe('Queues: sales · Teams: all');
  });

  it('disables a user only after confirming, and enables without asking', async () => {
    const api = adminApi({
      'PATCH /api/v1/users/u-sun': Response.json({ ...USERS[1], disabledAt: '2025-03-04T03:00:00.000Z' }),
      'PATCH /api/v1/users/u-wang': Response.json({ ...USERS[2], disabledAt: null }),
    });
    const { wrapper: w } = await mountApp('/admin/users');

    await w.get('[data-testid="user-disable-sun"]').trigger('click');
    expect(api.calls('PATCH /api/v1/users/u-sun')).toHaveLength(0);
    expect(w.text()).toContain('Disable sun? They are signed out at once.');
    await w.get('[data-testid="user-disable-sun-confirm"]').trigger('click');
    await flushPromises();

    expect(api.calls('PATCH /api/v1/users/u-sun')[0]?.body).toEqual({ disabled: true });
    expect(cell(w, 'sun', 'status')).toBe('Disabled');

    await w.get('[data-testid="user-enable-wang"]').trigger('click');
    await flushPromises();
    expect(api.calls('PATCH /api/v1/users/u-wang')[0]?.body).toEqual({ disabled: false });
    expect(cell(w, 'wang', 'status')).toBe('Active');
  });

  it('does not offer administrators to disable themselves', async () => {
    adminApi();
    const { wrapper: w } = await mountApp('/admin/users');

    expect(w.find('[data-testid="user-disable-admin"]').exists()).toBe(false);
    expect(w.find('[data-testid="user-disable-sun"]').exists()).toBe(true);
  });
});

describe('UsersPage role change', () => {
  it('sends the scope shown when someone becomes a supervisor', async () => {
    const api = adminApi({
      'PATCH /api/v1/users/u-rui': ({ body }) => Response.json({ ...USERS[3], ...(body as object) }),
    });
    const { wrapper: w } = await mountApp('/admin/users');
    await w.get('[data-testid="user-edit-rui"]').trigger('click');

    await w.get('[data-testid="user-form-role"]').setValue('supervisor');
    // Rui's stored scope is empty (it meant nothing for a reviewer); the picker shows it and it is kept as shown.
    await w.get('[data-testid="scope-teams-all"]').setValue(true);
    await w.get('[data-testid="user-edit-form"]').trigger('submit');
    await flushPromises();

    expect(api.calls('PATCH /api/v1/users/u-rui')[0]?.body).toEqual({
      role: 'supervisor',
      scope: { queues: [], teams: null },
    });
    expect(cell(w, 'rui', 'role')).toBe('Supervisor');
    expect(cell(w, 'rui', 'scope')).toBe('Queues: none · Teams: all');
  });
});
