/**
 * The app as `npm start` runs it (embedded database, in-process log, simulator),
 * in Debian's headless Chromium: signing in, role-aware navigation, the
 * wallboard limited to a supervisor's queues, a kiosk link without login,
 * session expiry and signing out. Screenshots go to test/artifacts/.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKioskToken, createUser } from '@callboard/api';
import { ADMIN_PASSWORD, type RunningApp, startApp } from '../support/app.js';
import { PASSWORD, kioskSignIn, login } from '../support/auth.js';
import { ARTIFACTS, launchChromium } from '../support/browser.js';
import { middayZone } from '../support/live-scenario.js';

let app: RunningApp;
let browser: Browser;
let kioskSecret: string;

beforeAll(async () => {
  // Around noon in the center: the simulator has a morning of calls to show, whenever the tests run.
  app = await startApp({ CALLBOARD_DEMO: '1', CALLBOARD_TZ: middayZone() });
  await createUser(app.db, {
    username: 'lin',
    password: PASSWORD,
    role: 'supervisor',
    displayName: 'Lin Wei',
    scope: { queues: ['general', 'billing'], teams: ['team-a'] },
  });
  await createUser(app.db, { username: 'zhou', password: PASSWORD, role: 'agent', displayName: 'Zhou Min', agentId: 'agent-001' });
  kioskSecret = (await createKioskToken(app.db, 'Floor TV', { queues: ['support'], teams: null }, 'test')).secret;
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

async function signIn(page: Page, username: string, password: string): Promise<void> {
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
}

const NAV = [
  'nav-wallboard',
  'nav-trends',
  'nav-qa',
  'nav-settings',
  'nav-admin-users',
  'nav-admin-keys',
  'nav-admin-kiosk',
  'nav-admin-audit',
];
async function visibleNav(page: Page): Promise<string[]> {
  const shown: string[] = [];
  for (const id of NAV) if (await page.getByTestId(id).isVisible()) shown.push(id);
  return shown;
}

const number = (text: string | null) => Number((text ?? '').replace(/[^\d]/g, '') || 0);

describe('a supervisor', () => {
  it('is sent to the login page, signs in, sees only their queues and their navigation, and signs out', async () => {
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 }, locale: 'en-US' });
    await page.goto(app.url);
    await page.waitForURL(/\/login/);
    await page.getByTestId('login-username').waitFor();
    await page.screenshot({ path: `${ARTIFACTS}login-1366.png`, clip: { x: 0, y: 0, width: 1366, height: 768 } });

    await signIn(page, 'lin', 'not-the-password');
    await expect.poll(async () => page.getByTestId('login-error').textContent(), { timeout: 10_000 }).toMatch(/username or password/i);

    await signIn(page, 'lin', PASSWORD);
    await page.getByTestId('today-table').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('view-queue').locator('option').allTextContents()).toEqual(['All queues', 'billing', 'general']);
    await expect
      .poll(async () => number(await page.getByTestId('today-total-offered').textContent()), { timeout: 60_000, interval: 500 })
      .toBeGreaterThan(0);
    const rows = await page.locator('[data-testid^="today-row-"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')));
    expect(rows.sort()).toEqual(['today-row-billing', 'today-row-general']);
    expect(await page.getByTestId('user-menu').textContent()).toContain('Lin Wei');
    expect(await visibleNav(page)).toEqual(['nav-wallboard', 'nav-qa']);
    expect(await page.getByTestId('demo-badge').isVisible()).toBe(true);

    // What the page shows is what the API gives this supervisor (it may have moved on since, never ahead).
    const api = (await (await login(app.url, 'lin', PASSWORD)).get('/api/v1/live')).body as {
      totals: { offered: number };
      queues: { queue: string }[];
    };
    expect(api.queues.map((q) => q.queue).sort()).toEqual(['billing', 'general']);
    expect(number(await page.getByTestId('today-total-offered').textContent())).toBeLessThanOrEqual(api.totals.offered);
    await page.screenshot({ path: `${ARTIFACTS}supervisor-wallboard-1920.png` });
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.screenshot({ path: `${ARTIFACTS}supervisor-wallboard-1366.png` });

    // Pages outside the role are not reachable by URL either.
    await page.goto(`${app.url}/admin/users`);
    await page.getByTestId('tiles').waitFor({ timeout: 10_000 });
    expect(new URL(page.url()).pathname).toBe('/');

    await page.getByTestId('logout').click();
    await page.waitForURL(/\/login/);
    await page.goto(app.url);
    await page.waitForURL(/\/login/);
    await page.close();
  }, 180_000);

  it('whose session is ended elsewhere is sent to sign in again, with the reason shown', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 }, locale: 'en-US' });
    await page.goto(`${app.url}/login`);
    await signIn(page, 'lin', PASSWORD);
    await page.getByTestId('tiles').waitFor({ timeout: 30_000 });
    const admin = await login(app.url, 'admin', ADMIN_PASSWORD);
    const lin = ((await admin.get('/api/v1/users')).body.users as { id: string; username: string }[]).find((u) => u.username === 'lin')!;
    expect((await admin.request('PATCH', `/api/v1/users/${lin.id}`, { scope: { queues: ['general'], teams: ['team-a'] } })).status).toBe(
      200,
    );
    await page.waitForURL(/\/login\?.*expired=1/, { timeout: 30_000 });
    expect(await page.getByTestId('session-expired').isVisible()).toBe(true);
    await page.screenshot({ path: `${ARTIFACTS}session-expired-1366.png` });
    await page.close();
  }, 120_000);
});

describe('other roles', () => {
  it('an admin sees every page and the users admin page', async () => {
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 }, locale: 'en-US' });
    await page.goto(`${app.url}/login`);
    await signIn(page, 'admin', ADMIN_PASSWORD);
    await page.getByTestId('tiles').waitFor({ timeout: 30_000 });
    expect(await visibleNav(page)).toEqual(NAV);
    await page.getByTestId('nav-admin-users').click();
    await page.getByTestId('users-table').waitFor({ timeout: 10_000 });
    await expect.poll(async () => page.getByTestId('users-table').textContent(), { timeout: 15_000 }).toContain('Lin Wei');
    await page.screenshot({ path: `${ARTIFACTS}admin-users-1920.png` });
    await page.getByTestId('nav-admin-audit').click();
    await page.getByTestId('audit-table').waitFor({ timeout: 10_000 });
    // The demo's QA sample writes entries of its own: the sign-ins are found through the action filter.
    await page.getByTestId('audit-action').fill('auth.*');
    await page.getByTestId('audit-apply').click();
    // Until the filtered answer is on screen: only auth.* rows, the sign-in and the sign-out among them.
    await expect
      .poll(
        async () => {
          const actions = await page.getByTestId('action').allTextContents();
          return {
            others: actions.filter((a) => !a.startsWith('auth.')),
            login: actions.includes('auth.login'),
            logout: actions.includes('auth.logout'),
          };
        },
        { timeout: 15_000 },
      )
      .toEqual({ others: [], login: true, logout: true });
    await page.screenshot({ path: `${ARTIFACTS}admin-audit-1920.png` });
    await page.close();
  }, 120_000);

  it('an agent lands on QA and sees no wallboard', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 }, locale: 'en-US' });
    await page.goto(`${app.url}/login`);
    await signIn(page, 'zhou', PASSWORD);
    await page.waitForURL(/\/qa\/mine$/, { timeout: 30_000 });
    expect(await visibleNav(page)).toEqual(['nav-qa']);
    // Their own results are the only QA tab.
    expect(await page.locator('[data-testid^="qa-tab-"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')))).toEqual([
      'qa-tab-mine',
    ]);
    await page.close();
  }, 60_000);

  it('a TV opens its kiosk link and shows its queue without a login or navigation', async () => {
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 }, locale: 'en-US' });
    await page.goto(`${app.url}/kiosk#${kioskSecret}`);
    await page.getByTestId('tiles').waitFor({ timeout: 30_000 });
    expect(page.url()).not.toContain(kioskSecret);
    // TV mode: dark, no controls, only the display's queue.
    expect(await page.getByTestId('wallboard').getAttribute('class')).toContain('wallboard--tv');
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    expect(await page.getByTestId('view-queue').count()).toBe(0);
    const live = (await (await kioskSignIn(app.url, kioskSecret)).get('/api/v1/live')).body as { queues: { queue: string }[] };
    expect(live.queues.map((q) => q.queue)).toEqual(['support']);
    await expect
      .poll(async () => number(await page.getByTestId('tile-offered').getByTestId('tile-value').textContent()), {
        timeout: 60_000,
        interval: 500,
      })
      .toBeGreaterThan(0);
    expect(await visibleNav(page)).toEqual([]);
    expect(await page.getByTestId('logout').count()).toBe(0);
    await page.screenshot({ path: `${ARTIFACTS}kiosk-1920.png` });
    await page.close();
  }, 60_000);
});
