/**
 * The live wallboard in Debian's headless Chromium against the API as
 * production runs it (`node api/dist/main.js`, Redis log, simulator on): the
 * tiles show what `GET /api/v1/live` says, the board survives the API being
 * killed and started again (a banner, then live figures from a fresh
 * snapshot), TV mode, drill-down, tile colours, and screenshots at the two
 * screen sizes a call center has (test/artifacts/).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, INGEST_KEY } from '../support/app.js';
import { type Client, login } from '../support/auth.js';
import { ARTIFACTS, launchChromium } from '../support/browser.js';
import { middayZone } from '../support/live-scenario.js';
import { type ApiProcess, freePort, startApiProcess } from '../support/process.js';
import { dropRedisKeys } from '../support/redis.js';

const REDIS = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const dir = mkdtempSync(path.join(os.tmpdir(), 'callboard-board-'));
// A center where it is around noon now: the simulator has a morning of calls to show, whenever the tests run.
const TZ = middayZone();
const env = {
  REDIS_URL: REDIS,
  CALLBOARD_REDIS_PREFIX: `board-${process.pid}-${Date.now().toString(36)}`,
  CALLBOARD_DATA_DIR: dir,
  CALLBOARD_DEMO: '1',
  CALLBOARD_TZ: TZ,
  CALLBOARD_INGEST_KEY: INGEST_KEY,
  CALLBOARD_ADMIN_PASSWORD: ADMIN_PASSWORD,
};

let api: ApiProcess;
let port: number;
let browser: Browser;
let admin: Client;

beforeAll(async () => {
  port = await freePort();
  api = await startApiProcess(env, port);
  admin = await login(api.url, 'admin', ADMIN_PASSWORD);
  browser = await launchChromium();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await api?.stop();
  await dropRedisKeys(env.CALLBOARD_REDIS_PREFIX, REDIS);
  rmSync(dir, { recursive: true, force: true });
});

interface LiveFigures {
  offered: number;
  answered: number;
  abandoned: number;
  threeRingRate: number | null;
  asaS: number | null;
  abandonRate: number | null;
  ahtS: number | null;
}
interface Live {
  totals: LiveFigures;
  totalsAgents: { loggedIn: number; available: number; onCall: number; ringing: number; wrapUp: number; notReady: number };
  queues: { waiting: number }[];
}

// The wallboard's formats, written out again here: en-US, one decimal for rates, m:ss for handle times.
const percent = (x: number | null) => (x === null ? '—' : `${(Math.round(x * 1000) / 10).toFixed(1)}%`);
const seconds = (x: number | null) => (x === null ? '—' : `${new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 }).format(x)}s`);
const clock = (x: number | null) => (x === null ? '—' : `${Math.floor(x / 60)}:${String(Math.floor(x % 60)).padStart(2, '0')}`);
const count = (n: number) => new Intl.NumberFormat('en-US').format(n);

function expected(live: Live): Record<string, string> {
  const t = live.totals;
  const a = live.totalsAgents;
  return {
    waiting: count(live.queues.reduce((sum, q) => sum + q.waiting, 0)),
    threeRingRate: percent(t.threeRingRate),
    asaS: seconds(t.asaS),
    abandonRate: percent(t.abandonRate),
    ahtS: clock(t.ahtS),
    offered: count(t.offered),
    answered: count(t.answered),
    abandoned: count(t.abandoned),
    'agents-available': count(a.available),
    'agents-onCall': count(a.onCall + a.ringing),
    'agents-wrapUp': count(a.wrapUp),
    'agents-notReady': count(a.notReady),
    'agents-loggedIn': count(a.loggedIn),
  };
}

async function shown(page: Page): Promise<Record<string, string>> {
  return page.evaluate(() => {
    const out: Record<string, string> = {};
    for (const metric of ['waiting', 'threeRingRate', 'asaS', 'abandonRate', 'ahtS', 'offered', 'answered', 'abandoned']) {
      out[metric] = document.querySelector(`[data-testid="tile-${metric}"] [data-testid="tile-value"]`)?.textContent?.trim() ?? '';
    }
    for (const state of ['available', 'onCall', 'wrapUp', 'notReady', 'loggedIn']) {
      out[`agents-${state}`] = document.querySelector(`[data-testid="agents-${state}"]`)?.textContent?.trim() ?? '';
    }
    return out;
  });
}

/**
 * The simulator keeps the figures moving: compare at a moment when the page
 * read the same before and after asking the API, and the API agreed.
 */
