import type { Pinia } from 'pinia';
import {
  createRouter,
  createWebHistory,
  type RouteLocationNormalized,
  type RouteLocationRaw,
  type RouteRecordRaw,
  type RouterHistory,
} from 'vue-router';
import type { Capability } from './api/auth';
import { loadKioskToken } from './kioskToken';
import type { MessageSchema } from './locales/en';
import WallboardPage from './pages/WallboardPage.vue';
import { useSessionStore, type SessionStore } from './stores/session';

declare module 'vue-router' {
  interface RouteMeta {
    /** The page's name in `app.nav`, used for the document title. */
    nav?: keyof MessageSchema['app']['nav'];
    /** Open without a session (sign-in pages). */
    public?: boolean;
    /** The page opens for a session holding any one of these capabilities. */
    requires?: readonly Capability[];
  }
}

const QA_CAPABILITIES: readonly Capability[] = ['qaResults', 'qaReview', 'qaManage'];

export const routes: RouteRecordRaw[] = [
  { path: '/login', name: 'login', component: () => import('./pages/LoginPage.vue'), meta: { nav: 'login', public: true } },
  { path: '/kiosk', name: 'kiosk', component: () => import('./pages/KioskPage.vue'), meta: { nav: 'kiosk', public: true } },
  { path: '/', name: 'wallboard', component: WallboardPage, meta: { nav: 'wallboard', requires: ['wallboard'] } },
  { path: '/trends', name: 'trends', component: () => import('./pages/TrendsPage.vue'), meta: { nav: 'trends', requires: ['trends'] } },
  { path: '/qa', name: 'qa', component: () => import('./pages/QaPage.vue'), meta: { nav: 'qa', requires: QA_CAPABILITIES } },
  {
    path: '/settings',
    name: 'settings',
    component: () => import('./pages/SettingsPage.vue'),
    meta: { nav: 'settings', requires: ['admin'] },
  },
  {
    path: '/admin/users',
    name: 'admin-users',
    component: () => import('./pages/admin/UsersPage.vue'),
    meta: { nav: 'adminUsers', requires: ['admin'] },
  },
  {
    path: '/admin/keys',
    name: 'admin-keys',
    component: () => import('./pages/admin/ApiKeysPage.vue'),
    meta: { nav: 'adminKeys', requires: ['admin'] },
  },
  {
    path: '/admin/kiosk-tokens',
    name: 'admin-kiosk-tokens',
    component: () => import('./pages/admin/KioskTokensPage.vue'),
    meta: { nav: 'adminKiosk', requires: ['admin'] },
  },
  {
    path: '/admin/audit',
    name: 'admin-audit',
    component: () => import('./pages/admin/AuditPage.vue'),
    meta: { nav: 'adminAudit', requires: ['admin'] },
  },
  { path: '/account', name: 'account', component: () => import('./pages/AccountPage.vue'), meta: { nav: 'account', requires: ['self'] } },
  { path: '/:pathMatch(.*)*', redirect: '/' },
];

/** Where a session lands when the page it asked for is not one of its own, in order of preference. */
const HOME_ORDER = ['wallboard', 'qa', 'trends', 'settings', 'account'] as const;

export function mayOpen(session: SessionStore, route: Pick<RouteLocationNormalized, 'meta'>): boolean {
  if (route.meta.public) return true;
  const requires = route.meta.requires;
  return session.signedIn && (requires === undefined || session.canAny(requires));
}

/** The first page the session may open: a wallboard for those who have one, the QA workspace for agents and reviewers. */
export function homeFor(session: SessionStore): RouteLocationRaw | null {
  for (const name of HOME_ORDER) {
    const record = routes.find((route) => route.name === name);
    if (record && mayOpen(session, { meta: record.meta ?? {} })) return { name };
  }
  return null;
}

/**
 * A `next` query value that is safe to follow: a path inside the app (never
 * `//host`, never a full URL) and not a sign-in page.
 */
export function safeNext(value: unknown): string | null {
  if (typeof value !== 'string' || !value.startsWith('/') || value.startsWith('//') || value.includes('\\')) return null;
  if (/^\/(login|kiosk)(\/|\?|#|$)/.test(value)) return null;
  return value;
}

/** The login page, for someone who asked for `next`. */
export function loginFor(next: string, expired = false): RouteLocationRaw {
  const query: Record<string, string> = {};
  if (expired) query.expired = '1';
  if (safeNext(next) && next !== '/') query.next = next;
  return { name: 'login', query };
}

/**
 * Every navigation: load the session once; send the anonymous to sign in (a wall
 * screen that keeps its display token signs in again by itself) and anyone
 * else to a page of their own, so no page shows that would only be refused.
 */
export async function accessGuard(to: RouteLocationNormalized, session: SessionStore): Promise<true | RouteLocationRaw> {
  await session.ensureLoaded();
  if (to.meta.public) {
    if (to.name === 'login' && session.signedIn) {
      const next = safeNext(to.query.next);
      return next ?? homeFor(session) ?? true;
    }
    return true;
  }
  if (!session.signedIn) return loadKioskToken() ? { name: 'kiosk' } : loginFor(to.fullPath);
  if (mayOpen(session, to)) return true;
  // No page at all for this session (cannot happen with the roles of SPEC §1): let it sign in as someone else.
  return homeFor(session) ?? { name: 'login' };
}

/** `pinia` defaults to the active one, for tests that install their own. */
export function createAppRouter(history: RouterHistory = createWebHistory(import.meta.env.BASE_URL), pinia?: Pinia) {
  const router = createRouter({ history, routes });
  router.beforeEach((to) => accessGuard(to, useSessionStore(pinia)));
  return router;
}
