import type { NotReadyLimit, QueueSettings } from '@callboard/api/wire';
import { flushPromises, type VueWrapper } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mountApp, unmountAll } from '../testing/mountApp';
import { errorResponse, fakeApi, sessionFixture, type FakeRoutes } from '../testing/session.fixture';
import { jsonResponse, todayFixture } from '../testing/today.fixture';

const STAR: QueueSettings = {
  queue: '*',
  source: 'default',
  rules: { rings: 3, ringCycleS: 5, slThresholdS: 15, shortAbandonS: 5, slTarget: 0.8, asaTargetS: null, abandonTarget: null },
  effectiveFrom: null,
};
const SALES: QueueSettings = {
  queue: 'sales',
  source: 'queue',
  rules: { rings: 2, ringCycleS: 6, slThresholdS: 12, shortAbandonS: 3, slTarget: 0.9, asaTargetS: 20, abandonTarget: 0.05 },
  effectiveFrom: '2025-03-04T02:05:09.000Z', // 10:05 in Shanghai
};
const SUPPORT: QueueSettings = { ...STAR, queue: 'support' };
const LIMITS: NotReadyLimit[] = [
  { reason: 'break', limitS: 900, effectiveFrom: null },
  { reason: 'training', limitS: null, effectiveFrom: '2025-03-03T16:00:00.000Z' },
];

function settingsApi(extra: FakeRoutes = {}, role: 'admin' | 'manager' = 'admin') {
  return fakeApi({
    'GET /api/v1/auth/session': sessionFixture(role),
    'GET /api/v1/today': todayFixture(),
    'GET /api/v1/settings/queues': { queues: [STAR, SALES, SUPPORT] },
    'GET /api/v1/settings/not-ready-limits': { limits: LIMITS },
    ...extra,
  });
}

const cell = (w: VueWrapper, queue: string, field: string) => w.get(`[data-testid="queue-row-${queue}"] [data-testid="${field}"]`).text();
const limitCell = (w: VueWrapper, reason: string, field: string) =>
  w.get(`[data-testid="limit-row-${reason}"] [data-testid="${field}"]`).text();

beforeEach(() => localStorage.clear());
afterEach(unmountAll);

