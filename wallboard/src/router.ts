import { createRouter, createWebHistory, type RouteRecordRaw, type RouterHistory } from 'vue-router';
import type { MessageSchema } from './locales/en';
import WallboardPage from './pages/WallboardPage.vue';

declare module 'vue-router' {
  interface RouteMeta {
    /** The page's name in `app.nav`, used for the document title. */
    nav?: keyof MessageSchema['app']['nav'];
  }
}

export const routes: RouteRecordRaw[] = [
  { path: '/', name: 'wallboard', component: WallboardPage, meta: { nav: 'wallboard' } },
  { path: '/trends', name: 'trends', component: () => import('./pages/TrendsPage.vue'), meta: { nav: 'trends' } },
  { path: '/qa', name: 'qa', component: () => import('./pages/QaPage.vue'), meta: { nav: 'qa' } },
  { path: '/settings', name: 'settings', component: () => import('./pages/SettingsPage.vue'), meta: { nav: 'settings' } },
  { path: '/:pathMatch(.*)*', redirect: '/' },
];

export function createAppRouter(history: RouterHistory = createWebHistory(import.meta.env.BASE_URL)) {
  return createRouter({ history, routes });
}
