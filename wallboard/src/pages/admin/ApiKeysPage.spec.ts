import { flushPromises, type VueWrapper } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { USERS, keyFixture } from '../../testing/admin.fixture';
import { mountApp, unmountAll } from '../../testing/mountApp';
import { fakeApi, noContent, sessionFixture } from '../../testing/session.fixture';
import { todayFixture } from '../../testing/today.fixture';

const cell = (w: VueWrapper, name: string, field: string) => w.get(`[data-testid="key-row-${name}"] [data-testid="${field}"]`).text();

beforeEach(() => localStorage.clear());
afterEach(unmountAll);

describe('ApiKeysPage', () => {
  it('lists keys with who created them, last use in the center’s time and status', async () => {
    fakeApi({
      'GET /api/v1/auth/session': sessionFixture('admin'),
      'GET /api/v1/today': todayFixture(),
      'GET /api/v1/users': { users: USERS },
      'GET /api/v1/keys': {
        keys: [
          keyFixture({ id: 'k1', name: 'pbx-1', lastUsedAt: '2025-03-04T02:05:09.000Z' }),
          keyFixture({ id: 'k2', name: 'old', role: 'metrics', createdBy: 'u-gone', revokedAt: '2025-03-02T04:00:00.000Z' }),
        ],
      },
    });
    const { wrapper: w } = await mountApp('/admin/keys');

    expect(w.findAll('[data-testid="keys-table"] tbody tr')).toHaveLength(2);
    expect(cell(w, 'pbx-1', 'role')).toBe('Ingest');
    expect(cell(w, 'old', 'role')).toBe('Metrics');
    expect(cell(w, 'pbx-1', 'createdBy')).toBe('Ada Admin');
    expect(cell(w, 'pbx-1', 'lastUsed')).toBe('03/04/2025, 10:05');
    expect(cell(w, 'pbx-1', 'status')).toBe('Active');
    expect(cell(w, 'old', 'createdBy')).toBe('u-gone'); // no longer a user: the id is all there is
    expect(cell(w, 'old', 'lastUsed')).toBe('Never');
    expect(cell(w, 'old', 'status')).toBe('Revoked 03/02/2025, 12:00');
    expect(w.find('[data-testid="key-revoke-old"]').exists()).toBe(false);
  });

  it('shows a new key’s secret once, with a copy button and a warning', async () => {
    const api = fakeApi({
      'GET /api/v1/auth/session': sessionFixture('admin'),
      'GET /api/v1/today': todayFixture(),
      'GET /api/v1/users': { users: USERS },
      'GET /api/v1/keys': { keys: [] },
      'POST /api/v1/keys': () =>
        Response.json({ key: keyFixture({ id: 'k3', name: 'pbx-2' }), secret: 'cbk_0123456789abcdef' }, { status: 201 }),
    });
    const writeText = vi.fn(async () => {});
    vi.stubGlobal('navigator', { ...navigator, clipboard: { writeText } });
    const { wrapper: w } = await mountApp('/admin/keys');

    await w.get('[data-testid="key-name"]').setValue(' pbx-2 ');
    await w.get('[data-testid="key-create"]').trigger('submit');
    await flushPromises();

    expect(api.calls('POST /api/v1/keys')[0]?.body).toEqual({ name: 'pbx-2', role: 'ingest' });
    expect(w.get('[data-testid="secret-once"]').text()).toBe('cbk_0123456789abcdef');
    expect(w.text()).toContain('Copy it now: it will not be shown again.');
    expect(cell(w, 'pbx-2', 'status')).toBe('Active');

    await w.get('[data-testid="secret-copy"]').trigger('click');
    await flushPromises();
    expect(writeText).toHaveBeenCalledWith('cbk_0123456789abcdef');
    expect(w.get('[data-testid="secret-copy"]').text()).toBe('Copied');

    await w.get('[data-testid="secret-dismiss"]').trigger('click');
    expect(w.find('[data-testid="secret-once"]').exists()).toBe(false);
  });

  it('creates a metrics key for a Prometheus scraper', async () => {
    const api = fakeApi({
      'GET /api/v1/auth/session': sessionFixture('admin'),
      'GET /api/v1/today': todayFixture(),
      'GET /api/v1/users': { users: USERS },
      'GET /api/v1/keys': { keys: [] },
      'POST /api/v1/keys': () =>
        Response.json({ key: keyFixture({ id: 'k4', name: 'prom', role: 'metrics' }), secret: 'cbk_m' }, { status: 201 }),
    });
    const { wrapper: w } = await mountApp('/admin/keys');

    await w.get('[data-testid="key-name"]').setValue('prom');
    await w.get('[data-testid="key-role"]').setValue('metrics');
    await w.get('[data-testid="key-create"]').trigger('submit');
    await flushPromises();

    expect(api.calls('POST /api/v1/keys')[0]?.body).toEqual({ name: 'prom', role: 'metrics' });
    expect(cell(w, 'prom', 'role')).toBe('Metrics');
    expect((w.get('[data-testid="key-role"]').element as HTMLSelectElement).value).toBe('ingest');
  });

  it('revokes a key after confirming, and lists it as revoked', async () => {
    let revoked = false;
    const api = fakeApi({
      'GET /api/v1/auth/session': sessionFixture('admin'),
      'GET /api/v1/today': todayFixture(),
      'GET /api/v1/users': { users: USERS },
      'GET /api/v1/keys': () =>
        Response.json({
          keys: [keyFixture({ id: 'k1', name: 'pbx-1', revokedAt: revoked ? '2025-03-04T02:00:00.000Z' : null })],
        }),
      'DELETE /api/v1/keys/k1': () => {
        revoked = true;
        return noContent();
      },
    });
    const { wrapper: w } = await mountApp('/admin/keys');

    await w.get('[data-testid="key-revoke-pbx-1"]').trigger('click');
    expect(api.calls('DELETE /api/v1/keys/k1')).toHaveLength(0);
    await w.get('[data-testid="key-revoke-pbx-1-confirm"]').trigger('click');
    await flushPromises();

    expect(api.calls('DELETE /api/v1/keys/k1')[0]?.headers['X-CSRF-Token']).toBe('csrf-admin');
    expect(cell(w, 'pbx-1', 'status')).toBe('Revoked 03/04/2025, 10:00');
  });
});