async function expectTilesEqualApi(page: Page): Promise<void> {
  let last: { page: Record<string, string>; api: Record<string, string> } | null = null;
  for (let attempt = 0; attempt < 40; attempt++) {
    const before = await shown(page);
    const api = expected((await admin.get('/api/v1/live')).body as Live);
    const after = await shown(page);
    last = { page: after, api };
    if (JSON.stringify(before) === JSON.stringify(after) && JSON.stringify(after) === JSON.stringify(api)) break;
    await page.waitForTimeout(250);
  }
  expect(last!.page).toEqual(last!.api);
}

async function signIn(page: Page): Promise<void> {
  await page.goto(`${api.url}/login`);
  await page.getByTestId('login-username').fill('admin');
  await page.getByTestId('login-password').fill(ADMIN_PASSWORD);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('tiles').waitFor({ timeout: 60_000 });
}

async function chartsDrawn(page: Page): Promise<void> {
  // ECharts draws on canvas: wait until both hourly charts have painted something.
  await expect
    .poll(
      () =>
        page.evaluate(
          () =>
            [...document.querySelectorAll('canvas')].filter((c) => {
              const ctx = c.getContext('2d');
              if (!ctx || c.width === 0) return false;
              const { data } = ctx.getImageData(0, 0, c.width, c.height);
              for (let i = 3; i < data.length; i += 4 * 97) if (data[i]! > 0) return true;
              return false;
            }).length,
        ),
      { timeout: 30_000 },
    )
    .toBeGreaterThanOrEqual(2);
}

