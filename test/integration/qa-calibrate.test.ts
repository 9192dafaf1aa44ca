/**
 * Blind calibration through the real app: a lead and two reviewers score one
 * call; nobody sees another's answers until all three have submitted; then
 * Fleiss' kappa per item and overall and each reviewer's deviation from the
 * lead, worked out by hand below. Then the QA demo data on the same calls.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QaService, createUser, seedQaDemo } from '@callboard/api';
import { type RunningApp, startApp } from '../support/app.js';
import { type Client, PASSWORD, type Principals, login, signInEveryRole } from '../support/auth.js';
import { FULL_MARKS, answerList, eventsOn, localDay, postAndAwaitCalls } from '../support/qa-calls.js';

const day = localDay(2);
const { call } = eventsOn(day, 'cal');

/** agent-001 answers k1–k4 in queue general, agent-002 k5 and k6 in billing; all recorded, 40–90 s of talk. */
const EVENTS = [
  ...call('k1', 'general', 'agent-001', '09:00:00', 40),
  ...call('k2', 'general', 'agent-001', '09:10:00', 50),
  ...call('k3', 'general', 'agent-001', '09:20:00', 60),
  ...call('k4', 'general', 'agent-001', '09:30:00', 70),
  ...call('k5', 'billing', 'agent-002', '09:40:00', 80),
  ...call('k6', 'billing', 'agent-002', '09:50:00', 90),
];

/** The lead gives full marks. */
const LEAD = FULL_MARKS;
/** Reviewer 1: no greeting, 请/您 1 of 2 → opening (0 + 1 + 1) ÷ 4 → 10, courtesy 5.5 ÷ 6 → 27.5, the rest full (50): 87.5. */
const R1 = { ...FULL_MARKS, greeting: false, please_you: 1 };
/** Reviewer 2: no greeting, recording notice N/A → opening 1 ÷ 3 → 6.67, the rest full (80): 86.67. */
const R2 = { ...FULL_MARKS, greeting: false, recording_notice: 'na' as const };

let app: RunningApp;
let principals: Principals;
let lead: Client, reviewer1: Client, reviewer2: Client, reviewer3: Client;
let r1: string, r2: string, leadId: string;
let calibrationId: string;

beforeAll(async () => {
  app = await startApp();
  principals = await signInEveryRole(app);
  lead = principals.byRole.qa_lead!;
  reviewer1 = principals.byRole.qa_reviewer!;
  await createUser(app.db, { username: 'reviewer2', role: 'qa_reviewer', password: PASSWORD });
  await createUser(app.db, { username: 'reviewer3', role: 'qa_reviewer', password: PASSWORD });
  reviewer2 = await login(app.url, 'reviewer2', PASSWORD);
  reviewer3 = await login(app.url, 'reviewer3', PASSWORD);
  [r1, r2, leadId] = [reviewer1, reviewer2, lead].map((c) => c.session!.user!.id) as [string, string, string];
  await postAndAwaitCalls(app, EVENTS, 6);
}, 60_000);

afterAll(async () => {
  await app?.close();
});

