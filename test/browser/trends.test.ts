/**
 * The trends page end to end, in Debian's headless Chromium against the demo
 * app and its history: a manager opens a shared view of the three-ring rate by
 * day over the last 7 days against the previous period; the chart draws on a
 * canvas, the table holds exactly the figures `GET /api/v1/trends` answers
 * (each rate checked by hand against its counts), a reload restores the view
 * from the address, and the CSV export's rows are the table's rows.
 * Screenshots at 1920×1080 and 1366×768 (test/artifacts/trends-*.png).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DateTime } from 'luxon';
import Papa from 'papaparse';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DemoService, createUser } from '@callboard/api';
import { type RunningApp, startApp } from '../support/app.js';
import { type Client, PASSWORD, login } from '../support/auth.js';
import { ARTIFACTS, launchChromium } from '../support/browser.js';

const TZ = 'America/New_York';
const dir = mkdtempSync(path.join(os.tmpdir(), 'callboard-trends-browser-'));
let app: RunningApp;
let browser: Browser;
let manager: Client;

interface Row {
  bucket: string;
  value: number | null;
  offered: number;
  answered: number;
  answeredInThreshold: number;
  abandoned: number;
  shortAbandoned: number;
  timedOut: number;
}
interface Answer {
  metric: string;
  granularity: string;
  tz: string;
  from: string;
  to: string;
  rows: Row[];
  compare?: { from: string; to: string; rows: Row[] };
}

beforeAll(async () => {
  const before = await startApp({ CALLBOARD_DATA_DIR: dir, CALLBOARD_TZ: TZ });
  await createUser(before.db, { username: 'manager', password: PASSWORD, role: 'manager', displayName: 'Demo Manager' });
  await before.close();
  app = await startApp({ CALLBOARD_DATA_DIR: dir, CALLBOARD_DEMO: '1', CALLBOARD_TZ: TZ });
  await Promise.race([
    app.get(DemoService).historyDone(),
    new Promise((_, reject) => setTimeout(() => reject(new Error('the demo history took over 4 minutes')), 240_000).unref()),
  ]);
  manager = await login(app.url, 'manager', PASSWORD);
  browser = await launchChromium();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await app?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function signIn(page: Page, next: string): Promise<void> {
  await page.goto(`${app.url}/login?next=${encodeURIComponent(next)}`);
  await page.getByTestId('login-username').fill('manager');
  await page.getByTestId('login-password').fill(PASSWORD);
  await page.getByTestId('login-submit').click();
  await page.waitForURL((url) => url.pathname === '/trends');
}

async function photograph(page: Page, name: string): Promise<void> {
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.waitForTimeout(300);
  await page.screenshot({ path: `${ARTIFACTS}trends-${name}-1366.png`, fullPage: true });
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.waitForTimeout(300);
  await page.screenshot({ path: `${ARTIFACTS}trends-${name}-1920.png`, fullPage: true });
}

const count = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const percent = (fraction: number | null) => (fraction === null ? '—' : `${(fraction * 100).toFixed(1)}%`);

/** SPEC §3 by hand: answered within three rings ÷ (answered + abandoned − short abandoned + timed out). */
function threeRing(row: Row): number | null {
  const denominator = row.answered + row.abandoned - row.shortAbandoned + row.timedOut;
  return denominator > 0 ? row.answeredInThreshold / denominator : null;
}

async function tableRows(page: Page): Promise<string[][]> {
  return page
    .getByTestId('trends-row')
    .evaluateAll((rows) => rows.map((row) => [...row.querySelectorAll('th,td')].map((cell) => (cell.textContent ?? '').trim())));
}