describe('SettingsPage', () => {
  it('lists the default and each queue with rings, ring cycle, the threshold they make and the targets', async () => {
    settingsApi();
    const { wrapper: w } = await mountApp('/settings');

    expect(w.findAll('[data-testid="queue-rules-table"] tbody tr').map((row) => row.attributes('data-testid'))).toEqual([
      'queue-row-*',
      'queue-row-sales',
      'queue-row-support',
    ]);
    expect(cell(w, '*', 'queue')).toBe('Default (all other queues)');
    expect(cell(w, 'sales', 'rings')).toBe('2');
    expect(cell(w, 'sales', 'ringCycle')).toBe('6s');
    expect(cell(w, 'sales', 'threshold')).toBe('12s');
    expect(cell(w, 'sales', 'shortAbandon')).toBe('3s');
    expect(cell(w, 'sales', 'slTarget')).toBe('90.0%');
    expect(cell(w, 'sales', 'asaTarget')).toBe('20s');
    expect(cell(w, 'sales', 'abandonTarget')).toBe('5.0%');
    expect(cell(w, 'sales', 'since')).toBe('03/04/2025, 10:05');
    expect(cell(w, '*', 'since')).toBe('Always');
    expect(cell(w, '*', 'asaTarget')).toBe('None');
    expect(cell(w, 'support', 'queue')).toBe('support follows the default');
    expect(w.find('[data-testid="queue-row-sales"] [data-testid="follows-default"]').exists()).toBe(false);
  });

  it('edits a queue inline, shows the threshold as it changes and sends targets as fractions', async () => {
    const api = settingsApi({
      'PUT /api/v1/settings/queues/sales': ({ body }) =>
        jsonResponse({
          queue: 'sales',
          source: 'queue',
          rules: { ...(body as object), slThresholdS: 15, asaTargetS: null },
          effectiveFrom: '2025-03-04T03:00:00.000Z',
        }),
    });
    const { wrapper: w } = await mountApp('/settings');
    await w.get('[data-testid="queue-edit-sales"]').trigger('click');

    const row = () => w.get('[data-testid="queue-edit-row-sales"]');
    expect(row().get('[data-testid="threshold"]').text()).toBe('12s');
    await row().get('[data-testid="queue-input-rings"]').setValue('3');
    await row().get('[data-testid="queue-input-ring-cycle"]').setValue('5');
    expect(row().get('[data-testid="threshold"]').text()).toBe('15s');
    await row().get('[data-testid="queue-input-sl-target"]').setValue('85');
    await row().get('[data-testid="queue-input-asa-target"]').setValue('');
    await row().get('[data-testid="queue-save"]').trigger('click');
    await flushPromises();

    const [call] = api.calls('PUT /api/v1/settings/queues/sales');
    expect(call?.body).toEqual({ rings: 3, ringCycleS: 5, shortAbandonS: 3, slTarget: 0.85, asaTargetS: null, abandonTarget: 0.05 });
    expect(call?.headers['X-CSRF-Token']).toBe('csrf-admin');
    expect(w.find('[data-testid="queue-edit-row-sales"]').exists()).toBe(false);
    expect(cell(w, 'sales', 'threshold')).toBe('15s');
    expect(cell(w, 'sales', 'slTarget')).toBe('85.0%');
    expect(w.get('[data-testid="settings-notice"]').text()).toBe(
      'Rules for sales saved: calls offered from 03/04/2025, 11:00 on are measured by them.',
    );
  });

  it('refuses out-of-bounds values before asking the server, next to the field', async () => {
    const api = settingsApi();
    const { wrapper: w } = await mountApp('/settings');
    await w.get('[data-testid="queue-edit-sales"]').trigger('click');

    await w.get('[data-testid="queue-input-rings"]').setValue('21');
    await w.get('[data-testid="queue-input-sl-target"]').setValue('120');
    await w.get('[data-testid="queue-save"]').trigger('click');
    await flushPromises();

    expect(api.calls('PUT /api/v1/settings/queues/sales')).toHaveLength(0);
    expect(w.get('[data-testid="queue-input-rings"]').attributes('aria-invalid')).toBe('true');
    expect(w.get('[data-testid="queue-input-rings"]').element.parentElement?.querySelector('.field__error')?.textContent).toBe(
      'From 1 to 20.',
    );
    expect(w.get('[data-testid="queue-input-sl-target"]').element.closest('td')?.querySelector('.field__error')?.textContent).toBe(
      'From 0 to 100.',
    );
  });

  it('shows the server’s refusal of a field next to it', async () => {
    settingsApi({
      'PUT /api/v1/settings/queues/sales': errorResponse(400, 'BAD_REQUEST', 'shortAbandonS: must be at most 60', {
        field: 'shortAbandonS',
      }),
    });
    const { wrapper: w } = await mountApp('/settings');
    await w.get('[data-testid="queue-edit-sales"]').trigger('click');
    await w.get('[data-testid="queue-save"]').trigger('click');
    await flushPromises();

    expect(w.get('[data-testid="queue-input-short-abandon"]').element.closest('td')?.querySelector('.field__error')?.textContent).toBe(
      'shortAbandonS: must be at most 60',
    );
    expect(w.find('[data-testid="settings-error"]').exists()).toBe(false);
  });

  it('saves the default and reloads every queue, since those without rules follow it', async () => {
    let served = [STAR, SALES, SUPPORT];
    const changedStar = { ...STAR, rules: { ...STAR.rules, rings: 4, slThresholdS: 20 }, effectiveFrom: '2025-03-04T03:00:00.000Z' };
    const api = settingsApi({
      'GET /api/v1/settings/queues': () => jsonResponse({ queues: served }),
      'PUT /api/v1/settings/queues/*': () => {
        served = [changedStar, SALES, { ...changedStar, queue: 'support', source: 'default' }];
        return jsonResponse(changedStar);
      },
    });
    const { wrapper: w } = await mountApp('/settings');
    await w.get('[data-testid="queue-edit-*"]').trigger('click');
    await w.get('[data-testid="queue-input-rings"]').setValue('4');
    await w.get('[data-testid="queue-save"]').trigger('click');
    await flushPromises();

    expect(api.calls('PUT /api/v1/settings/queues/*')[0]?.body).toMatchObject({ rings: 4, ringCycleS: 5 });
    expect(api.calls('GET /api/v1/settings/queues')).toHaveLength(2);
    expect(cell(w, 'support', 'threshold')).toBe('20s');
  });

  it('gives rules to a queue not seen yet, starting from the default', async () => {
    const api = settingsApi({
      'PUT /api/v1/settings/queues/vip': ({ body }) =>
        jsonResponse({
          queue: 'vip',
          source: 'queue',
          rules: { ...(body as object), slThresholdS: 10 },
          effectiveFrom: '2025-03-04T03:00:00.000Z',
        }),
    });
    const { wrapper: w } = await mountApp('/settings');
    await w.get('[data-testid="queue-add-name"]').setValue(' vip ');
    await w.get('[data-testid="queue-add-form"]').trigger('submit');

    expect(w.get('[data-testid="queue-input-rings"]').element).toHaveProperty('value', '3');
    await w.get('[data-testid="queue-input-rings"]').setValue('2');
    await w.get('[data-testid="queue-save"]').trigger('click');
    await flushPromises();

    expect(api.calls('PUT /api/v1/settings/queues/vip')[0]?.body).toEqual({
      rings: 2,
      ringCycleS: 5,
      shortAbandonS: 5,
      slTarget: 0.8,
      asaTargetS: null,
      abandonTarget: null,
    });
    expect(cell(w, 'vip', 'threshold')).toBe('10s');
  });

  it('lists not-ready limits in minutes and sends only what changed, in seconds', async () => {
    const api = settingsApi({
      'PUT /api/v1/settings/not-ready-limits': {
        limits: [
          { reason: 'break', limitS: 1200, effectiveFrom: '2025-03-04T03:00:00.000Z' },
          { reason: 'personal', limitS: 600, effectiveFrom: '2025-03-04T03:00:00.000Z' },
          LIMITS[1],
        ],
      },
    });
    const { wrapper: w } = await mountApp('/settings');

    expect(w.get('[data-testid="limit-minutes-break"]').element).toHaveProperty('value', '15');
    expect(w.get('[data-testid="limit-minutes-training"]').element).toHaveProperty('value', '');
    expect(limitCell(w, 'break', 'since')).toBe('Always');
    expect(limitCell(w, 'training', 'since')).toBe('03/04/2025, 00:00');

    await w.get('[data-testid="limit-minutes-break"]').setValue('20');
    await w.get('[data-testid="limit-add-reason"]').setValue('personal');
    await w.get('[data-testid="limit-add"]').trigger('click');
    expect(limitCell(w, 'personal', 'since')).toBe('When saved');
    await w.get('[data-testid="limit-minutes-personal"]').setValue('10');
    await w.get('[data-testid="limits-form"]').trigger('submit');
    await flushPromises();

    const [call] = api.calls('PUT /api/v1/settings/not-ready-limits');
    expect(call?.body).toEqual({
      limits: [
        { reason: 'break', limitS: 1200 },
        { reason: 'personal', limitS: 600 },
      ],
    });
    expect(w.get('[data-testid="settings-notice"]').text()).toBe('Not-ready limits saved.');
    expect(limitCell(w, 'break', 'since')).toBe('03/04/2025, 11:00');
  });

  it('does not send limits when nothing changed, and refuses a limit under a minute', async () => {
    const api = settingsApi();
    const { wrapper: w } = await mountApp('/settings');

    await w.get('[data-testid="limits-form"]').trigger('submit');
    await flushPromises();
    expect(w.get('[data-testid="settings-notice"]').text()).toBe('No limit was changed.');

    await w.get('[data-testid="limit-minutes-break"]').setValue('0.5');
    await w.get('[data-testid="limits-form"]').trigger('submit');
    await flushPromises();
    expect(api.calls('PUT /api/v1/settings/not-ready-limits')).toHaveLength(0);
    expect(w.get('[data-testid="limit-minutes-break"]').attributes('aria-invalid')).toBe('true');
  });

  it('speaks Chinese', async () => {
    settingsApi();
    const { wrapper: w } = await mountApp('/settings', { locale: 'zh-CN' });

    expect(w.get('h1').text()).toBe('设置');
    expect(cell(w, '*', 'queue')).toBe('默认（其他所有队列）');
    expect(cell(w, 'support', 'queue')).toBe('support 沿用默认');
    expect(limitCell(w, 'break', 'since')).toBe('一直');
  });

  it('is not a page for managers: settings belong to admins', async () => {
    settingsApi({}, 'manager');
    const { router } = await mountApp('/settings');
    expect(router.currentRoute.value.path).toBe('/');
  });
});
