/**
 * The QA workspace end to end, in Debian's headless Chromium against the demo
 * app and its QA sample: a reviewer opens an assigned call, plays the audio,
 * jumps from a finding to its moment, scores the call and submits; the agent
 * sees the result and disputes it; the lead adjusts it; the summary shows the
 * agent's new mean. Every screen is photographed at 1920×1080 and 1366×768
 * (test/artifacts/qa-*.png).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DateTime } from 'luxon';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DemoService, createUser } from '@callboard/api';
import type { EvaluationDetail, EvaluationSummary, QaFormList } from '@callboard/api/wire';
import { type RunningApp, startApp } from '../support/app.js';
import { type Client, PASSWORD, login } from '../support/auth.js';
import { ARTIFACTS, launchChromium } from '../support/browser.js';

const TZ = 'Asia/Shanghai';
/** The agent the demo's `agent` sign-in is. */
const AGENT_ID = 'agent-01';
const dir = mkdtempSync(path.join(os.tmpdir(), 'callboard-qa-browser-'));
let app: RunningApp;
let browser: Browser;
let lead: Client;

type Form = QaFormList['forms'][number];
type Answer = EvaluationDetail['answers'][number];

beforeAll(async () => {
  // The QA accounts exist before the demo, with passwords the test knows; the demo keeps them.
  const before = await startApp({ CALLBOARD_DATA_DIR: dir, CALLBOARD_TZ: TZ });
  await createUser(before.db, { username: 'qalead', password: PASSWORD, role: 'qa_lead', displayName: 'Demo QA Lead' });
  await createUser(before.db, { username: 'reviewer', password: PASSWORD, role: 'qa_reviewer', displayName: 'Demo QA Reviewer' });
  await createUser(before.db, { username: 'agent', password: PASSWORD, role: 'agent', displayName: 'Demo Agent', agentId: AGENT_ID });
  await createUser(before.db, { username: 'manager', password: PASSWORD, role: 'manager', displayName: 'Demo Manager' });
  await before.close();
  app = await startApp({ CALLBOARD_DATA_DIR: dir, CALLBOARD_DEMO: '1', CALLBOARD_TZ: TZ });
  await Promise.race([
    app.get(DemoService).historyDone(),
    new Promise((_, reject) => setTimeout(() => reject(new Error('the demo history took over 4 minutes')), 240_000).unref()),
  ]);
  lead = await login(app.url, 'qalead', PASSWORD);
  browser = await launchChromium();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await app?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function signIn(page: Page, username: string): Promise<void> {
  await page.goto(`${app.url}/login`);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(PASSWORD);
  await page.getByTestId('login-submit').click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}

/** Both sizes the screens are made for; the page is left at 1920×1080. */
async function photograph(page: Page, name: string): Promise<void> {
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.waitForTimeout(300);
  await page.screenshot({ path: `${ARTIFACTS}qa-${name}-1366.png` });
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.waitForTimeout(300);
  await page.screenshot({ path: `${ARTIFACTS}qa-${name}-1920.png` });
}

async function evaluation(id: string): Promise<EvaluationDetail> {
  const r = await lead.get(`/api/v1/qa/evaluations/${id}`);
  expect(r.status).toBe(200);
  return r.body as EvaluationDetail;
}

/**
 * SPEC §5 by hand: an item earns points ÷ max (yes 1, no 0), N/A leaves the
 * denominator; a section is the weighted mean of its items, the total the
 * weighted mean of the sections, on 0–100; a failed critical item makes the
 * score 0.
 */
function expectedScore(form: Form, answers: readonly Answer[]): number {
  const byItem = new Map(answers.map((a) => [a.itemId, a.value]));
  let total = 0;
  let totalWeight = 0;
  let failedCritical = false;
  for (const section of form.sections) {
    let sum = 0;
    let weight = 0;
    for (const item of section.items) {
      const value = byItem.get(item.id);
      if (value === 'na' || value === undefined) continue;
      const fraction = typeof value === 'boolean' ? (value ? 1 : 0) : value / item.max!;
      if (item.critical && fraction === 0) failedCritical = true;
      sum += item.weight * fraction;
      weight += item.weight;
    }
    if (weight === 0) continue;
    total += section.weight * ((100 * sum) / weight);
    totalWeight += section.weight;
  }
  return failedCritical ? 0 : total / totalWeight;
}

const near = (a: number, b: number) => Math.abs(a - b) < 0.05;

describe('the QA workspace', () => {
  let evaluationId: string;
  let form: Form;
  /** The non-critical yes/no item the reviewer fails and the lead then passes. */
  let failedItem: string;
  let submittedScore: number;

  it('a reviewer opens an assigned call, plays it, jumps to a finding, scores it and submits', async () => {
    const reviewer = await login(app.url, 'reviewer', PASSWORD);
    const assigned = (await reviewer.get('/api/v1/qa/evaluations?reviewer=me&status=assigned')).body.evaluations as EvaluationSummary[];
    const target = assigned.filter((e) => e.agentId === AGENT_ID).sort((a, b) => a.id.localeCompare(b.id))[0];
    expect(target, `an assigned evaluation of ${AGENT_ID}`).toBeDefined();
    evaluationId = target!.id;
    const detail = await evaluation(evaluationId);
    form = detail.form;
    expect(detail.recording).not.toBeNull();
    const finding = detail.findings.find((f) => !f.passed && f.evidence.length > 0) ?? detail.findings.find((f) => f.evidence.length > 0);
    expect(finding, 'a finding with evidence').toBeDefined();

    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 }, locale: 'en-US' });
    await signIn(page, 'reviewer');
    await page.waitForURL(/\/qa\/reviews/);
    await page.getByTestId('qa-review-row').first().waitFor({ timeout: 30_000 });
    const progress = await page.getByTestId('qa-review-progress').textContent();
    const mine = (await reviewer.get('/api/v1/qa/evaluations?reviewer=me&limit=1000')).body.evaluations as EvaluationSummary[];
    const done = mine.filter((e) => !['assigned', 'draft'].includes(e.status)).length;
    expect(progress).toContain(`${done} of ${mine.length}`);
    await photograph(page, 'reviews');

    await page.locator(`[data-testid="qa-review-row"][data-evaluation-id="${evaluationId}"]`).click();
    await page.waitForURL(new RegExp(`/qa/evaluations/${evaluationId}`));
    await page.getByTestId('qa-waveform').locator('canvas, div').first().waitFor({ timeout: 30_000 });
    const seconds = async () => Number(await page.getByTestId('qa-player-time').getAttribute('data-seconds'));

    // Play: the position moves on.
    await page.getByTestId('qa-player-play').click();
    await expect.poll(seconds, { timeout: 15_000 }).toBeGreaterThan(0.5);
    await page.getByTestId('qa-player-play').click();

    // A finding jumps to its moment.
    const start = finding!.evidence[0]!.startS;
    await page.locator(`[data-testid="qa-finding"][data-rule-id="${finding!.ruleId}"]`).first().click();
    await expect.poll(async () => Math.abs((await seconds()) - start), { timeout: 10_000 }).toBeLessThan(0.5);
    // So does a transcript line.
    const line = detail.transcript![detail.transcript!.length - 1]!;
    await page.locator(`[data-testid="qa-transcript-line"][data-start-s="${line.startS}"]`).click();
    await expect.poll(async () => Math.abs((await seconds()) - line.startS), { timeout: 10_000 }).toBeLessThan(0.5);

    // Every item passes except one yes/no item that is not critical.
    const items = form.sections.flatMap((s) => s.items);
    failedItem = items.find((i) => i.type === 'yes_no' && !i.critical)!.id;
    const answers: Answer[] = [];
    for (const item of items) {
      const row = page.locator(`[data-testid="qa-form-item"][data-item-id="${item.id}"]`);
      if (item.id === failedItem) {
        await row.getByTestId('qa-answer-no').click();
        answers.push({ itemId: item.id, value: false });
      } else if (item.type === 'yes_no') {
        await row.getByTestId('qa-answer-yes').click();
        answers.push({ itemId: item.id, value: true });
      } else {
        await row.getByTestId(`qa-answer-scale-${item.max}`).click();
        answers.push({ itemId: item.id, value: item.max! });
      }
    }
    const expected = expectedScore(form, answers);
    expect(expected).toBeLessThan(100);
    expect(near(Number(await page.getByTestId('qa-live-score').getAttribute('data-score')), expected)).toBe(true);
    await expect.poll(async () => (await evaluation(evaluationId)).status, { timeout: 15_000 }).toBe('draft');
    await photograph(page, 'evaluation');

    await page.getByTestId('qa-submit').click();
    await page.getByTestId('qa-submit-confirm').click();
    await expect.poll(async () => (await evaluation(evaluationId)).status, { timeout: 15_000 }).toBe('submitted');
    const stored = await evaluation(evaluationId);
    submittedScore = stored.score!;
    expect(near(submittedScore, expected)).toBe(true);
    expect(stored.answers.find((a) => a.itemId === failedItem)?.value).toBe(false);
    await page.close();
  }, 240_000);

  it('the agent sees the result and disputes it', async () => {
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 }, locale: 'en-US' });
    await signIn(page, 'agent');
    await page.waitForURL(/\/qa\/mine/);
    const link = page.locator(`a[href$="/qa/evaluations/${evaluationId}"]`).first();
    await link.waitFor({ timeout: 30_000 });
    await photograph(page, 'mine');
    await link.click();
    await page.getByTestId('qa-dispute').click();
    await page.getByTestId('qa-dispute-reason').fill('I did offer further help before closing: listen from 0:40.');
    await page.getByTestId('qa-dispute-send').click();
    await expect.poll(async () => (await evaluation(evaluationId)).status, { timeout: 15_000 }).toBe('disputed');
    expect((await evaluation(evaluationId)).disputeReason).toBe('I did offer further help before closing: listen from 0:40.');
    await photograph(page, 'agent-evaluation');
    await page.close();
  }, 120_000);

  it('the lead adjusts it, and the summary shows the new mean', async () => {
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 }, locale: 'en-US' });
    await signIn(page, 'qalead');
    await page.goto(`${app.url}/qa/disputes`);
    const row = page.locator(`[data-testid="qa-dispute-row"][data-evaluation-id="${evaluationId}"]`);
    await row.waitFor({ timeout: 30_000 });
    await photograph(page, 'disputes');
    await row.locator('a').first().click();
    await page.waitForURL(new RegExp(`/qa/evaluations/${evaluationId}`));
    await page.getByTestId('qa-resolve-adjust').click();
    await page
      .getByTestId('qa-dispute-resolution')
      .locator(`[data-testid="qa-form-item"][data-item-id="${failedItem}"]`)
      .getByTestId('qa-answer-yes')
      .click();
    await page.getByTestId('qa-resolve-send').click();
    const confirm = page.getByTestId('qa-resolve-confirm');
    if (await confirm.isVisible().catch(() => false)) await confirm.click();
    await expect.poll(async () => (await evaluation(evaluationId)).status, { timeout: 15_000 }).toBe('resolved');
    const resolved = await evaluation(evaluationId);
    expect(resolved.outcome).toBe('adjusted');
    expect(resolved.versions.map((v) => v.kind)).toEqual(['submitted', 'adjusted']);
    expect(near(resolved.score!, expectedScore(form, resolved.answers))).toBe(true);
    expect(resolved.score!).toBeGreaterThan(submittedScore);
    await page.getByTestId('qa-version').first().waitFor({ timeout: 10_000 });
    await photograph(page, 'resolved');

    // The agent's mean over the calls' week, by hand from their scored evaluations.
    const offered = DateTime.fromISO(resolved.offeredAt).setZone(TZ);
    const from = offered.startOf('week').toISODate()!;
    const to = offered.endOf('week').toISODate()!;
    const scored = (
      (await lead.get(`/api/v1/qa/evaluations?agent=${AGENT_ID}&from=${from}&to=${to}&limit=1000`)).body.evaluations as EvaluationSummary[]
    ).filter((e) => e.score !== null);
    const mean = scored.reduce((s, e) => s + e.score!, 0) / scored.length;
    expect(scored.map((e) => e.id)).toContain(evaluationId);

    await page.goto(`${app.url}/qa/summary?period=custom&from=${from}&to=${to}`);
    const summaryRow = page.locator(`[data-testid="qa-summary-row"][data-key="${AGENT_ID}"]`);
    await summaryRow.waitFor({ timeout: 30_000 });
    expect(Math.abs(Number(await summaryRow.getAttribute('data-mean')) - mean)).toBeLessThan(0.05);
    await page.getByTestId('qa-summary-chart').locator('canvas').first().waitFor({ timeout: 10_000 });
    await photograph(page, 'summary');

    for (const tab of ['calibrations', 'forms', 'sampling']) {
      await page.getByTestId(`qa-tab-${tab}`).click();
      await page.waitForURL(new RegExp(`/qa/${tab}`));
      await page.waitForLoadState('networkidle');
      await photograph(page, tab);
    }
    // The demo's calibration: the lead has scored, the reviewer not yet.
    await page.getByTestId('qa-tab-calibrations').click();
    const calibration = page.locator('a[href*="/qa/calibrations/"]').first();
    await calibration.waitFor({ timeout: 10_000 });
    await calibration.click();
    await page.waitForURL(/\/qa\/calibrations\/.+/);
    await page.waitForLoadState('networkidle');
    await photograph(page, 'calibration');
    await page.close();
  }, 180_000);

  it('the wallboard carries this week’s QA tile for a manager', async () => {
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 }, locale: 'en-US' });
    await signIn(page, 'manager');
    await page.getByTestId('qa-tile').waitFor({ timeout: 30_000 });
    const progress = (await lead.get('/api/v1/qa/progress')).body as { done: number; planned: number };
    expect(await page.getByTestId('qa-tile').textContent()).toContain(`${progress.done}`);
    await photograph(page, 'wallboard-tile');
    await page.close();
  }, 120_000);
});