describe('the live wallboard', () => {
  it('shows on its tiles what GET /api/v1/live says, at 1920×1080 and 1366×768', async () => {
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 }, locale: 'en-US' });
    await signIn(page);
    await expect.poll(async () => (await shown(page)).offered, { timeout: 60_000 }).not.toBe('0');
    await expectTilesEqualApi(page);
    await chartsDrawn(page);
    await page.screenshot({ path: `${ARTIFACTS}wallboard-1920.png` });
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.waitForTimeout(500);
    await page.screenshot({ path: `${ARTIFACTS}wallboard-1366.png`, fullPage: true });

    // The formula behind a rate, with the counts, on hover.
    await page.getByTestId('tile-threeRingRate').locator('.tile__formula-mark').hover();
    const formula = await page.getByTestId('tile-threeRingRate').getByTestId('tile-formula').textContent();
    expect(formula).toMatch(/answered within three rings ÷ \(answered \+ abandoned − short abandoned \+ timed out\)/);
    await page.screenshot({ path: `${ARTIFACTS}wallboard-formula-1366.png` });
    await page.close();
  }, 180_000);

  it('opens the calls behind a figure as the API lists them, callers as the API gives them', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 }, locale: 'en-US' });
    await signIn(page);
    await expect.poll(async () => (await shown(page)).answered, { timeout: 60_000 }).not.toBe('0');
    await page.getByTestId('tile-answered').getByTestId('tile-value').click();
    await page.getByTestId('drill-dialog').waitFor();
    await expect.poll(() => page.getByTestId('drill-row').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    // The dialog's rows are the API's, newest first, each with the caller the API gives (in full to an admin).
    // A leg is one call in one queue offered at one instant: a transferred call has a leg in each queue, so rows are
    // matched on all three. Calls answered since the dialog read its page are in the API's list and not in the
    // dialog's, wherever their offer falls: the dialog's legs must be found in the API's list, in the same order.
    const shownRows = await page.getByTestId('drill-row').evaluateAll((rows) =>
      rows.slice(0, 10).map((r) => ({
        leg: `${r.getAttribute('data-call-id')}|${r.getAttribute('data-queue')}|${r.getAttribute('data-offered-at')}`,
        caller: r.querySelector('[data-testid="drill-caller"]')?.textContent?.trim(),
      })),
    );
    const api = (await admin.get('/api/v1/live/calls?figure=answered&limit=100')).body as {
      rows: { callId: string; queue: string; offeredAt: string; caller: string | null }[];
    };
    const legOf = (r: { callId: string; queue: string; offeredAt: string }) => `${r.callId}|${r.queue}|${r.offeredAt}`;
    expect(shownRows.length).toBeGreaterThan(0);
    const order = shownRows.map((row) => api.rows.findIndex((a) => legOf(a) === row.leg));
    expect(order).not.toContain(-1);
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(new Set(order).size).toBe(order.length);
    for (const [i, row] of shownRows.entries()) {
      const listed = api.rows[order[i]!]!;
      expect(row.caller).toBe(listed.caller ?? '—');
      expect(row.caller).toMatch(/^\d{11}$/);
    }
    await page.screenshot({ path: `${ARTIFACTS}wallboard-drill-1366.png` });
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('drill-dialog').isVisible()).toBe(false);
    await page.close();
  }, 120_000);

  it('lets a person set where a tile turns red, and keeps it', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 }, locale: 'en-US' });
    await signIn(page);
    await page.getByTestId('open-thresholds').click();
    await page.getByTestId('thresholds-dialog').waitFor();
    // Offered calls count as "higher is better": edges the wrong way round are refused, naming the rule…
    await page.getByTestId('thresholds-offered-green').fill('0');
    await page.getByTestId('thresholds-offered-amber').fill('0');
    await page.getByTestId('thresholds-offered-red').fill('1');
    await page.getByTestId('thresholds-offered-red').press('Tab');
    expect(await page.getByTestId('thresholds-row-offered').getByTestId('thresholds-error').textContent()).toMatch(/green ≥ amber ≥ red/);
    // …and red under 100,000 calls makes today's offered tile red.
    await page.getByTestId('thresholds-offered-green').fill('300000');
    await page.getByTestId('thresholds-offered-amber').fill('200000');
    await page.getByTestId('thresholds-offered-red').fill('100000');
    await page.getByTestId('thresholds-offered-red').press('Tab');
    expect(await page.getByTestId('thresholds-row-offered').getByTestId('thresholds-error').count()).toBe(0);
    await page.screenshot({ path: `${ARTIFACTS}wallboard-thresholds-1366.png` });
    await page.getByTestId('thresholds-close').click();
    await expect.poll(async () => page.getByTestId('tile-offered').getAttribute('data-level'), { timeout: 10_000 }).toBe('bad');
    await page.reload();
    await page.getByTestId('tiles').waitFor({ timeout: 30_000 });
    await expect.poll(async () => page.getByTestId('tile-offered').getAttribute('data-level'), { timeout: 10_000 }).toBe('bad');
    await page.close();
  }, 120_000);

  it('reads in Chinese on a TV, with the center’s time', async () => {
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 }, locale: 'zh-CN' });
    await signIn(page);
    await page.goto(`${api.url}/?tv=1`);
    await page.getByTestId('tiles').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('wallboard-title').textContent()).toBe('全部队列');
    expect(await page.getByTestId('tile-threeRingRate').locator('h3').textContent()).toBe('三声振铃接通率');
    // The clock is the center's whatever the browser's zone: its zone is named, its hour is the center's.
    const hourNow = () => new Intl.DateTimeFormat('en-GB', { timeZone: TZ, hour: '2-digit', hourCycle: 'h23' }).format(new Date());
    const before = hourNow();
    const clock = (await page.getByTestId('wallboard-clock').textContent()) ?? '';
    expect(clock).toContain(TZ);
    expect([before, hourNow()]).toContain(clock.match(/(\d{2}):\d{2}:\d{2}/)?.[1]);
    await chartsDrawn(page);
    await page.screenshot({ path: `${ARTIFACTS}wallboard-tv-zh-1920.png` });
    await page.close();
  }, 120_000);

  it('shows a banner when the API goes away and recovers with fresh figures when it is back', async () => {
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 }, locale: 'en-US' });
    await signIn(page);
    await page.goto(`${api.url}/?tv=1`);
    await page.getByTestId('tiles').waitFor({ timeout: 30_000 });
    await expect.poll(async () => page.getByTestId('wallboard').getAttribute('data-status'), { timeout: 30_000 }).toBe('live');
    await chartsDrawn(page);
    await page.screenshot({ path: `${ARTIFACTS}wallboard-tv-1920.png` });
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.waitForTimeout(500);
    await page.screenshot({ path: `${ARTIFACTS}wallboard-tv-1366.png` });
    await page.setViewportSize({ width: 1920, height: 1080 });

    api.child.kill('SIGKILL');
    await api.stop();
    await page.getByTestId('live-banner').waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('live-banner').getAttribute('data-kind')).toMatch(/disconnected|stale/);
    // The last figures stay on screen, marked as possibly out of date.
    expect((await shown(page)).offered).not.toBe('');
    await page.screenshot({ path: `${ARTIFACTS}wallboard-disconnected-1920.png` });

    api = await startApiProcess(env, port);
    await page.getByTestId('live-banner').waitFor({ state: 'detached', timeout: 60_000 });
    expect(await page.getByTestId('wallboard').getAttribute('data-status')).toBe('live');
    await expectTilesEqualApi(page);
    await page.close();
  }, 240_000);
});
