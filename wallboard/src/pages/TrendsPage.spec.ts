import { flushPromises, mount, type VueWrapper } from '@vue/test-utils';
import { getInstanceByDom } from 'echarts/core';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createMemoryHistory, createRouter, type Router } from 'vue-router';
import type { TrendsHeatmapResponse, TrendsResponse } from '../api/trends';
import { createAppI18n, type AppLocale } from '../i18n';
import { useSessionStore } from '../stores/session';
import { stubChartBox } from '../testing/chartBox';
import { errorResponse, fakeApi, sessionFixture, type FakeRoutes } from '../testing/session.fixture';
import { todayFixture } from '../testing/today.fixture';
import { heatCells, row } from '../trends/trends.fixture';
import TrendsPage from './TrendsPage.vue';

const TRENDS = 'GET /api/v1/trends';
const HEATMAP = 'GET /api/v1/trends/heatmap';
const NEW_YORK = 'America/New_York';

/** Two New York days around spring forward: the 7th busy, the 8th without a call; the two days before as the previous period. */
const busy = row('2026-03-07T00:00:00-05:00', 412 / 502, {
  offered: 520,
  answered: 480,
  answeredInThreshold: 412,
  abandoned: 30,
  shortAbandoned: 10,
  timedOut: 2,
});
const quiet = row('2026-03-08T00:00:00-05:00', null);
const before = [
  row('2026-03-05T00:00:00-05:00', 0.9, { answeredInThreshold: 9, answered: 10 }),
  row('2026-03-06T00:00:00-05:00', 0.5, { answeredInThreshold: 1, answered: 2 }),
];
/** The weekday × hour grid: Saturday 09:00 and Sunday 09:00. */
const cells = heatCells([
  { weekday: 5, hour: 9, hours: 1, offered: 7 },
  { weekday: 6, hour: 9, hours: 1, offered: 3 },
]);

/** The fake server echoes the range asked for with the grid above. */
function heatmapRoute({ url }: { url: string }): Response {
  const q = new URL(url, 'http://x').searchParams;
  const body: TrendsHeatmapResponse = { tz: NEW_YORK, from: q.get('from')!, to: q.get('to')!, source: 'calls_hourly_total', cells };
  return new Response(JSON.stringify(body), { headers: { 'Content-Type': 'application/json' } });
}

/** The fake server echoes the view asked for, with the two days above. */
function trendsRoute({ url }: { url: string }): Response {
  const q = new URL(url, 'http://x').searchParams;
  const granularity = q.get('granularity') as TrendsResponse['granularity'];
  const body: TrendsResponse = {
    metric: q.get('metric') as TrendsResponse['metric'],
    granularity,
    tz: NEW_YORK,
    from: q.get('from')!,
    to: q.get('to')!,
    source: granularity === 'hour' ? 'calls_hourly' : 'calls_daily',
    rows: [busy, quiet],
    ...(q.get('compare') ? { compare: { from: '2026-03-05', to: '2026-03-06', rows: before } } : {}),
  };
  return new Response(JSON.stringify(body), { headers: { 'Content-Type': 'application/json' } });
}

const mounted: VueWrapper[] = [];
beforeEach(() => {
  // Sunday 8 March 2026, 11:00 in New York, the day the clocks went forward.
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2026-03-08T15:00:00Z'));
  stubChartBox();
});
afterEach(() => {
  for (const w of mounted.splice(0)) w.unmount();
  vi.useRealTimers();
});

async function mountPage(routes: FakeRoutes, path: string, locale: AppLocale = 'en') {
  const api = fakeApi({ 'GET /api/v1/today': errorResponse(503, 'UNAVAILABLE'), ...routes });
  const pinia = createPinia();
  setActivePinia(pinia);
  useSessionStore(pinia).info = sessionFixture('manager', { tz: NEW_YORK });
  const router: Router = createRouter({
    history: createMemoryHistory(),
    routes: [{ path: '/trends', name: 'trends', component: TrendsPage, props: { renderer: 'svg' } }],
  });
  await router.push(path);
  await router.isReady();
  const wrapper = mount(
    { template: '<RouterView />' },
    { global: { plugins: [pinia, router, createAppI18n(locale)] }, attachTo: document.body },
  );
  mounted.push(wrapper);
  await flushPromises();
  return { wrapper, api, router };
}

