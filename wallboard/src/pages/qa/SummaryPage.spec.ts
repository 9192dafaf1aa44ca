import type { QaSummary } from '@callboard/api/wire';
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils';
import { getInstanceByDom } from 'echarts/core';
import Papa from 'papaparse';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createMemoryHistory, createRouter, type Router } from 'vue-router';
import type { QaFormWire } from '../../api/qa';
import { createAppI18n, type AppLocale } from '../../i18n';
import { useSessionStore } from '../../stores/session';
import { stubChartBox } from '../../testing/chartBox';
import { errorResponse, fakeApi, sessionFixture, type FakeRoutes } from '../../testing/session.fixture';
import SummaryPage from './SummaryPage.vue';

const SUMMARY = 'GET /api/v1/qa/summary';

/** Sums of three agents' scores this week, worked out by hand in the comments. */
const agentSummary = (from: string, to: string): QaSummary => ({
  from,
  to,
  groupBy: 'agent',
  rows: [
    // Scores 80, 90, 95: mean 88.33, margin 18.97 (t 4.303 × 7.638 / √3).
    { key: 'A-1', label: 'Wang Fang', n: 3, mean: 265 / 3, marginOfError: 18.9733 },
    // A single score: no margin.
    { key: 'A-2', label: null, n: 1, mean: 92, marginOfError: null },
    { key: 'A-3', label: 'Zhao Min', n: 2, mean: 70, marginOfError: 63.53 },
  ],
});

const form: QaFormWire = {
  id: 'f1',
  version: 2,
  title: { en: 'Service', 'zh-CN': '服务' },
  sections: [
    {
      id: 's1',
      title: { en: 'Opening', 'zh-CN': '开场' },
      weight: 1,
      items: [
        { id: 'greet', type: 'yes_no', text: { en: 'Greets the caller', 'zh-CN': '问候来电者' }, weight: 1 },
        { id: 'verify', type: 'scale', max: 4, text: { en: 'Verifies identity', 'zh-CN': '核实身份' }, weight: 2 },
      ],
    },
  ],
};

const people = { reviewers: [], agents: [{ agentId: 'A-2', name: 'Li Lei', team: 'east' }] };

/** The summary the fake server answers, echoing the period and grouping asked for. */
function summaryRoute(byGroup: Partial<Record<QaSummary['groupBy'], QaSummary['rows']>>) {
  return ({ url }: { url: string }) => {
    const q = new URL(url, 'http://x').searchParams;
    const groupBy = q.get('groupBy') as QaSummary['groupBy'];
    const rows = groupBy === 'agent' ? agentSummary('', '').rows : (byGroup[groupBy] ?? []);
    return new Response(JSON.stringify({ from: q.get('from'), to: q.get('to'), groupBy, rows }), {
      headers: { 'Content-Type': 'application/json' },
    });
  };
}

const mounted: VueWrapper[] = [];
beforeEach(() => {
  // Monday 7 December 2026, 10:00 in Shanghai.
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2026-12-07T02:00:00Z'));
  stubChartBox();
});
afterEach(() => {
  for (const w of mounted.splice(0)) w.unmount();
  vi.useRealTimers();
});

