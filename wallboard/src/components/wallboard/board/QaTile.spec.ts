import type { QaProgress } from '@callboard/api/wire';
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createAppI18n, type AppLocale } from '../../../i18n';
import { useSessionStore } from '../../../stores/session';
import { errorResponse, fakeApi, sessionFixture } from '../../../testing/session.fixture';
import { QA_TILE_REFRESH_MS } from '../../../qa/summary/progress';
import QaTile from './QaTile.vue';

const PROGRESS = 'GET /api/v1/qa/progress';
const week = { from: '2026-12-07', to: '2026-12-13' };
const progress = (over: Partial<QaProgress> = {}): QaProgress => ({
  ...week,
  n: 23,
  mean: 86.4347,
  marginOfError: 3.0871,
  done: 31,
  planned: 40,
  ...over,
});

const mounted: VueWrapper[] = [];
afterEach(() => {
  for (const w of mounted.splice(0)) w.unmount();
  vi.useRealTimers();
});
beforeEach(() => setActivePinia(createPinia()));

async function mountTile(role: Parameters<typeof sessionFixture>[0] = 'supervisor', locale: AppLocale = 'en', overrides = {}) {
  const pinia = createPinia();
  setActivePinia(pinia);
  useSessionStore(pinia).info = sessionFixture(role, overrides);
  const wrapper = mount(QaTile, { global: { plugins: [pinia, createAppI18n(locale)] } });
  mounted.push(wrapper);
  await flushPromises();
  return wrapper;
}

describe('QaTile', () => {
  it('shows this week’s mean with its margin, the scores behind it and the reviews done', async () => {
    fakeApi({ [PROGRESS]: progress() });
    const w = await mountTile();
    expect(w.get('[data-testid="qa-tile"]').attributes('data-mean')).toBe('86.4');
    expect(w.get('[data-testid="qa-tile-value"]').text()).toBe('86.4 ± 3.1');
    expect(w.get('[data-testid="qa-tile-scores"]').text()).toBe('23 scores');
    expect(w.get('[data-testid="qa-tile-reviewed"]').text()).toBe('31 of 40 reviewed');
    const bar = w.get('[role="progressbar"]');
    expect([bar.attributes('aria-valuenow'), bar.attributes('aria-valuemax'), bar.attributes('aria-valuetext')]).toEqual([
      '31',
      '40',
      '77.5%',
    ]);
    // 31 of 40 is 77.5 % of the bar.
    expect(w.get('.qa-tile__fill').attributes('style')).toContain('width: 77.5%');
  });

  it('speaks Chinese', async () => {
    fakeApi({ [PROGRESS]: progress() });
    const w = await mountTile('supervisor', 'zh-CN');
    expect(w.get('h3').text()).toBe('本周质检');
    expect(w.get('[data-testid="qa-tile-reviewed"]').text()).toBe('已评 31 / 计划 40');
  });

  it('shows a single score without a margin, and says why', async () => {
    fakeApi({ [PROGRESS]: progress({ n: 1, mean: 70, marginOfError: null, done: 1 }) });
    const w = await mountTile('kiosk');
    expect(w.get('[data-testid="qa-tile-value"]').text()).toBe('70.0');
    expect(w.get('[data-testid="qa-tile-scores"]').text()).toBe('one score: no margin of error');
  });

  it('hides itself when the server has no such figure or refuses it', async () => {
    fakeApi({});
    expect((await mountTile()).find('[data-testid="qa-tile"]').exists()).toBe(false);
    fakeApi({ [PROGRESS]: errorResponse(403, 'FORBIDDEN') });
    expect((await mountTile()).find('[data-testid="qa-tile"]').exists()).toBe(false);
  });

  it('does not ask for a session that may not read it', async () => {
    const api = fakeApi({ [PROGRESS]: progress() });
    const w = await mountTile('supervisor', 'en', { capabilities: ['self'] });
    expect(api.calls(PROGRESS)).toHaveLength(0);
    expect(w.find('[data-testid="qa-tile"]').exists()).toBe(false);
  });

  it('reads the figure again every minute', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    let done = 31;
    const api = fakeApi({
      [PROGRESS]: () => new Response(JSON.stringify(progress({ done })), { headers: { 'Content-Type': 'application/json' } }),
    });
    const w = await mountTile();
    expect(api.calls(PROGRESS)).toHaveLength(1);
    done = 32;
    await vi.advanceTimersByTimeAsync(QA_TILE_REFRESH_MS - 1);
    expect(api.calls(PROGRESS)).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    await flushPromises();
    expect(api.calls(PROGRESS)).toHaveLength(2);
    expect(w.get('[data-testid="qa-tile-reviewed"]').text()).toBe('32 of 40 reviewed');
  });

  it('reads it again when the session’s scope changes', async () => {
    const api = fakeApi({ [PROGRESS]: progress() });
    await mountTile();
    const session = useSessionStore();
    session.info = sessionFixture('supervisor', { scope: { queues: ['billing'], teams: null } });
    await flushPromises();
    expect(api.calls(PROGRESS)).toHaveLength(2);
  });
});
