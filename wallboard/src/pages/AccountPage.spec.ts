import { flushPromises, type VueWrapper } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mountApp, unmountAll } from '../testing/mountApp';
import { errorResponse, fakeApi, noContent, sessionFixture, type FakeRoutes } from '../testing/session.fixture';

function agentApi(password: FakeRoutes[string]) {
  return fakeApi({ 'GET /api/v1/auth/session': sessionFixture('agent'), 'POST /api/v1/auth/password': password });
}

async function change(w: VueWrapper, current: string, next: string, repeat = next) {
  await w.get('[data-testid="account-current"]').setValue(current);
  await w.get('[data-testid="account-new"]').setValue(next);
  await w.get('[data-testid="account-repeat"]').setValue(repeat);
  await w.get('form').trigger('submit');
  await flushPromises();
}

const errorOf = (w: VueWrapper, testid: string) =>
  w.get(`[data-testid="${testid}"]`).element.closest('label')?.querySelector('.field__error')?.textContent ?? null;

beforeEach(() => localStorage.clear());
afterEach(unmountAll);

describe('AccountPage', () => {
  it('changes the password with the CSRF token and says so', async () => {
    const api = agentApi(noContent());
    const { wrapper: w } = await mountApp('/account');

    await change(w, 'old-password', 'new-password');

    const [call] = api.calls('POST /api/v1/auth/password');
    expect(call?.body).toEqual({ currentPassword: 'old-password', newPassword: 'new-password' });
    expect(call?.headers['X-CSRF-Token']).toBe('csrf-agent');
    expect(w.get('[data-testid="account-done"]').text()).toBe('Your password has been changed.');
    expect((w.get('[data-testid="account-new"]').element as HTMLInputElement).value).toBe('');
  });

  it('says the current password is wrong, and stays signed in', async () => {
    agentApi(errorResponse(401, 'BAD_CREDENTIALS'));
    const { wrapper: w, router, session } = await mountApp('/account');

    await change(w, 'not-it', 'new-password');

    expect(errorOf(w, 'account-current')).toBe('The current password is wrong.');
    expect(session.signedIn).toBe(true);
    expect(router.currentRoute.value.path).toBe('/account');
  });

  it('checks length and repetition before asking the server', async () => {
    const api = agentApi(noContent());
    const { wrapper: w } = await mountApp('/account');

    await change(w, 'old-password', 'short');
    expect(errorOf(w, 'account-new')).toBe('At least 8 characters.');

    await change(w, 'old-password', 'new-password', 'new-passwort');
    expect(errorOf(w, 'account-repeat')).toBe('The two new passwords differ.');

    expect(api.calls('POST /api/v1/auth/password')).toHaveLength(0);
  });

  it('shows the server’s refusal of the new password next to it', async () => {
    agentApi(errorResponse(400, 'VALIDATION', 'newPassword: too short', { field: 'newPassword' }));
    const { wrapper: w } = await mountApp('/account');

    await change(w, 'old-password', 'new-password');

    expect(errorOf(w, 'account-new')).toBe('At least 8 characters.');
  });
});