describe('calibration', () => {
  it('is started by a lead over one call for several reviewers', async () => {
    expect((await lead.post('/api/v1/qa/calibrations', { callId: 'nope', reviewers: [r1, r2] })).body).toMatchObject({ field: 'callId' });
    expect((await reviewer1.post('/api/v1/qa/calibrations', { callId: 'k1', reviewers: [r1, r2] })).status).toBe(403);
    const r = await lead.post('/api/v1/qa/calibrations', { callId: 'k1', reviewers: [r1, r2] });
    expect(r.status).toBe(201);
    calibrationId = r.body.id;
    expect(r.body).toMatchObject({ callId: 'k1', leadId, reviewers: [r1, r2], submitted: [], complete: false, scores: null, kappa: null });
    expect((await reviewer3.get(`/api/v1/qa/calibrations/${calibrationId}`)).status).toBe(404);
  });

  it('hides everyone’s answers until all have scored, and takes each score once', async () => {
    const path = `/api/v1/qa/calibrations/${calibrationId}`;
    const first = await reviewer1.request('PUT', `${path}/scores`, { answers: answerList(R1) });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ submitted: [r1], complete: false, scores: null, items: null, deviations: null });
    expect(first.body.mine).toEqual(answerList(R1));
    expect((await reviewer1.request('PUT', `${path}/scores`, { answers: answerList(R1) })).status).toBe(409);
    const incomplete = await reviewer2.request('PUT', `${path}/scores`, { answers: answerList({ greeting: true }) });
    expect(incomplete.status).toBe(400);
    expect(incomplete.body.field).toMatch(/^answers\./);
    const second = await reviewer2.request('PUT', `${path}/scores`, { answers: answerList(R2) });
    expect(second.body).toMatchObject({ complete: false, scores: null });
    expect(second.body.mine).toEqual(answerList(R2));
    expect((await reviewer3.request('PUT', `${path}/scores`, { answers: answerList(R2) })).status).toBe(404);
    expect((await reviewer1.get(path)).body).toMatchObject({ complete: false, scores: null, mine: answerList(R1) });
  });

  /**
   * Ratings (lead, r1, r2) differ on three items — greeting (true, false, false),
   * please_you (2, 1, 2), recording_notice (true, true, na) — each a 2–1 split:
   * P = (2·1 + 1·0) ÷ (3·2) = 1/3, Pe = (2/3)² + (1/3)² = 5/9, κ = (1/3 − 5/9) ÷ (4/9) = −0.5.
   * The other 11 items are unanimous (κ undefined: null).
   * Overall, 14 items × 3 ratings: P̄ = (11 + 3 · 1/3) ÷ 14 = 6/7; categories true 30, 2 8, false 2, 1 1, na 1 of 42:
   * Pe = (900 + 64 + 4 + 1 + 1) ÷ 1764 = 970/1764, κ = (1512 − 970) ÷ (1764 − 970) = 542/794 = 0.6826.
   * Deviation from the lead: r1 (100 + 50) ÷ 14 items = 10.71; r2 100 ÷ 13 items = 7.69, recording_notice an N/A mismatch.
   */
  it('shows scores, kappa per item and overall, and each reviewer’s deviation from the lead once all have scored', async () => {
    const r = await lead.request('PUT', `/api/v1/qa/calibrations/${calibrationId}/scores`, { answers: answerList(LEAD) });
    expect(r.status).toBe(200);
    expect(r.body.complete).toBe(true);
    const scores = Object.fromEntries(r.body.scores.map((s: { userId: string; score: number }) => [s.userId, s.score]));
    expect(scores[leadId]).toBe(100);
    expect(scores[r1]).toBeCloseTo(87.5, 9);
    expect(scores[r2]).toBeCloseTo(86.667, 2);
    const kappa = Object.fromEntries(r.body.items.map((i: { itemId: string; kappa: number | null }) => [i.itemId, i.kappa]));
    expect(kappa.greeting).toBeCloseTo(-0.5, 9);
    expect(kappa.please_you).toBeCloseTo(-0.5, 9);
    expect(kappa.recording_notice).toBeCloseTo(-0.5, 9);
    expect(kappa.farewell).toBeNull();
    expect(r.body.items.find((i: { itemId: string }) => i.itemId === 'please_you').ratings).toEqual({
      [leadId]: '2',
      [r1]: '1',
      [r2]: '2',
    });
    expect(r.body.kappa).toBeCloseTo(542 / 794, 9);
    const deviation = Object.fromEntries(r.body.deviations.map((d: { reviewerId: string }) => [d.reviewerId, d]));
    expect(deviation[r1]).toMatchObject({ comparedItems: 14, naMismatches: [] });
    expect(deviation[r1].meanAbsoluteDifference).toBeCloseTo(150 / 14, 9);
    expect(deviation[r2]).toMatchObject({ comparedItems: 13, naMismatches: ['recording_notice'] });
    expect(deviation[r2].meanAbsoluteDifference).toBeCloseTo(100 / 13, 9);
    // Now every participant sees the results.
    expect((await reviewer2.get(`/api/v1/qa/calibrations/${calibrationId}`)).body.kappa).toBeCloseTo(542 / 794, 9);
  });
});

describe('demo data', () => {
  /**
   * Two per agent plus four quota places that no call fills (random picks
   * instead): agent-001 all of k1–k4, agent-002 k5 and k6 — six evaluations,
   * listed by agent and time. Their statuses by position: acknowledged,
   * disputed, disputed, open, acknowledged, submitted. No call has a
   * transcript, so the open place goes to the call the reviewer's queue shows
   * last — the latest call of an agent other than the demo account's
   * (agent-001): k6; the rest fill the other places in order.
   */
  it('samples the period and leaves evaluations in every state', async () => {
    const qa = app.get(QaService);
    expect(await seedQaDemo(qa, { from: day, to: day })).toEqual({ evaluations: 6, submitted: 5, acknowledged: 2, disputed: 2 });
    expect(await seedQaDemo(qa, { from: day, to: day })).toBeNull();
    const all = await lead.get('/api/v1/qa/evaluations');
    const status = Object.fromEntries(all.body.evaluations.map((e: { callId: string; status: string }) => [e.callId, e.status]));
    expect(status).toEqual({
      k1: 'acknowledged',
      k2: 'disputed',
      k3: 'disputed',
      k4: 'acknowledged',
      k5: 'submitted',
      k6: 'assigned',
    });
    const agent = await principals.byRole.agent!.get('/api/v1/qa/evaluations');
    expect(agent.body.evaluations.map((e: { callId: string }) => e.callId).sort()).toEqual(['k1', 'k2', 'k3', 'k4']);
  });
});
