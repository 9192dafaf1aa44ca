import { flushPromises, mount, type VueWrapper } from '@vue/test-utils';
import { createPinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createMemoryHistory } from 'vue-router';
import App from './App.vue';
import { createAppI18n } from './i18n';
import { createAppRouter } from './router';
import { jsonResponse, todayFixture } from './testing/today.fixture';

let wrapper: VueWrapper | undefined;

async function mountApp(path: string) {
  const router = createAppRouter(createMemoryHistory());
  await router.push(path);
  await router.isReady();
  wrapper = mount(App, { global: { plugins: [createPinia(), router, createAppI18n('en')] } });
  await flushPromises();
  return wrapper;
}

beforeEach(() => localStorage.clear());

afterEach(() => {
  wrapper?.unmount();
  wrapper = undefined;
});

describe('App', () => {
  it('names the product and links the four sections', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => jsonResponse(todayFixture())));
    const w = await mountApp('/');

    expect(w.get('.topbar__brand').text()).toBe('Callboard');
    const links = w.findAll('nav a');
    expect(links.map((a) => [a.text(), a.attributes('href')])).toEqual([
      ['Wallboard', '/'],
      ['Trends', '/trends'],
      ['QA', '/qa'],
      ['Settings', '/settings'],
    ]);
    expect(document.title).toBe('Wallboard · Callboard');
  });

  it('shows no demo badge for figures from a phone system', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => jsonResponse(todayFixture({ demo: false }))));
    const w = await mountApp('/');

    expect(w.find('[data-testid="demo-badge"]').exists()).toBe(false);
  });

  it('shows the demo badge on a page that does not poll today’s figures', async () => {
    const fetchMock = vi.fn(async () => jsonResponse(todayFixture({ demo: true })));
    vi.stubGlobal('fetch', fetchMock);
    const w = await mountApp('/trends');

    expect(fetchMock).toHaveBeenCalledTimes(1);
    expect(w.get('[data-testid="demo-badge"]').text()).toBe('DEMO DATA');
    expect(w.get('h1').text()).toContain('Trends');
  });

  it('switches the whole interface to Chinese and remembers the choice', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => jsonResponse(todayFixture({ demo: true }))));
    const w = await mountApp('/');

    await w.get('[data-testid="locale-select"]').setValue('zh-CN');

    expect(w.get('[data-testid="demo-badge"]').text()).toBe('演示数据');
    expect(w.findAll('nav a').map((a) => a.text())).toEqual(['实时看板', '趋势', '质检', '设置']);
    expect(w.get('[data-testid="today-row-sales"] [data-testid="asaS"]').text()).toBe('12.3秒');
    expect(document.documentElement.lang).toBe('zh-CN');
    expect(localStorage.getItem('callboard.locale')).toBe('zh-CN');
  });
});
