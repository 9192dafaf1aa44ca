import { flushPromises } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { auditFixture } from '../../testing/admin.fixture';
import { mountApp, unmountAll } from '../../testing/mountApp';
import { fakeApi, sessionFixture } from '../../testing/session.fixture';
import { todayFixture } from '../../testing/today.fixture';

const NEWEST = [
  auditFixture({ ts: '2025-03-04T02:05:09.000Z', action: 'auth.login' }),
  auditFixture({
    ts: '2025-03-04T01:00:00.000Z',
    action: 'users.update',
    outcome: 'denied',
    actorKind: 'kiosk',
    actorName: 'Floor 3',
    target: 'u-sun',
    ip: null,
    detail: { disabled: true },
  }),
];
const OLDER = [
  auditFixture({ ts: '2025-03-03T09:00:00.000Z', action: 'keys.create', actorKind: 'system', actorId: null, actorName: null }),
];

function auditApi() {
  return fakeApi({
    'GET /api/v1/auth/session': sessionFixture('admin'),
    'GET /api/v1/today': todayFixture(),
    'GET /api/v1/audit': ({ url }) => {
      const before = new URL(url, 'http://x').searchParams.get('before');
      return Response.json(before === 'cur-1' ? { entries: OLDER, next: null } : { entries: NEWEST, next: 'cur-1' });
    },
  });
}

const params = (url: string | undefined) => Object.fromEntries(new URL(url ?? '', 'http://x').searchParams);

beforeEach(() => localStorage.clear());
afterEach(unmountAll);

describe('AuditPage', () => {
  it('shows the newest entries in the center’s time', async () => {
    const api = auditApi();
    const { wrapper: w } = await mountApp('/admin/audit');

    expect(params(api.calls('GET /api/v1/audit')[0]?.url)).toEqual({ limit: '100' });
    const rows = w.findAll('[data-testid="audit-table"] [data-testid="audit-row"]');
    expect(rows.map((row) => row.get('[data-testid="ts"]').text())).toEqual(['03/04/2025, 10:05:09', '03/04/2025, 09:00:00']);
    expect(rows[1]?.get('[data-testid="outcome"]').text()).toBe('Denied');
    expect(rows[1]?.get('[data-testid="actor"]').text()).toBe('Display: Floor 3');
    expect(rows[1]?.get('[data-testid="target"]').text()).toBe('u-sun');
    expect(rows[1]?.get('[data-testid="ip"]').text()).toBe('—');
    expect(rows[1]?.get('[data-testid="detail"]').text()).toBe('{"disabled":true}');
    expect(rows[0]?.get('[data-testid="detail"]').text()).toBe('—');
  });

  it('asks for the filtered entries, days taken in the center’s time zone', async () => {
    const api = auditApi();
    const { wrapper: w } = await mountApp('/admin/audit');

    await w.get('[data-testid="audit-action"]').setValue('auth.login');
    await w.get('[data-testid="audit-actor"]').setValue('sun');
    await w.get('[data-testid="audit-outcome"]').setValue('failed');
    await w.get('[data-testid="audit-from"]').setValue('2025-03-01');
    await w.get('[data-testid="audit-to"]').setValue('2025-03-04');
    await w.get('[data-testid="audit-apply"]').trigger('submit');
    await flushPromises();

    expect(params(api.calls('GET /api/v1/audit')[1]?.url)).toEqual({
      action: 'auth.login',
      actor: 'sun',
      outcome: 'failed',
      from: '2025-02-28T16:00:00.000Z', // 1 March 00:00 in Shanghai (UTC+8)
      to: '2025-03-04T16:00:00.000Z', // the end of 4 March there
      limit: '100',
    });
  });

  it('loads older entries after the ones shown, with the same filters', async () => {
    const api = auditApi();
    const { wrapper: w } = await mountApp('/admin/audit');
    await w.get('[data-testid="audit-outcome"]').setValue('denied');
    await w.get('[data-testid="audit-apply"]').trigger('submit');
    await flushPromises();

    await w.get('[data-testid="audit-older"]').trigger('click');
    await flushPromises();

    expect(params(api.calls('GET /api/v1/audit')[2]?.url)).toEqual({ outcome: 'denied', limit: '100', before: 'cur-1' });
    expect(w.findAll('[data-testid="audit-row"] [data-testid="action"]').map((cell) => cell.text())).toEqual([
      'auth.login',
      'users.update',
      'keys.create',
    ]);
    expect(w.findAll('[data-testid="audit-row"]')[2]?.get('[data-testid="actor"]').text()).toBe('System');
    expect(w.find('[data-testid="audit-older"]').exists()).toBe(false);
    expect(w.text()).toContain('No older entries.');
  });
});