async function mountPage(routes: FakeRoutes, locale: AppLocale = 'en', path = '/qa/summary') {
  const api = fakeApi({ 'GET /api/v1/qa/people': people, 'GET /api/v1/qa/forms': { forms: [form] }, ...routes });
  const pinia = createPinia();
  setActivePinia(pinia);
  useSessionStore(pinia).info = sessionFixture('supervisor');
  const router: Router = createRouter({
    history: createMemoryHistory(),
    routes: [{ path: '/qa/summary', name: 'qa-summary', component: SummaryPage, props: { renderer: 'svg' } }],
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

const rowsOf = (w: VueWrapper) =>
  w
    .findAll('[data-testid="qa-summary-row"]')
    .map((r) => [r.attributes('data-key'), r.attributes('data-mean'), ...r.findAll('th,td').map((c) => c.text())]);

const queryOf = (url: string) => Object.fromEntries(new URL(url, 'http://x').searchParams);

describe('SummaryPage', () => {
  it('asks for this week in the center’s days and shows agents best first, with names, n and margins', async () => {
    const { wrapper, api } = await mountPage({ [SUMMARY]: summaryRoute({}) });
    expect(queryOf(api.calls(SUMMARY)[0]!.url)).toEqual({ from: '2026-12-07', to: '2026-12-13', groupBy: 'agent' });
    expect(rowsOf(wrapper)).toEqual([
      ['A-2', '92.0', 'Li Lei', '1', '92.0', '—', '—', '—'],
      // 88.33 ∓ 18.97 = 69.36 … 107.31.
      ['A-1', '88.3', 'Wang Fang', '3', '88.3', '19.0', '69.4', '107.3'],
      // 70 ∓ 63.53 = 6.47 … 133.53.
      ['A-3', '70.0', 'Zhao Min', '2', '70.0', '63.5', '6.5', '133.5'],
    ]);
    expect(wrapper.get('[data-testid="qa-summary-note"]').text()).toBe('A mean of fewer than two scores has no margin of error.');
    expect(wrapper.get('.qa-summary__intro').text()).toContain('Supervisors see the calls of their queues and the agents of their teams.');

    const chart = getInstanceByDom(wrapper.get('[data-testid="qa-summary-chart"] [role="img"]').element as HTMLElement)!;
    const option = chart.getOption() as { yAxis: { data: string[] }[]; series: { id: string; data: unknown[] }[] };
    expect(option.yAxis[0]!.data).toEqual(['Li Lei (n=1)', 'Wang Fang (n=3)', 'Zhao Min (n=2)']);
    expect(option.series.find((s) => s.id === 'margin')!.data).toEqual([
      [0, null, null],
      [1, 265 / 3 - 18.9733, 265 / 3 + 18.9733],
      [2, 70 - 63.53, 70 + 63.53],
    ]);
  });

  it('asks again for last week, and by team', async () => {
    const { wrapper, api } = await mountPage({ [SUMMARY]: summaryRoute({ team: [{ key: '', n: 2, mean: 75, marginOfError: 5 }] }) });
    await wrapper.get('[data-testid="qa-summary-period-lastWeek"]').trigger('click');
    await flushPromises();
    expect(queryOf(api.calls(SUMMARY).at(-1)!.url)).toEqual({ from: '2026-11-30', to: '2026-12-06', groupBy: 'agent' });
    expect(wrapper.get('[data-testid="qa-summary-period-lastWeek"]').attributes('aria-pressed')).toBe('true');
    await wrapper.get('[data-testid="qa-summary-by-team"]').trigger('click');
    await flushPromises();
    expect(queryOf(api.calls(SUMMARY).at(-1)!.url)).toEqual({ from: '2026-11-30', to: '2026-12-06', groupBy: 'team' });
    expect(rowsOf(wrapper)).toEqual([['', '75.0', 'No team', '2', '75.0', '5.0', '70.0', '80.0']]);
  });

  it('keeps the period, view and grouping in the address, and opens what an address asks for', async () => {
    const { wrapper, router } = await mountPage({ [SUMMARY]: summaryRoute({}) });
    await wrapper.get('[data-testid="qa-summary-period-lastMonth"]').trigger('click');
    await wrapper.get('[data-testid="qa-summary-by-team"]').trigger('click');
    await flushPromises();
    expect(router.currentRoute.value.query).toEqual({ period: 'lastMonth', by: 'team' });

    const opened = await mountPage(
      { [SUMMARY]: summaryRoute({}) },
      'en',
      '/qa/summary?period=custom&from=2026-11-02&to=2026-11-15&view=items',
    );
    expect(queryOf(opened.api.calls(SUMMARY)[0]!.url)).toEqual({ from: '2026-11-02', to: '2026-11-15', groupBy: 'item' });
    expect((opened.wrapper.get('[data-testid="qa-summary-from"]').element as HTMLInputElement).value).toBe('2026-11-02');
    expect(opened.wrapper.get('[data-testid="qa-summary-view-items"]').attributes('aria-pressed')).toBe('true');
  });

  it('names checklist items from the form and shows their full-point shares', async () => {
    const { wrapper, api } = await mountPage({
      [SUMMARY]: summaryRoute({
        item: [
          // 3 of 6 verifications had full points; mean of points/4 × 100.
          { key: 'verify', n: 6, mean: 75, marginOfError: 12, passRate: 0.5 },
          { key: 'greet', n: 8, mean: 87.5, marginOfError: 9, passRate: 0.875 },
        ],
      }),
    });
    await wrapper.get('[data-testid="qa-summary-view-items"]').trigger('click');
    await flushPromises();
    expect(queryOf(api.calls(SUMMARY).at(-1)!.url).groupBy).toBe('item');
    expect(rowsOf(wrapper)).toEqual([
      ['greet', '87.5', 'Greets the caller', '8', '87.5', '87.5'],
      ['verify', '75.0', 'Verifies identity', '6', '50.0', '75.0'],
    ]);
    expect(wrapper.get('[data-testid="qa-summary-chart"]').attributes('data-view')).toBe('items');
  });

  it('shows weeks in order with their trend', async () => {
    const { wrapper } = await mountPage({
      [SUMMARY]: summaryRoute({
        week: [
          { key: '2026-12-07', n: 4, mean: 86, marginOfError: 3 },
          { key: '2026-11-30', n: 5, mean: 82, marginOfError: 4 },
        ],
      }),
    });
    await wrapper.get('[data-testid="qa-summary-view-trend"]').trigger('click');
    await flushPromises();
    expect(rowsOf(wrapper).map((r) => [r[0], r[2]])).toEqual([
      ['2026-11-30', 'Nov 30'],
      ['2026-12-07', 'Dec 7'],
    ]);
  });

  it('says which day is wrong in a custom period and asks nothing until it is right', async () => {
    const { wrapper, api } = await mountPage({ [SUMMARY]: summaryRoute({}) });
    await wrapper.get('[data-testid="qa-summary-period-custom"]').trigger('click');
    await wrapper.get('[data-testid="qa-summary-to"]').setValue('2026-12-01');
    await flushPromises();
    expect(wrapper.get('[data-testid="qa-summary-period-problem"]').text()).toBe('To: must not be before From.');
    expect(wrapper.get('[data-testid="qa-summary-to"]').attributes('aria-invalid')).toBe('true');
    expect(api.calls(SUMMARY)).toHaveLength(1);
    await wrapper.get('[data-testid="qa-summary-from"]').setValue('2026-11-16');
    await flushPromises();
    expect(wrapper.find('[data-testid="qa-summary-period-problem"]').exists()).toBe(false);
    expect(queryOf(api.calls(SUMMARY).at(-1)!.url)).toEqual({ from: '2026-11-16', to: '2026-12-01', groupBy: 'agent' });
  });

  it('exports the table as shown: CSV rows equal the table’s, and the file says what and when', async () => {
    const { wrapper } = await mountPage({ [SUMMARY]: summaryRoute({}) });
    const blobs: Blob[] = [];
    vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
      blobs.push(blob as Blob);
      return 'blob:summary';
    });
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
    const names: string[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      names.push(this.download);
    });

    await wrapper.get('[data-testid="qa-export-csv"]').trigger('click');
    await flushPromises();
    expect(names).toEqual(['qa-summary-agent-2026-12-07_2026-12-13.csv']);
    const text = await blobs[0]!.text();
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const csv = Papa.parse<string[]>(text.slice(1), { newline: '\r\n' }).data;
    const headers = wrapper.findAll('thead th').map((th) => th.text());
    expect(csv).toEqual([headers, ...rowsOf(wrapper).map((r) => r.slice(2))]);

    await wrapper.get('[data-testid="qa-export-xlsx"]').trigger('click');
    await vi.waitFor(() => expect(names.length + wrapper.findAll('[role="alert"]').length).toBe(2), { timeout: 15_000 });
    expect(wrapper.find('[role="alert"]').exists() ? wrapper.get('[role="alert"]').text() : '').toBe('');
    expect(names[1]).toBe('qa-summary-agent-2026-12-07_2026-12-13.xlsx');
    expect(blobs[1]!.type).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    // The workbook's library is large and loads on the first export: slow on a busy machine.
  }, 30_000);

  it('says so when the server fails, and when the period has no scores', async () => {
    const failing = await mountPage({ [SUMMARY]: errorResponse(500, 'INTERNAL', 'database down') });
    expect(failing.wrapper.get('[data-testid="qa-summary-error"]').text()).toContain('database down');
    const empty = await mountPage({
      [SUMMARY]: ({ url }: { url: string }) =>
        new Response(JSON.stringify({ ...queryOf(url), rows: [] }), { headers: { 'Content-Type': 'application/json' } }),
    });
    expect(empty.wrapper.get('[data-testid="qa-summary-empty"]').text()).toBe('No scores in this period.');
    expect(empty.wrapper.find('[data-testid="qa-summary-chart"]').exists()).toBe(false);
  });

  it('speaks Chinese', async () => {
    const { wrapper } = await mountPage({ [SUMMARY]: summaryRoute({}) }, 'zh-CN');
    expect(wrapper.get('h1').text()).toBe('质检汇总');
    expect(wrapper.findAll('thead th').map((th) => th.text())).toEqual(['坐席', '评分数', '平均分', '± 95% 误差', '下限', '上限']);
  });
});