describe('the trends page', () => {
  // The last 7 days of the center, today included.
  const today = DateTime.now().setZone(TZ).toISODate()!;
  const from = DateTime.fromISO(today).minus({ days: 6 }).toISODate()!;
  const view = '/trends?metric=threeRingRate&preset=last7Days&granularity=day&compare=previous';

  it('draws the chart and a table of exactly the figures the API answers, and exports that table as CSV', async () => {
    const reply = await manager.get(`/api/v1/trends?metric=threeRingRate&from=${from}&to=${today}&granularity=day&compare=previous`);
    expect(reply.status).toBe(200);
    const answer = reply.body as Answer;
    expect(answer.tz).toBe(TZ);
    expect(answer.rows).toHaveLength(7);
    expect(answer.rows.map((r) => r.bucket.slice(0, 10))).toEqual(
      Array.from({ length: 7 }, (_, i) => DateTime.fromISO(from).plus({ days: i }).toISODate()),
    );
    // The demo's history has calls in the period: the figures below are not all dashes.
    expect(answer.rows.reduce((sum, r) => sum + r.offered, 0)).toBeGreaterThan(0);
    for (const row of answer.rows) {
      const byHand = threeRing(row);
      if (byHand === null) expect(row.value).toBeNull();
      else expect(row.value).toBeCloseTo(byHand, 12);
    }

    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 }, locale: 'en-US', acceptDownloads: true });
    await signIn(page, view);
    await page.getByTestId('trends-row').first().waitFor();
    // ECharts draws on a canvas inside the chart's box.
    await expect.poll(() => page.locator('[data-testid="trends-chart"] canvas').count()).toBeGreaterThan(0);

    const expected = answer.rows.map((row, i) => {
      const other = answer.compare!.rows[i]!;
      return [
        row.bucket.slice(0, 10),
        percent(row.value),
        count.format(row.answeredInThreshold),
        count.format(row.answered),
        count.format(row.abandoned),
        count.format(row.shortAbandoned),
        count.format(row.timedOut),
        `${percent(threeRing(row))} = ${count.format(row.answeredInThreshold)} ÷ (${count.format(row.answered)} + ${count.format(row.abandoned)} − ${count.format(row.shortAbandoned)} + ${count.format(row.timedOut)})`,
        other.bucket.slice(0, 10),
        percent(other.value),
      ];
    });
    const shown = await tableRows(page);
    expect(shown).toEqual(expected);
    await photograph(page, 'three-ring');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('trends-export-csv').click()]);
    expect(download.suggestedFilename()).toBe(`trends-threeRingRate-day-${from}-${today}.csv`);
    const csv = readFileSync((await download.path())!, 'utf8');
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const parsed = Papa.parse<string[]>(csv.slice(1), { newline: '\r\n' }).data;
    expect(parsed.slice(1)).toEqual(shown);
    await page.close();
  });

  it('restores the view from the address after a reload', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 }, locale: 'en-US' });
    await signIn(page, '/trends');
    await page.getByTestId('trends-metric').selectOption('abandonRate');
    await page.getByTestId('trends-preset-lastMonth').click();
    await page.getByTestId('trends-granularity-week').click();
    await page.getByTestId('trends-compare-last_year').click();
    await page.waitForURL((url) => url.searchParams.get('compare') === 'last_year' && url.searchParams.get('granularity') === 'week');
    await page.getByTestId('trends-row').first().waitFor();
    const before = await tableRows(page);
    const address = new URL(page.url());
    expect(Object.fromEntries(address.searchParams)).toEqual({
      metric: 'abandonRate',
      preset: 'lastMonth',
      granularity: 'week',
      compare: 'last_year',
    });

    await page.reload();
    await page.getByTestId('trends-row').first().waitFor();
    expect(await page.getByTestId('trends-metric').inputValue()).toBe('abandonRate');
    expect(await page.getByTestId('trends-preset-lastMonth').getAttribute('aria-pressed')).toBe('true');
    expect(await page.getByTestId('trends-granularity-week').getAttribute('aria-pressed')).toBe('true');
    expect(await page.getByTestId('trends-compare-last_year').getAttribute('aria-pressed')).toBe('true');
    expect(await tableRows(page)).toEqual(before);
    // Weeks start on Monday: every row's bucket is a Monday (the first may start before the month).
    const buckets = await page.getByTestId('trends-row').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-bucket') ?? ''));
    expect(buckets.length).toBeGreaterThan(3);
    for (const bucket of buckets) expect(DateTime.fromISO(bucket, { setZone: true }).weekday).toBe(1);
    await photograph(page, 'abandon-weekly');
    await page.close();
  });
});