const queryOf = (url: string) => Object.fromEntries(new URL(url, 'http://x').searchParams);
const rowsOf = (w: VueWrapper) => w.findAll('[data-testid="trends-row"]').map((r) => r.findAll('th,td').map((c) => c.text()));
const chartOf = (w: VueWrapper, testid: string) =>
  getInstanceByDom(w.get(`[data-testid="${testid}"] [role="img"]`).element as HTMLElement)!.getOption() as {
    xAxis: { data: string[] }[];
    series: { id: string; type: string; data: unknown[]; lineStyle?: { type?: string } }[];
  };

const SHARED =
  '/trends?metric=threeRingRate&preset=custom&from=2026-03-07&to=2026-03-08&granularity=day&queue=billing,sales&compare=previous';

describe('TrendsPage', () => {
  it('asks for the view in the address, and shows each rate with its counts and formula', async () => {
    const { wrapper, api } = await mountPage({ [TRENDS]: trendsRoute, [HEATMAP]: heatmapRoute }, SHARED);
    const asked = api.calls(TRENDS).map((call) => queryOf(call.url));
    expect(asked).toContainEqual({
      metric: 'threeRingRate',
      from: '2026-03-07',
      to: '2026-03-08',
      granularity: 'day',
      queue: 'billing,sales',
      compare: 'previous',
    });
    expect(asked).toHaveLength(1);
    // The grid: the same days and filters.
    expect(api.calls(HEATMAP).map((call) => queryOf(call.url))).toEqual([{ from: '2026-03-07', to: '2026-03-08', queue: 'billing,sales' }]);

    // 412 ÷ (480 + 30 − 10 + 2) = 412 ÷ 502 = 82.07 %; the 8th has no call to count.
    expect(rowsOf(wrapper)).toEqual([
      ['2026-03-07', '82.1%', '412', '480', '30', '10', '2', '82.1% = 412 ÷ (480 + 30 − 10 + 2)', '2026-03-05', '90.0%'],
      ['2026-03-08', '—', '0', '0', '0', '0', '0', '— = 0 ÷ (0 + 0 − 0 + 0)', '2026-03-06', '50.0%'],
    ]);
    expect(wrapper.get('[data-testid="trends-metric-help"]').text()).toBe(
      'Share of calls answered within three rings; short abandons left out.',
    );
    expect(wrapper.get('[data-testid="trends-metric-formula"]').text()).toBe(
      'Formula: answered within three rings ÷ (answered + abandoned − short abandoned + timed out)',
    );
    expect(wrapper.get('h2').text()).toContain('Three-ring rate by day');
  });

  it('draws the range as a line and the previous period as a dashed line aligned by position', async () => {
    const { wrapper } = await mountPage({ [TRENDS]: trendsRoute, [HEATMAP]: heatmapRoute }, SHARED);
    const option = chartOf(wrapper, 'trends-chart');
    expect(option.xAxis[0]!.data).toEqual(['2026-03-07', '2026-03-08']);
    const [main, compare] = option.series;
    expect(main).toMatchObject({ id: 'trend', type: 'line', data: [412 / 502, null] });
    expect(compare).toMatchObject({ id: 'compare', type: 'line', data: [0.9, 0.5] });
    expect(compare!.lineStyle?.type).toBe('dashed');
  });

  it('draws the grid’s cells at their weekday and local hour', async () => {
    const { wrapper } = await mountPage({ [TRENDS]: trendsRoute, [HEATMAP]: heatmapRoute }, SHARED);
    const data = chartOf(wrapper, 'trends-heatmap').series[0]!.data as [number, number, number | string][];
    // Saturday (5) 09:00: 7 calls; Sunday (6) 09:00: 3; Monday 09:00 none.
    expect(data[5 * 24 + 9]).toEqual([9, 5, 7]);
    expect(data[6 * 24 + 9]).toEqual([9, 6, 3]);
    expect(data[9]).toEqual([9, 0, 0]);
  });

  it('opens the last 7 days of offered calls by hour, and keeps a change of metric and period in the address', async () => {
    const { wrapper, api, router } = await mountPage({ [TRENDS]: trendsRoute, [HEATMAP]: heatmapRoute }, '/trends');
    expect(queryOf(api.calls(TRENDS)[0]!.url)).toEqual({ metric: 'offered', from: '2026-03-02', to: '2026-03-08', granularity: 'hour' });
    expect(router.currentRoute.value.query).toEqual({ metric: 'offered', preset: 'last7Days', granularity: 'hour' });

    await wrapper.get('[data-testid="trends-metric"]').setValue('abandonRate');
    await wrapper.get('[data-testid="trends-preset-lastMonth"]').trigger('click');
    await flushPromises();
    expect(queryOf(api.calls(TRENDS).at(-1)!.url)).toMatchObject({
      metric: 'abandonRate',
      from: '2026-02-01',
      to: '2026-02-28',
      granularity: 'day',
    });
    expect(router.currentRoute.value.query).toEqual({ metric: 'abandonRate', preset: 'lastMonth', granularity: 'day' });
    // A month offers no 15 minutes beyond 31 days; February's 28 days still do.
    const granularities = wrapper.findAll('[data-testid^="trends-granularity-"]').map((b) => b.attributes('data-testid'));
    expect(granularities).toEqual([
      'trends-granularity-15m',
      'trends-granularity-hour',
      'trends-granularity-day',
      'trends-granularity-week',
    ]);
    await wrapper.get('[data-testid="trends-preset-last13Months"]').trigger('click');
    await flushPromises();
    expect(wrapper.findAll('[data-testid^="trends-granularity-"]').map((b) => b.text())).toEqual(['Day', 'Week', 'Month']);
    expect(router.currentRoute.value.query).toEqual({ metric: 'abandonRate', preset: 'last13Months', granularity: 'month' });
  });

  it('applies a queue filter when the field is left', async () => {
    const { wrapper, api, router } = await mountPage({ [TRENDS]: trendsRoute, [HEATMAP]: heatmapRoute }, '/trends?preset=yesterday');
    const field = wrapper.get('[data-testid="trends-filter-queue"]');
    await field.setValue(' billing ,, vip ');
    await field.trigger('change');
    await flushPromises();
    expect(queryOf(api.calls(TRENDS).at(-1)!.url)).toEqual({
      metric: 'offered',
      from: '2026-03-07',
      to: '2026-03-07',
      granularity: 'hour',
      queue: 'billing,vip',
    });
    expect(router.currentRoute.value.query.queue).toBe('billing,vip');
  });

  it('suggests the queues of today’s figures in the queue filter', async () => {
    const today = todayFixture();
    const { wrapper } = await mountPage({ [TRENDS]: trendsRoute, 'GET /api/v1/today': today }, '/trends');
    const suggested = wrapper.findAll('#trends-filter-queue-names option').map((o) => o.attributes('value'));
    expect(suggested).toEqual(today.queues.map((q) => q.queue));
    expect(suggested.length).toBeGreaterThan(0);
  });

  it('says what the server refused, naming the field', async () => {
    const refused = errorResponse(400, 'VALIDATION', 'granularity: 15m covers at most 31 days', { field: 'granularity' });
    const { wrapper } = await mountPage({ [TRENDS]: refused }, '/trends');
    expect(wrapper.get('[data-testid="trends-error"]').text()).toContain('granularity: 15m covers at most 31 days');
    expect(wrapper.find('[data-testid="trends-table"]').exists()).toBe(false);
  });

  it('says when the period has no calls, in Chinese too', async () => {
    const empty = ({ url }: { url: string }) => {
      const q = new URL(url, 'http://x').searchParams;
      const body = {
        metric: q.get('metric'),
        granularity: q.get('granularity'),
        tz: NEW_YORK,
        from: q.get('from'),
        to: q.get('to'),
        source: 'calls_daily',
        rows: [quiet],
      };
      return new Response(JSON.stringify(body), { headers: { 'Content-Type': 'application/json' } });
    };
    const { wrapper } = await mountPage({ [TRENDS]: empty }, '/trends?preset=today&granularity=day', 'zh-CN');
    expect(wrapper.get('[data-testid="trends-empty"]').text()).toBe('该时段没有来电。');
    expect(wrapper.get('h1').text()).toBe('趋势');
  });
});
