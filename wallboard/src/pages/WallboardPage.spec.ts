import { flushPromises, mount, type VueWrapper } from '@vue/test-utils';
import { createPinia } from 'pinia';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createAppI18n, type AppLocale } from '../i18n';
import { ZERO_FIGURES, jsonResponse, todayFixture } from '../testing/today.fixture';
import WallboardPage from './WallboardPage.vue';

let wrapper: VueWrapper | undefined;

function mountPage(locale: AppLocale = 'en') {
  wrapper = mount(WallboardPage, { global: { plugins: [createPinia(), createAppI18n(locale)] } });
  return wrapper;
}

function cellText(w: VueWrapper, row: string, field: string): string {
  return w.get(`[data-testid="today-row-${row}"] [data-testid="${field}"]`).text();
}

afterEach(() => {
  wrapper?.unmount();
  wrapper = undefined;
  vi.useRealTimers();
});

describe('WallboardPage', () => {
  it('shows each queue’s figures, sorted by queue name', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => jsonResponse(todayFixture())));
    const w = mountPage();
    await flushPromises();

    const rows = w.findAll('[data-testid^="today-row-"]');
    expect(rows.map((r) => r.attributes('data-testid'))).toEqual([
      'today-row-sales',
      'today-row-support',
      'today-row-vip',
    ]);

    expect(cellText(w, 'sales', 'queue')).toBe('sales');
    expect(cellText(w, 'sales', 'offered')).toBe('120');
    expect(cellText(w, 'sales', 'answered')).toBe('100');
    expect(cellText(w, 'sales', 'answeredInThreshold')).toBe('80');
    expect(cellText(w, 'sales', 'abandoned')).toBe('15 (5)');
    expect(cellText(w, 'sales', 'timedOut')).toBe('2');
    expect(cellText(w, 'sales', 'waiting')).toBe('3');
    expect(cellText(w, 'sales', 'threeRingRate')).toBe('71.4%'); // 80 ÷ 112
    expect(cellText(w, 'sales', 'asaS')).toBe('12.3s');
    expect(cellText(w, 'sales', 'abandonRate')).toBe('8.7%'); // 10 ÷ 115

    expect(cellText(w, 'support', 'offered')).toBe('1,500');
    expect(cellText(w, 'support', 'abandoned')).toBe('60 (20)');
    expect(cellText(w, 'support', 'threeRingRate')).toBe('92.4%'); // 1330 ÷ 1440
    expect(cellText(w, 'support', 'asaS')).toBe('6.1s');
    expect(cellText(w, 'support', 'abandonRate')).toBe('2.7%'); // 40 ÷ 1480
  });

  it('shows a dash for rates without a denominator', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => jsonResponse(todayFixture())));
    const w = mountPage();
    await flushPromises();

    expect(cellText(w, 'vip', 'waiting')).toBe('1');
    expect(cellText(w, 'vip', 'threeRingRate')).toBe('—');
    expect(cellText(w, 'vip', 'asaS')).toBe('—');
    expect(cellText(w, 'vip', 'abandonRate')).toBe('0.0%');
  });

  it('shows the totals row', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => jsonResponse(todayFixture())));
    const w = mountPage();
    await flushPromises();

    const total = (field: string) => w.get(`[data-testid="today-total-${field}"]`).text();
    expect(w.get('[data-testid="today-totals"] th').text()).toBe('All queues');
    expect(total('offered')).toBe('1,621');
    expect(total('answered')).toBe('1,500');
    expect(total('answeredInThreshold')).toBe('1,410');
    expect(total('abandoned')).toBe('75 (25)');
    expect(total('waiting')).toBe('11');
    expect(total('threeRingRate')).toBe('90.9%'); // 1410 ÷ 1552
    expect(total('asaS')).toBe('6.5s'); // 9718 ÷ 1500 = 6.48
    expect(total('abandonRate')).toBe('3.1%'); // 50 ÷ 1596
  });

  it('states the time of the figures in the center’s time zone', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => jsonResponse(todayFixture())));
    const w = mountPage();
    await flushPromises();

    expect(w.get('[data-testid="today-as-of"]').text()).toBe('2025-03-04 · as of 10:05:09 (Asia/Shanghai)');
  });

  it('speaks Chinese in the zh-CN locale', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => jsonResponse(todayFixture())));
    const w = mountPage('zh-CN');
    await flushPromises();

    expect(w.get('[data-testid="today-as-of"]').text()).toBe('2025-03-04 · 截至 10:05:09（Asia/Shanghai）');
    expect(w.get('thead').text()).toContain('三声接听率');
    expect(cellText(w, 'sales', 'asaS')).toBe('12.3秒');
    expect(w.get('[data-testid="today-total-offered"]').text()).toBe('1,621');
  });

  it('shows an empty state, not a table, before the first call of the day', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => jsonResponse(todayFixture({ queues: [], totals: ZERO_FIGURES }))));
    const w = mountPage();
    await flushPromises();

    expect(w.find('[data-testid="today-table"]').exists()).toBe(false);
    expect(w.get('[data-testid="today-empty"]').text()).toBe(
      'No calls yet today. Figures appear here as soon as the first call enters a queue.',
    );
    expect(w.find('[data-testid="today-error"]').exists()).toBe(false);
  });

  it('shows an error banner when the first load fails', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))));
    const w = mountPage();
    await flushPromises();

    expect(w.get('[data-testid="today-error"]').text()).toBe(
      'Could not load today’s figures. Retrying every few seconds.',
    );
    expect(w.find('[data-testid="today-table"]').exists()).toBe(false);
    expect(w.find('[data-testid="today-loading"]').exists()).toBe(false);
  });

  it('says plainly when the account may not see the wallboard (403)', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => jsonResponse({ statusCode: 403, code: 'FORBIDDEN', message: 'forbidden' }, 403)),
    );
    const w = mountPage();
    await flushPromises();

    expect(w.get('[data-testid="today-error"]').text()).toBe('This account may not see the wallboard.');
  });

  it('keeps the last figures under an error banner when a refresh fails, then recovers', async () => {
    vi.useFakeTimers();
    const fetchMock = vi
      .fn()
      .mockResolvedValueOnce(jsonResponse(todayFixture()))
      .mockResolvedValueOnce(jsonResponse({ message: 'unavailable' }, 503))
      .mockResolvedValueOnce(jsonResponse(todayFixture({ asOf: '2025-03-04T02:05:19.000Z' })));
    vi.stubGlobal('fetch', fetchMock);
    const w = mountPage();
    await vi.advanceTimersByTimeAsync(0);
    expect(w.find('[data-testid="today-error"]').exists()).toBe(false);

    await vi.advanceTimersByTimeAsync(5_000);

    expect(fetchMock).toHaveBeenCalledTimes(2);
    expect(w.get('[data-testid="today-error"]').text()).toBe(
      'Could not refresh the figures. Showing the last ones received (10:05:09). Retrying. Server answered 503.',
    );
    expect(cellText(w, 'sales', 'offered')).toBe('120');
    expect(w.get('[data-testid="today-total-offered"]').text()).toBe('1,621');

    await vi.advanceTimersByTimeAsync(5_000);

    expect(fetchMock).toHaveBeenCalledTimes(3);
    expect(w.find('[data-testid="today-error"]').exists()).toBe(false);
    expect(w.get('[data-testid="today-as-of"]').text()).toContain('10:05:19');
  });

  it('refreshes every 5 seconds and stops when the page closes', async () => {
    vi.useFakeTimers();
    const fetchMock = vi.fn(async () => jsonResponse(todayFixture()));
    vi.stubGlobal('fetch', fetchMock);
    const w = mountPage();
    await vi.advanceTimersByTimeAsync(0);
    expect(fetchMock).toHaveBeenCalledTimes(1);

    await vi.advanceTimersByTimeAsync(4_999);
    expect(fetchMock).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(fetchMock).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(fetchMock).toHaveBeenCalledTimes(3);

    w.unmount();
    wrapper = undefined;
    await vi.advanceTimersByTimeAsync(30_000);
    expect(fetchMock).toHaveBeenCalledTimes(3);
  });

  it('does not poll again when the page closes while a request is under way', async () => {
    vi.useFakeTimers();
    let answer: (response: Response) => void = () => {};
    const fetchMock = vi.fn(() => new Promise<Response>((resolve) => (answer = resolve)));
    vi.stubGlobal('fetch', fetchMock);
    const w = mountPage();
    await vi.advanceTimersByTimeAsync(0);
    expect(fetchMock).toHaveBeenCalledTimes(1);

    w.unmount();
    wrapper = undefined;
    answer(jsonResponse(todayFixture()));
    await vi.advanceTimersByTimeAsync(30_000);

    expect(fetchMock).toHaveBeenCalledTimes(1);
  });
});
