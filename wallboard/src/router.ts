import type { Pinia } from 'pinia';
import {
  createRouter,
  createWebHistory,
  type RouteLocationNormalized,
  type RouteLocationRaw,
  type RouteRecordRaw,
  type RouterHistory,
} from 'vue-router';
import type { Capability, Role } from './api/auth';
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
    /** …and, when set, only for these roles (an agent's own results). */
    roles?: readonly Role[];
    /** A tab of the QA workspace: its label under `qa.tabs`. */
    qaTab?: keyof MessageSchema['qa']['tabs'];
  }
}

const QA_CAPABILITIES: readonly Capability[] = ['qaResults', 'qaReview', 'qaManage'];

/** The QA workspace: its tabs in order (`meta.qaTab`), then pages reached from them. `/qa` opens the first tab the session may open. */
export const QA_CHILDREN: RouteRecordRaw[] = [
  // Never shown: the access guard sends `/qa` on to the session's first tab.
  { path: '', name: 'qa', component: { render: () => null } },
  {
    path: 'reviews',
    name: 'qa-reviews',
    component: () => import('./pages/qa/ReviewQueuePage.vue'),
    meta: { nav: 'qa', requires: ['qaReview'], qaTab: 'reviews' },
  },
  {
    path: 'mine',
    name: 'qa-mine',
    component: () => import('./pages/qa/MyResultsPage.vue'),
    meta: { nav: 'qa', requires: ['qaResults'], roles: ['agent'], qaTab: 'mine' },
  },
  {
    path: 'disputes',
    name: 'qa-disputes',
    component: () => import('./pages/qa/DisputesPage.vue'),
    meta: { nav: 'qa', requires: ['qaManage'], qaTab: 'disputes' },
  },
  {
    path: 'calibrations',
    name: 'qa-calibrations',
    component: () => import('./pages/qa/CalibrationsPage.vue'),
    meta: { nav: 'qa', requires: ['qaReview'], qaTab: 'calibrations' },
  },
  {
    path: 'forms',
    name: 'qa-forms',
    component: () => import('./pages/qa/FormsPage.vue'),
    meta: { nav: 'qa', requires: ['qaManage'], qaTab: 'forms' },
  },
  {
    path: 'sampling',
    name: 'qa-sampling',
    component: () => import('./pages/qa/SamplingPage.vue'),
    meta: { nav: 'qa', requires: ['qaManage'], qaTab: 'sampling' },
  },
  {
    path: 'summary',
    name: 'qa-summary',
    component: () => import('./pages/qa/SummaryPage.vue'),
    meta: { nav: 'qa', requires: ['qaResults'], roles: ['admin', 'manager', 'supervisor', 'qa_lead', 'qa_reviewer'], qaTab: 'summary' },
  },
  {
    path: 'evaluations/:id',
    name: 'qa-evaluation',
    component: () => import('./pages/qa/EvaluationPage.vue'),
    props: true,
    meta: { nav: 'qa', requires: ['qaResults'] },
  },
  {
    path: 'calibrations/:id',
    name: 'qa-calibration',
    component: () => import('./pages/qa/CalibrationPage.vue'),
    props: true,
    meta: { nav: 'qa', requires: ['qaReview'] },
  },
];

/** The QA tabs a session may open, in order. */
export function qaTabsFor(session: SessionStore): RouteRecordRaw[] {
  return QA_CHILDREN.filter((r) => r.meta?.qaTab && mayOpen(session, { meta: r.meta }));
}

export const routes: RouteRecordRaw[] = [
  { path: '/login', name: 'login', component: () => import('./pages/LoginPage.vue'), meta: { nav: 'login', public: true } },
  { path: '/kiosk', name: 'kiosk', component: () => import('./pages/KioskPage.vue'), meta: { nav: 'kiosk', public: true } },
  { path: '/', name: 'wallboard', component: WallboardPage, meta: { nav: 'wallboard', requires: ['wallboard'] } },
  { path: '/trends', name: 'trends', component: () => import('./pages/TrendsPage.vue'), meta: { nav: 'trends', requires: ['trends'] } },
  {
    path: '/qa',
    component: () => import('./pages/qa/QaLayout.vue'),
    meta: { nav: 'qa', requires: QA_CAPABILITIES },
    children: QA_CHILDREN,
  },
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
  const { requires, roles } = route.meta;
  if (!session.signedIn) return false;
  if (requires !== undefined && !session.canAny(requires)) return false;
  return roles === undefined || (session.role !== null && roles.includes(session.role));
}

/** The first page the session may open: a wallboard for those who have one, the QA workspace for agents and reviewers. */
export function homeFor(session: SessionStore): RouteLocationRaw | null {
  for (const name of HOME_ORDER) {
    if (name === 'qa') {
      if (qaTabsFor(session).length > 0) return { name };
      continue;
    }
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
  if (mayOpen(session, to)) {
    if (to.name !== 'qa') return true;
    const first = qaTabsFor(session)[0];
    return first?.name ? { name: first.name } : (homeFor(session) ?? { name: 'login' });
  }
  // No page at all for this session (cannot happen with the roles of SPEC §1): let it sign in as someone else.
  return homeFor(session) ?? { name: 'login' };
}

/** `pinia` defaults to the active one, for tests that install their own. */
export function createAppRouter(history: RouterHistory = createWebHistory(import.meta.env.BASE_URL), pinia?: Pinia) {
  const router = createRouter({ history, routes });
  router.beforeEach((to) => accessGuard(to, useSessionStore(pinia)));
  return router;
}
