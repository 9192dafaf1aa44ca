import { flushPromises, mount, type VueWrapper } from '@vue/test-utils';
import { createPinia, disposePinia, setActivePinia, type Pinia } from 'pinia';
import { createMemoryHistory } from 'vue-router';
import App from '../App.vue';
import { createAppI18n, type AppLocale } from '../i18n';
import { createAppRouter } from '../router';
import { useSessionStore } from '../stores/session';

const mounted: { wrapper: VueWrapper; pinia: Pinia }[] = [];

/** The whole app at `path`, as `main.ts` builds it but with in-memory history; `fetch` must be faked first. */
export async function mountApp(path: string, { locale = 'en' }: { locale?: AppLocale } = {}) {
  const pinia = createPinia();
  setActivePinia(pinia);
  const router = createAppRouter(createMemoryHistory(), pinia);
  await router.push(path);
  await router.isReady();
  const wrapper = mount(App, { attachTo: document.body, global: { plugins: [pinia, router, createAppI18n(locale)] } });
  mounted.push({ wrapper, pinia });
  await flushPromises();
  return { wrapper, router, pinia, session: useSessionStore(pinia) };
}

/** For `afterEach`: unmounts, and stops the session's keep-alive timer. */
export function unmountAll(): void {
  for (const { wrapper, pinia } of mounted.splice(0)) {
    wrapper.unmount();
    disposePinia(pinia);
  }
}
