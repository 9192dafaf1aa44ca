import { flushPromises, mount, type VueWrapper } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createMemoryHistory, createRouter } from 'vue-router';
import type { SubscribeAck } from '@callboard/api/wire';
import { createAppI18n } from '../i18n';
import { useSessionStore } from '../stores/session';
import { fakeApi, sessionFixture } from '../testing/session.fixture';
import type { FakeSocket } from '../testing/fakeSocket';
import { sockets } from '../testing/socketMock';
import { NO_AGENTS, SALES_MORNING, agent, patch, queue, snapshot } from '../testing/live.fixture';
import WallboardPage from './WallboardPage.vue';

// The page runs the real live store and connection; only the socket under them is fake.
vi.mock('socket.io-client', () => import('../testing/socketMock'));

const T0 = Date.parse('2026-03-02T10:00:00.000+08:00');
const OK: SubscribeAck = { ok: true, seq: 10, subscription: { queues: null, teams: null } };

// Sales this morning as the server sends it: with the three-ring rate, 24 of 37 (64.9 %, red against 80 %).
const salesToday = { ...SALES_MORNING, threeRingRate: 24 / 37 };
const sales = queue('sales', { today: salesToday, waiting: 2, oldestOfferedAt: '2026-03-02T09:59:50.000+08:00', longestWaitS: 10 });
const board = () =>
  snapshot({
    queues: [sales],
    totals: salesToday,
    totalsAgents: { ...NO_AGENTS, loggedIn: 6, available: 2, onCall: 2, ringing: 1, notReady: 1 },
    agents: [agent('a1'), agent('a2', { team: 'west', state: 'not_ready', reason: 'break' })],
  });

let wrapper: VueWrapper | undefined;

async function mountPage(kind: 'user' | 'kiosk' = 'user', path = '/') {
  const pinia = createPinia();
  setActivePinia(pinia);
  useSessionStore(pinia).info = sessionFixture(kind === 'kiosk' ? 'kiosk' : 'supervisor');
  const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/', name: 'wallboard', component: WallboardPage }] });
  await router.push(path);
  await router.isReady();
  wrapper = mount({ template: '<RouterView />' }, { attachTo: document.body, global: { plugins: [pinia, router, createAppI18n('en')] } });
  await flushPromises();
  return { w: wrapper, router };
}

function connect(first = board()): FakeSocket {
  const socket = sockets.at(-1)!;
  socket.accept();
  socket.snapshot(first);
  socket.ack(OK);
  return socket;
}

const tileValue = (w: VueWrapper, metric: string) => w.get(`[data-testid="tile-${metric}"] [data-testid="tile-value"]`).text();

