import { flushPromises, type VueWrapper } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { kioskTokenFixture } from '../../testing/admin.fixture';
import { mountApp, unmountAll } from '../../testing/mountApp';
import { fakeApi, noContent, sessionFixture } from '../../testing/session.fixture';
import { todayFixture } from '../../testing/today.fixture';

const cell = (w: VueWrapper, name: string, field: string) => w.get(`[data-testid="kiosk-row-${name}"] [data-testid="${field}"]`).text();

const TOKENS = [
  kioskTokenFixture({ id: 'k1', name: 'Floor 3', scope: { queues: ['sales'], teams: ['team-a'] } }),
  kioskTokenFixture({ id: 'k2', name: 'Lobby' }),
];

beforeEach(() => localStorage.clear());
afterEach(unmountAll);

describe('KioskTokensPage', () => {
  it('lists display links with their scope', async () => {
    fakeApi({
      'GET /api/v1/auth/session': sessionFixture('admin'),
      'GET /api/v1/today': todayFixture(),
      'GET /api/v1/kiosk-tokens': { tokens: TOKENS },
      'GET /api/v1/scopes': { queues: ['sales', 'vip'], teams: ['team-a'] },
    });
    const { wrapper: w } = await mountApp('/admin/kiosk-tokens');

    expect(w.findAll('[data-testid="kiosk-table"] tbody tr')).toHaveLength(2);
    expect(cell(w, 'Floor 3', 'scope')).toBe('Queues: sales · Teams: team-a');
    expect(cell(w, 'Lobby', 'scope')).toBe('All queues and teams');
    expect(cell(w, 'Lobby', 'status')).toBe('Active');
  });

  it('creates a link for chosen queues and shows its URL once', async () => {
    const api = fakeApi({
      'GET /api/v1/auth/session': sessionFixture('admin'),
      'GET /api/v1/today': todayFixture(),
      'GET /api/v1/kiosk-tokens': { tokens: [] },
      'GET /api/v1/scopes': { queues: ['sales', 'vip'], teams: ['team-a'] },
      'POST /api/v1/kiosk-tokens': ({ body }) =>
        Response.json(
          {
            token: kioskTokenFixture({ id: 'k9', name: 'East wall', scope: (body as { scope: never }).scope }),
            secret: 'cbt_xyz',
            url: 'https://callboard.example/kiosk#cbt_xyz',
          },
          { status: 201 },
        ),
    });
    const { wrapper: w } = await mountApp('/admin/kiosk-tokens');

    await w.get('[data-testid="kiosk-name"]').setValue('East wall');
    await w.get('[data-testid="scope-queues-all"]').setValue(false);
    await w.get('[data-testid="scope-queues-option-vip"]').setValue(true);
    await w.get('[data-testid="scope-teams-all"]').setValue(false);
    await w.get('[data-testid="kiosk-create"]').trigger('submit');
    await flushPromises();

    expect(api.calls('POST /api/v1/kiosk-tokens')[0]?.body).toEqual({
      name: 'East wall',
      scope: { queues: ['vip'], teams: [] },
    });
    expect(w.get('[data-testid="secret-once"]').text()).toBe('https://callboard.example/kiosk#cbt_xyz');
    expect(cell(w, 'East wall', 'scope')).toBe('Queues: vip · Teams: none');
    // The form is ready for the next screen.
    expect((w.get('[data-testid="kiosk-name"]').element as HTMLInputElement).value).toBe('');
    expect((w.get('[data-testid="scope-queues-all"]').element as HTMLInputElement).checked).toBe(true);
  });

  it('completes a relative link with the address the page is on', async () => {
    fakeApi({
      'GET /api/v1/auth/session': sessionFixture('admin'),
      'GET /api/v1/today': todayFixture(),
      'GET /api/v1/kiosk-tokens': { tokens: [] },
      'GET /api/v1/scopes': { queues: [], teams: [] },
      'POST /api/v1/kiosk-tokens': () =>
        Response.json({ token: kioskTokenFixture({ id: 'k8', name: 'Lobby' }), secret: 'cbt_rel', url: '/kiosk#cbt_rel' }, { status: 201 }),
    });
    const { wrapper: w } = await mountApp('/admin/kiosk-tokens');
    await w.get('[data-testid="kiosk-name"]').setValue('Lobby');
    await w.get('[data-testid="kiosk-create"]').trigger('submit');
    await flushPromises();
    expect(w.get('[data-testid="secret-once"]').text()).toBe(`${window.location.origin}/kiosk#cbt_rel`);
    expect(window.location.origin).toMatch(/^https?:\/\/./);
  });

  it('revokes a link after confirming', async () => {
    let revoked = false;
    const api = fakeApi({
      'GET /api/v1/auth/session': sessionFixture('admin'),
      'GET /api/v1/today': todayFixture(),
      'GET /api/v1/kiosk-tokens': () =>
        Response.json({ tokens: [{ ...TOKENS[1], revokedAt: revoked ? '2025-03-04T02:00:00.000Z' : null }] }),
      'GET /api/v1/scopes': { queues: [], teams: [] },
      'DELETE /api/v1/kiosk-tokens/k2': () => {
        revoked = true;
        return noContent();
      },
    });
    const { wrapper: w } = await mountApp('/admin/kiosk-tokens');

    await w.get('[data-testid="kiosk-revoke-Lobby"]').trigger('click');
    await w.get('[data-testid="kiosk-revoke-Lobby-confirm"]').trigger('click');
    await flushPromises();

    expect(api.calls('DELETE /api/v1/kiosk-tokens/k2')).toHaveLength(1);
    expect(cell(w, 'Lobby', 'status')).toBe('Revoked 03/04/2025, 10:00');
    expect(w.find('[data-testid="kiosk-revoke-Lobby"]').exists()).toBe(false);
  });
});
