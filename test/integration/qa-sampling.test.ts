/**
 * Sampling plans and their weekly runs through the real app: the previous
 * Monday–Sunday of the center, once per plan and week, assigned evenly to
 * every active qa_reviewer; a later run never draws an evaluated call again.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QaService, createUser } from '@callboard/api';
import { type RunningApp, startApp } from '../support/app.js';
import { type Client, PASSWORD, type Principals, login, signInEveryRole } from '../support/auth.js';
import { eventsOn, localDay, postAndAwaitCalls } from '../support/qa-calls.js';

const DAY_MS = 86_400_000;
const day = localDay(2);
const { call } = eventsOn(day, 'wk');
/** The Monday of the week holding `day`, and its Sunday. */
const sinceMonday = (new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7;
const monday = new Date(Date.parse(`${day}T00:00:00Z`) - sinceMonday * DAY_MS).toISOString().slice(0, 10);
const sunday = new Date(Date.parse(`${monday}T00:00:00Z`) + 6 * DAY_MS).toISOString().slice(0, 10);
/** Noon (Shanghai) of the Monday after: the week of `day` is then the one before. */
const nextMondayNoon = new Date(Date.parse(`${monday}T12:00:00+08:00`) + 7 * DAY_MS);

/** Three recorded calls each (40–90 s of talk): agent-001 in general, agent-002 in billing. */
const EVENTS = [
  ...call('w1', 'general', 'agent-001', '09:00:00', 40),
  ...call('w2', 'general', 'agent-001', '09:10:00', 50),
  ...call('w3', 'general', 'agent-001', '09:20:00', 60),
  ...call('w4', 'billing', 'agent-002', '09:30:00', 70),
  ...call('w5', 'billing', 'agent-002', '09:40:00', 80),
  ...call('w6', 'billing', 'agent-002', '09:50:00', 90),
];

let app: RunningApp;
let principals: Principals;
let lead: Client;
let reviewerIds: string[];
let planId: string;

beforeAll(async () => {
  app = await startApp();
  principals = await signInEveryRole(app);
  lead = principals.byRole.qa_lead!;
  await createUser(app.db, { username: 'reviewer2', role: 'qa_reviewer', password: PASSWORD });
  const reviewer2 = await login(app.url, 'reviewer2', PASSWORD);
  // A disabled reviewer gets nothing.
  await createUser(app.db, { username: 'gone', role: 'qa_reviewer', password: PASSWORD });
  const users = await principals.byRole.admin!.get('/api/v1/users');
  const gone = users.body.users.find((u: { username: string }) => u.username === 'gone');
  expect((await principals.byRole.admin!.request('PATCH', `/api/v1/users/${gone.id}`, { disabled: true })).status).toBe(200);
  reviewerIds = [principals.byRole.qa_reviewer!.session!.user!.id, reviewer2.session!.user!.id].sort();
  await postAndAwaitCalls(app, EVENTS, 6);
}, 60_000);

afterAll(async () => {
  await app?.close();
});

describe('sampling plans', () => {
  it('are created by a lead, with bounds', async () => {
    expect((await lead.post('/api/v1/qa/sampling/plans', { name: '' })).body).toMatchObject({ field: 'name' });
    expect((await lead.post('/api/v1/qa/sampling/plans', { name: 'weekly', perAgent: 0 })).body).toMatchObject({ field: 'perAgent' });
    expect((await principals.byRole.qa_reviewer!.post('/api/v1/qa/sampling/plans', { name: 'weekly' })).status).toBe(403);
    const quotas = { complaint: 0, dissatisfied: 0, long_handle: 0, transferred: 0 };
    const r = await lead.post('/api/v1/qa/sampling/plans', { name: 'weekly', perAgent: 2, quotas });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({
      name: 'weekly',
      period: 'week',
      perAgent: 2,
      quotas,
      reviewers: null,
      formId: 'etiquette',
      active: true,
    });
    planId = r.body.id;
    expect((await lead.get('/api/v1/qa/sampling/plans')).body.plans.map((p: { id: string }) => p.id)).toEqual([planId]);
  });
});

describe('the weekly run', () => {
  /** Two calls of three per agent: four evaluations, alternating between the two active reviewers (in id order): two each. */
  it('samples the previous week once per plan, evenly over the active reviewers', async () => {
    const qa = app.get(QaService);
    const done = await qa.runWeeklyPlans(nextMondayNoon);
    expect(done.failures).toEqual([]);
    expect(done.runs).toHaveLength(1);
    expect(await qa.runWeeklyPlans(nextMondayNoon)).toEqual({ runs: [], failures: [] });
    const run = await lead.get(`/api/v1/qa/sampling/runs/${done.runs[0]}`);
    expect(run.body).toMatchObject({
      kind: 'weekly',
      planId,
      from: monday,
      to: sunday,
      seed: `${planId}:${monday}`,
      calls: 6,
      shortfalls: [],
    });
    expect(run.body.reviewers).toEqual(reviewerIds);
    const evaluations = run.body.evaluations as { callId: string; agentId: string; reviewerId: string; reason: string }[];
    expect(evaluations.map((e) => e.agentId)).toEqual(['agent-001', 'agent-001', 'agent-002', 'agent-002']);
    expect(evaluations.every((e) => e.reason === 'random')).toBe(true);
    expect(evaluations.filter((e) => e.reviewerId === reviewerIds[0])).toHaveLength(2);
    expect(evaluations.filter((e) => e.reviewerId === reviewerIds[1])).toHaveLength(2);
    // Drawn again from what the run stored, the sample is the same four calls; with another seed it is not.
    const redraw = await lead.get(`/api/v1/qa/sampling/runs/${done.runs[0]}/redraw`);
    expect(redraw.status).toBe(200);
    expect(redraw.body.same).toBe(true);
    const key = (p: { callId: string; agentId: string; reason: string }) => `${p.callId}/${p.agentId}/${p.reason}`;
    expect(redraw.body.picks.map(key).sort()).toEqual(evaluations.map(key).sort());
    // A run whose stored calls no longer hold one of its picks cannot be reproduced, and says so.
    const gone = evaluations[0]!.callId;
    await app.db.query(
      `UPDATE qa_sampling_runs SET calls = (SELECT jsonb_agg(c) FROM jsonb_array_elements(calls) c WHERE c->>'callId' <> $2) WHERE id = $1`,
      [done.runs[0], gone],
    );
    const tampered = await lead.get(`/api/v1/qa/sampling/runs/${done.runs[0]}/redraw`);
    expect(tampered.body.same).toBe(false);
    expect(tampered.body.picks.map((p: { callId: string }) => p.callId)).not.toContain(gone);
    expect((await lead.get('/api/v1/qa/sampling/runs/00000000-0000-0000-0000-000000000000/redraw')).status).toBe(404);
    expect((await principals.byRole.qa_reviewer!.get(`/api/v1/qa/sampling/runs/${done.runs[0]}/redraw`)).status).toBe(403);
    const listed = await lead.get('/api/v1/qa/sampling/runs');
    expect(listed.body.runs.map((r: { id: string; kind: string; evaluationCount: number }) => [r.id, r.kind, r.evaluationCount])).toEqual([
      [done.runs[0], 'weekly', 4],
    ]);
  });

  /** One call per agent is left: a run asking two each picks it and reports the shortfall (wanted 2, picked 1). */
  it('leaves evaluated calls out of later runs and reports the shortfall', async () => {
    const r = await lead.post('/api/v1/qa/sampling/runs', {
      from: day,
      to: day,
      perAgent: 2,
      quotas: { complaint: 0, dissatisfied: 0, long_handle: 0, transferred: 0 },
    });
    expect(r.status).toBe(201);
    expect(r.body.evaluations.map((e: { agentId: string }) => e.agentId)).toEqual(['agent-001', 'agent-002']);
    expect(r.body.shortfalls).toEqual([
      { agentId: 'agent-001', periodStart: monday, wanted: 2, picked: 1 },
      { agentId: 'agent-002', periodStart: monday, wanted: 2, picked: 1 },
    ]);
    const all = await lead.get('/api/v1/qa/evaluations');
    expect(all.body.evaluations.map((e: { callId: string }) => e.callId).sort()).toEqual(['w1', 'w2', 'w3', 'w4', 'w5', 'w6']);
  });
});