beforeEach(() => {
  // This week's QA, for the tile after the agents: 12 scores with a mean of 84.25 ± 4.5, 15 of 20 reviews done.
  fakeApi({
    'GET /api/v1/qa/progress': { from: '2026-03-02', to: '2026-03-08', n: 12, mean: 84.25, marginOfError: 4.5, done: 15, planned: 20 },
  });
  sockets.length = 0;
  localStorage.clear();
  vi.useFakeTimers({ now: T0, toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
});

afterEach(() => {
  wrapper?.unmount();
  wrapper = undefined;
  vi.useRealTimers();
  delete document.documentElement.dataset.theme;
});

describe('WallboardPage', () => {
  it('shows the live figures as tiles with their targets and colours', async () => {
    const { w } = await mountPage();
    connect();
    await flushPromises();

    expect(tileValue(w, 'threeRingRate')).toBe('64.9%');
    expect(w.get('[data-testid="tile-threeRingRate"]').attributes('data-level')).toBe('bad');
    expect(w.get('[data-testid="tile-threeRingRate"] [data-testid="tile-target"]').text()).toBe('Target 80.0%');
    // The formula with today's counts: 24 ÷ (30 + 8 − 3 + 2).
    expect(w.get('[data-testid="tile-threeRingRate"] [data-testid="tile-formula"]').text()).toContain('24 ÷ (30 + 8 − 3 + 2) = 64.9%');
    expect(tileValue(w, 'asaS')).toBe('11s');
    expect(tileValue(w, 'waiting')).toBe('2');
    expect(tileValue(w, 'offered')).toBe('40');
    // Abandon rate (8 − 3) ÷ (40 − 3) = 13.5 %.
    expect(tileValue(w, 'abandonRate')).toBe('13.5%');
    // On call counts the ringing agent too: 2 + 1.
    expect(w.get('[data-testid="agents-onCall"]').text()).toBe('3');
    expect(w.get('[data-testid="agents-loggedIn"]').text()).toBe('6');
  });

  it('shows this week’s QA after the agents', async () => {
    const { w } = await mountPage('kiosk');
    connect();
    await flushPromises();
    const tiles = w.get('[data-testid="tiles"]').element.children;
    expect(tiles[tiles.length - 1]!.getAttribute('data-testid')).toBe('qa-tile');
    // 84.25 shows as 84.3 (one decimal, half up).
    expect(w.get('[data-testid="qa-tile-value"]').text()).toBe('84.3 ± 4.5');
    expect(w.get('[data-testid="qa-tile-reviewed"]').text()).toBe('15 of 20 reviewed');
  });

  it('ticks the longest wait every second between patches', async () => {
    const { w } = await mountPage();
    connect();
    await flushPromises();
    // Offered 09:59:50, now 10:00:00.
    expect(tileValue(w, 'longestWaitS')).toBe('0:10');
    vi.advanceTimersByTime(3_000);
    await flushPromises();
    expect(tileValue(w, 'longestWaitS')).toBe('0:13');
  });

  it('warns when the connection drops and when no update has come for 5 seconds', async () => {
    const { w } = await mountPage();
    const socket = connect();
    await flushPromises();
    expect(w.find('[data-testid="live-banner"]').exists()).toBe(false);

    vi.advanceTimersByTime(6_000);
    await flushPromises();
    expect(w.get('[data-testid="live-banner"]').attributes('data-kind')).toBe('stale');

    socket.patch(patch(11));
    await flushPromises();
    expect(w.find('[data-testid="live-banner"]').exists()).toBe(false);

    socket.drop();
    await flushPromises();
    expect(w.get('[data-testid="live-banner"]').attributes('data-kind')).toBe('disconnected');
  });

  it('follows the queue chosen, and remembers it for this person', async () => {
    const { w } = await mountPage();
    connect(snapshot({ queues: [sales, queue('support')] }));
    await flushPromises();

    await w.get('[data-testid="view-queue"]').setValue('support');
    await flushPromises();
    sockets.at(-1)!.accept();
    expect(sockets.length).toBe(2);
    expect(sockets.at(-1)!.subscribes).toEqual([{ queues: ['support'] }]);
    expect(JSON.parse(localStorage.getItem('callboard.wallboard.user:u-supervisor')!).view).toEqual({ queue: 'support', team: null });
    // The list still offers the other queue.
    expect(w.findAll('[data-testid="view-queue"] option').map((o) => o.text())).toEqual(['All queues', 'sales', 'support']);
  });

  it('flashes a tile that turns red, but not one that was red when the page opened', async () => {
    const { w } = await mountPage();
    const socket = connect(
      snapshot({
        queues: [queue('sales', { today: { ...salesToday, answeredInThreshold: 30 } })],
        totals: { ...salesToday, answeredInThreshold: 30 },
      }),
    );
    await flushPromises();
    // 30 ÷ 37 = 81.1 %: green; abandon rate is red from the start and stays quiet.
    expect(w.get('[data-testid="tile-threeRingRate"]').attributes('data-level')).toBe('ok');
    expect(w.get('[data-testid="tile-alert"]').text()).toBe('');

    socket.patch(patch(11, { totals: salesToday, queues: [{ ...sales }] }));
    vi.advanceTimersByTime(100);
    await flushPromises();
    expect(w.get('[data-testid="tile-threeRingRate"]').classes()).toContain('tile--alert');
    expect(w.get('[data-testid="tile-alert"]').text()).toBe('Turned red: Three-ring rate');
    expect(w.get('[data-testid="tile-abandonRate"]').classes()).not.toContain('tile--alert');

    vi.advanceTimersByTime(6_000);
    await flushPromises();
    expect(w.get('[data-testid="tile-threeRingRate"]').classes()).not.toContain('tile--alert');
  });

  it('applies tile colours the person saved', async () => {
    localStorage.setItem(
      'callboard.wallboard.user:u-supervisor',
      JSON.stringify({ thresholds: { version: 1, tiles: { threeRingRate: { off: true } } } }),
    );
    const { w } = await mountPage();
    connect();
    await flushPromises();
    expect(w.get('[data-testid="tile-threeRingRate"]').attributes('data-level')).toBe('none');
  });

  it('shows the three service-level variants side by side on demand', async () => {
    const { w } = await mountPage();
    connect();
    await flushPromises();
    expect(w.find('[data-testid="sl-variants"]').exists()).toBe(false);
    await w.get('[data-testid="toggle-sl-variants"]').trigger('click');
    // 24 ÷ 37, 24 ÷ 30, (24 + 4) ÷ (30 + 8).
    expect(w.findAll('[data-testid="sl-variants"] [data-testid="tile-value"]').map((v) => v.text())).toEqual(['64.9%', '80.0%', '73.7%']);
  });

  it('shows a wall display in TV mode: dark, no controls, no drill-down', async () => {
    const { w } = await mountPage('kiosk');
    connect();
    await flushPromises();
    expect(w.get('[data-testid="wallboard"]').classes()).toContain('wallboard--tv');
    expect(document.documentElement.dataset.theme).toBe('dark');
    expect(w.find('[data-testid="view-queue"]').exists()).toBe(false);
    expect(w.get('[data-testid="tile-offered"] [data-testid="tile-value"]').element.tagName).toBe('P');
  });

  it('rotates a display between the scopes of its link', async () => {
    await mountPage('kiosk', '/?tv=1&rotate=sales,*&every=15');
    expect(sockets.at(-1)!.subscribes).toEqual([]);
    connect();
    await flushPromises();
    expect(sockets[0]!.subscribes).toEqual([{ queues: ['sales'] }]);
    vi.advanceTimersByTime(15_000);
    await flushPromises();
    sockets.at(-1)!.accept();
    expect(sockets.at(-1)!.subscribes).toEqual([{}]);
    expect(wrapper!.get('[data-testid="wallboard-title"]').text()).toBe('All queues');
  });
});
