/**
 * The app as `npm start` runs it (embedded database, in-process log, simulator),
 * in Debian's headless Chromium: the first page shows non-zero counts read from
 * TimescaleDB. Screenshots go to test/artifacts/.
 */
import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type Browser, chromium } from 'playwright-core';
import { type RunningApp, startApp } from '../support/app.js';

const ARTIFACTS = new URL('../artifacts/', import.meta.url).pathname;
let app: RunningApp;
let browser: Browser;

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  app = await startApp({ CALLBOARD_DEMO: '1' });
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

it("shows today's simulated counts per queue, marked as demo data", async () => {
  const page = await browser.newPage({ viewport: { width: 1920, height: 1080 }, locale: 'en-US' });
  await page.goto(app.url);
  await page.getByTestId('today-table').waitFor({ timeout: 30_000 });
  const offered = page.getByTestId('today-total-offered');
  await expect.poll(async () => Number((await offered.textContent())?.replace(/[^\d]/g, '') || 0), { timeout: 60_000, interval: 500 }).toBeGreaterThan(0);
  await expect.poll(async () => page.locator('[data-testid^="today-row-"]').count(), { timeout: 10_000 }).toBeGreaterThan(0);
  expect(await page.getByTestId('demo-badge').isVisible()).toBe(true);

  // The page shows what the database holds (it may have moved on by a refresh; never ahead of it).
  const api = (await (await fetch(`${app.url}/api/v1/today`)).json()) as { totals: { offered: number } };
  const shown = Number((await offered.textContent())!.replace(/[^\d]/g, ''));
  expect(shown).toBeGreaterThan(0);
  expect(shown).toBeLessThanOrEqual(api.totals.offered);
  await page.screenshot({ path: `${ARTIFACTS}wallboard-1920.png` });
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.screenshot({ path: `${ARTIFACTS}wallboard-1366.png` });
  await page.close();
}, 120_000);
