/**
 * The QA workflow through the real app (embedded TimescaleDB, in-process log):
 * calls posted as events → a sampling run assigned to reviewers → drafts,
 * submits (immutable after), an agent's acknowledgement and dispute, a lead's
 * adjustment as a new version → the summary with margins of error. Every
 * score and margin is worked out by hand below.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '@callboard/api';
import { drawSample, type SampleCall, type SamplingPlan } from '@callboard/qa';
import { type RunningApp, startApp } from '../support/app.js';
import { type Client, PASSWORD, type Principals, login, signInEveryRole } from '../support/auth.js';
import { FULL_MARKS, answerList, eventsOn, localDay, postAndAwaitCalls } from '../support/qa-calls.js';

const COMPANY = '星河客服中心';

/** Two days ago in Asia/Shanghai (the test center's zone): within the accepted window, never in the future. */
const day = localDay(2);
const { ev, call } = eventsOn(day);

/**
 * agent-001 (team-a, queue general): c1 a complaint (60 s talk), c2 (45 s);
 * c3 too short (20 s) and c4 not recorded are not eligible.
 * agent-002 (team-b, queue billing): c5 (40 s), c6 (100 s).
 */
const EVENTS = [
  ev('agent.state', '09:00:00', { agentId: 'agent-001', state: 'available', team: 'team-a', name: 'Li' }),
  ev('agent.state', '09:00:00', { agentId: 'agent-002', state: 'available', team: 'team-b', name: 'Wang' }),
  ...call('c1', 'general', 'agent-001', '10:00:00', 60, { category: 'complaint' }),
  ...call('c2', 'general', 'agent-001', '10:10:00', 45),
  ...call('c3', 'general', 'agent-001', '10:20:00', 20),
  ...call('c4', 'general', 'agent-001', '10:30:00', 90, { recorded: false }),
  ...call('c5', 'billing', 'agent-002', '11:00:00', 40),
  ...call('c6', 'billing', 'agent-002', '11:10:00', 100),
  ev('call.transcript', '10:02:00', {
    callId: 'c1',
    segments: [
      { speaker: 'agent', startS: 0, endS: 3, text: `您好，${COMPANY}，请问您怎么称呼？` },
      { speaker: 'customer', startS: 3.5, endS: 8, text: '我姓张，我要投诉。' },
      { speaker: 'agent', startS: 8.5, endS: 12, text: '张先生您好，非常抱歉给您带来不便。' },
      { speaker: 'agent', startS: 55, endS: 58, text: '感谢您的来电，再见。' },
    ],
  }),
];

const FULL = FULL_MARKS;
const list = answerList;

/**
 * Evaluation A (c1): opening (2·1 + 1·0) ÷ 3 = 66.67 (recording notice N/A);
 * courtesy (0.5 + 2 + 2 + 1) ÷ 6 = 91.67; handling (2 + 1) ÷ 3 = 100 (transfer N/A);
 * closing 2 ÷ 3 = 66.67; record 100 → (20·2/3 + 30·11/12 + 30 + 10·2/3 + 10) ÷ 100 = 87.5.
 */
const A = { ...FULL, identity: false, recording_notice: 'na' as const, please_you: 1, category_transfer: 'na' as const, summary: false };
/** The lead's adjustment: 请/您 full → courtesy 100 → 87.5 + 30·(1/12) = 90. */
const A_ADJUSTED = { ...A, please_you: 2 };
/** Evaluation B (c2): the critical no_forbidden_phrase fails → score 0; raw: courtesy 4 ÷ 6 → 20 + 30·2/3 + 30 + 10 + 10 = 90. */
const B = { ...FULL, no_forbidden_phrase: false };

let app: RunningApp;
let principals: Principals;
let admin: Client, lead: Client, reviewer1: Client, reviewer3: Client, agent: Client, supervisor: Client, manager: Client;
let runId: string;
const byCall: Record<string, { id: string; reviewerId: string; reason: string; fillsFor: string | null }> = {};

beforeAll(async () => {
  app = await startApp({ CALLBOARD_COMPANY_NAME: COMPANY, CALLBOARD_TZ: 'Asia/Shanghai' });
  principals = await signInEveryRole(app);
  const as = (role: string) => principals.byRole[role]!;
  [admin, lead, reviewer1, agent, supervisor, manager] = ['admin', 'qa_lead', 'qa_reviewer', 'agent', 'supervisor', 'manager'].map(as) as [
    Client,
    Client,
    Client,
    Client,
    Client,
    Client,
  ];
  // A reviewer who is also agent-002: never given agent-002's calls.
  await createUser(app.db, { username: 'reviewer3', role: 'qa_reviewer', agentId: 'agent-002', password: PASSWORD });
  reviewer3 = await login(app.url, 'reviewer3', PASSWORD);
  await postAndAwaitCalls(app, EVENTS, 6, "recording_url IS NOT NULL OR call_id = 'c4'");
}, 60_000);

afterAll(async () => {
  await app?.close();
});

describe('a sampling run', () => {
  it('draws the quotas and random calls per agent and assigns them, never to the agent themself', async () => {
    const bad = await lead.post('/api/v1/qa/sampling/runs', { from: day, to: '2020-01-01' });
    expect(bad).toMatchObject({ status: 400, body: { field: 'from' } });
    const r1 = reviewer1.session!.user!.id;
    const r3 = reviewer3.session!.user!.id;
    const r = await lead.post('/api/v1/qa/sampling/runs', {
      from: day,
      to: day,
      perAgent: 1,
      seed: 'week-1',
      quotas: { complaint: 1, dissatisfied: 0, long_handle: 0, transferred: 0 },
      reviewers: [r1, r3],
    });
    expect(r.status).toBe(201);
    runId = r.body.id;
    expect(r.body).toMatchObject({ seed: 'week-1', from: day, to: day, calls: 6, shortfalls: [] });
    for (const e of r.body.evaluations) byCall[e.callId] = e;
    // agent-001: the complaint c1 by quota, then one random call of {c2} (c3 is too short, c4 unrecorded).
    // agent-002: no complaint, so its quota place goes to a random pick: both c5 and c6.
    // Reviewers in turn by load: c1 → r1 (tie, first listed), c2 → r3 (0 < 1), c5 and c6 → r1 (r3 is agent-002).
    expect(Object.keys(byCall).sort()).toEqual(['c1', 'c2', 'c5', 'c6']);
    expect(byCall.c1).toMatchObject({ agentId: 'agent-001', reason: 'complaint', reviewerId: r1 });
    expect(byCall.c2).toMatchObject({ agentId: 'agent-001', reason: 'random', reviewerId: r3 });
    expect([byCall.c5!.reviewerId, byCall.c6!.reviewerId]).toEqual([r1, r1]);
    expect([byCall.c5!.fillsFor, byCall.c6!.fillsFor].sort()).toEqual(['complaint', null].sort());
  });

  it('stores its seed, plan and calls, from which the library draws the same sample', async () => {
    const row = (
      await app.db.query<{ calls: unknown; plan: unknown; seed: string }>(`SELECT calls, plan, seed FROM qa_sampling_runs WHERE id = $1`, [
        runId,
      ])
    ).rows[0]!;
    const parse = <T>(v: unknown) => (typeof v === 'string' ? JSON.parse(v) : v) as T;
    const again = drawSample(parse<SampleCall[]>(row.calls), parse<SamplingPlan>(row.plan), row.seed);
    expect(again.picks.map((p) => `${p.callId}:${p.reason}:${p.fillsFor ?? ''}`).sort()).toEqual(
      Object.entries(byCall)
        .map(([c, e]) => `${c}:${e.reason}:${e.fillsFor ?? ''}`)
        .sort(),
    );
    const derived = parse<SampleCall[]>(row.calls).find((c) => c.callId === 'c1')!;
    expect(derived).toMatchObject({
      agentId: 'agent-001',
      team: 'team-a',
      talkS: 60,
      recorded: true,
      category: 'complaint',
      evaluated: false,
    });
  });

  it('never draws an evaluated call again', async () => {
    const r = await lead.post('/api/v1/qa/sampling/runs', { from: day, to: day, seed: 'week-1b' });
    expect(r.status).toBe(201);
    expect(r.body.evaluations).toEqual([]);
  });
});

describe('evaluations', () => {
  it('shows reviewers their own assignments and agents nothing unscored', async () => {
    const mine = await reviewer1.get('/api/v1/qa/evaluations?reviewer=me');
    expect(mine.body.evaluations.map((e: { callId: string }) => e.callId).sort()).toEqual(['c1', 'c5', 'c6']);
    expect((await reviewer3.get('/api/v1/qa/evaluations')).body.evaluations.map((e: { callId: string }) => e.callId)).toEqual(['c2']);
    expect((await agent.get('/api/v1/qa/evaluations')).body.evaluations).toEqual([]);
    expect((await agent.get(`/api/v1/qa/evaluations/${byCall.c1!.id}`)).status).toBe(404);
    expect((await reviewer3.get(`/api/v1/qa/evaluations/${byCall.c1!.id}`)).status).toBe(404);
    expect((await agent.get('/api/v1/qa/evaluations?agent=agent-002')).status).toBe(403);
  });

  it('gives the reviewer call facts, the recording path, the transcript and its auto-checks', async () => {
    const r = await reviewer1.get(`/api/v1/qa/evaluations/${byCall.c1!.id}`);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      callId: 'c1',
      status: 'assigned',
      formId: 'etiquette',
      formVersion: 1,
      recording: '/api/v1/qa/calls/c1/recording',
      call: { queue: 'general', agentId: 'agent-001', talkS: 60, category: 'complaint' },
    });
    expect(JSON.stringify(r.body)).not.toContain('pbx.example');
    expect(r.body.transcript).toHaveLength(4);
    const finding = (id: string) => r.body.findings.find((f: { ruleId: string }) => f.ruleId === id);
    expect(finding('greeting')).toMatchObject({ passed: true, matches: ['您好', COMPANY] });
    expect(finding('apology')).toMatchObject({ passed: true });
    expect(finding('farewell')).toMatchObject({ passed: true });
    const c2 = await reviewer3.get(`/api/v1/qa/evaluations/${byCall.c2!.id}`);
    expect(c2.body).toMatchObject({ transcript: null, findings: [], recording: '/api/v1/qa/calls/c2/recording' });
  });

  it('saves drafts, scores on submit and then refuses every change with 409', async () => {
    const id = byCall.c1!.id;
    const partial = await reviewer1.request('PUT', `/api/v1/qa/evaluations/${id}`, { answers: [{ itemId: 'greeting', value: true }] });
    expect(partial).toMatchObject({ status: 200, body: { status: 'draft' } });
    const missing = await reviewer1.post(`/api/v1/qa/evaluations/${id}/submit`);
    expect(missing.status).toBe(400);
    expect(missing.body.field).toMatch(/^answers\./);
    const wrong = await reviewer1.request('PUT', `/api/v1/qa/evaluations/${id}`, { answers: [{ itemId: 'patience', value: 3 }] });
    expect(wrong).toMatchObject({ status: 400, body: { field: 'answers.0.value' } });
    const notMine = await reviewer3.request('PUT', `/api/v1/qa/evaluations/${id}`, { answers: list(A) });
    expect(notMine.status).toBe(404);

    expect((await reviewer1.request('PUT', `/api/v1/qa/evaluations/${id}`, { answers: list(A) })).status).toBe(200);
    const submitted = await reviewer1.post(`/api/v1/qa/evaluations/${id}/submit`);
    expect(submitted.status).toBe(200);
    expect(submitted.body).toMatchObject({ score: 87.5, rawScore: 87.5, autoFailed: false, version: 1 });
    expect((await reviewer1.request('PUT', `/api/v1/qa/evaluations/${id}`, { answers: list(FULL) })).status).toBe(409);
    expect((await reviewer1.post(`/api/v1/qa/evaluations/${id}/submit`)).status).toBe(409);

    await reviewer3.request('PUT', `/api/v1/qa/evaluations/${byCall.c2!.id}`, { answers: list(B) });
    const failed = await reviewer3.post(`/api/v1/qa/evaluations/${byCall.c2!.id}/submit`);
    expect(failed.body).toMatchObject({ score: 0, rawScore: 90, autoFailed: true, criticalFailures: ['no_forbidden_phrase'] });

    const c5 = byCall.c5!.id;
    await reviewer1.request('PUT', `/api/v1/qa/evaluations/${c5}`, { answers: list(FULL) });
    expect((await reviewer1.post(`/api/v1/qa/evaluations/${c5}/submit`)).body).toMatchObject({ score: 100, rawScore: 100 });
  });

  it('lets only the evaluated agent acknowledge or dispute a submitted score', async () => {
    const a = byCall.c1!.id;
    const b = byCall.c2!.id;
    const own = await agent.get('/api/v1/qa/evaluations');
    expect(own.body.evaluations.map((e: { callId: string }) => e.callId).sort()).toEqual(['c1', 'c2']);
    expect((await reviewer1.post(`/api/v1/qa/evaluations/${a}/acknowledge`)).status).toBe(403);
    expect((await agent.post(`/api/v1/qa/evaluations/${b}/acknowledge`)).body).toMatchObject({ status: 'acknowledged' });
    expect((await agent.post(`/api/v1/qa/evaluations/${b}/dispute`, { reason: 'too late' })).status).toBe(409);
    expect((await agent.post(`/api/v1/qa/evaluations/${a}/dispute`, {})).body).toMatchObject({ field: 'reason' });
    const disputed = await agent.post(`/api/v1/qa/evaluations/${a}/dispute`, { reason: '我用了“请”两次' });
    expect(disputed.body).toMatchObject({ status: 'disputed', disputeReason: '我用了“请”两次' });
  });

  it('resolves a dispute by adjusting: a new version, the old one kept', async () => {
    const a = byCall.c1!.id;
    expect((await reviewer1.post(`/api/v1/qa/evaluations/${a}/resolve`, { outcome: 'upheld' })).status).toBe(403);
    expect((await lead.post(`/api/v1/qa/evaluations/${a}/resolve`, { outcome: 'adjusted' })).body).toMatchObject({ field: 'answers' });
    const r = await lead.post(`/api/v1/qa/evaluations/${a}/resolve`, { outcome: 'adjusted', answers: list(A_ADJUSTED) });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ status: 'resolved', outcome: 'adjusted', version: 2, score: 90, rawScore: 90 });
    expect(r.body.versions.map((v: { version: number; kind: string; score: number }) => [v.version, v.kind, v.score])).toEqual([
      [1, 'submitted', 87.5],
      [2, 'adjusted', 90],
    ]);
    expect((await lead.post(`/api/v1/qa/evaluations/${a}/resolve`, { outcome: 'upheld' })).status).toBe(409);
    expect((await agent.get(`/api/v1/qa/evaluations/${a}`)).body).toMatchObject({ score: 90, status: 'resolved' });
  });

  it('audits every change', async () => {
    const r = await admin.get('/api/v1/audit?limit=500');
    const actions = (r.body.entries as { action: string; target: string; actorName: string }[])
      .filter((e) => e.action.startsWith('qa.'))
      .map((e) => `${e.action} ${e.actorName}`);
    expect(actions.filter((a) => a.startsWith('qa.sampling.run'))).toEqual(['qa.sampling.run qalead1', 'qa.sampling.run qalead1']);
    expect(actions).toContain('qa.evaluation.submitted reviewer1');
    expect(actions).toContain('qa.evaluation.submitted reviewer3');
    expect(actions).toContain('qa.evaluation.acknowledged agent1');
    expect(actions).toContain('qa.evaluation.disputed agent1');
    expect(actions).toContain('qa.evaluation.resolved qalead1');
  });
});

describe('the summary', () => {
  /**
   * Scored: agent-001 A 90 (adjusted) and B 0; agent-002 c5 100.
   * agent-001: mean 45, s = 90 ÷ √2 = 63.64, margin t(0.975, 1) · s ÷ √2 = 12.7062 · 45 = 571.78.
   */
  it('gives each agent n, mean and the margin of error', async () => {
    const r = await lead.get(`/api/v1/qa/summary?from=${day}&to=${day}&groupBy=agent`);
    expect(r.status).toBe(200);
    expect(r.body.rows).toHaveLength(2);
    expect(r.body.rows[0]).toMatchObject({ key: 'agent-001', n: 2, mean: 45 });
    expect(r.body.rows[0].marginOfError).toBeCloseTo(571.78, 1);
    expect(r.body.rows[1]).toMatchObject({ key: 'agent-002', n: 1, mean: 100, marginOfError: null });
    const teams = await manager.get(`/api/v1/qa/summary?from=${day}&to=${day}&groupBy=team`);
    expect(teams.body.rows.map((x: { key: string; n: number; mean: number }) => [x.key, x.n, x.mean])).toEqual([
      ['team-a', 2, 45],
      ['team-b', 1, 100],
    ]);
  });

  /** no_forbidden_phrase: 100, 0, 100 → mean 66.67, s = 57.74, margin t(0.975, 2) · s ÷ √3 = 4.3027 · 33.33 = 143.42; pass 2 of 3. */
  it('gives each item its mean, margin and pass rate', async () => {
    const r = await lead.get(`/api/v1/qa/summary?from=${day}&to=${day}&groupBy=item`);
    const row = r.body.rows.find((x: { key: string }) => x.key === 'no_forbidden_phrase');
    expect(row.n).toBe(3);
    expect(row.mean).toBeCloseTo(66.667, 2);
    expect(row.marginOfError).toBeCloseTo(143.42, 1);
    expect(row.passRate).toBeCloseTo(2 / 3, 6);
    // recording_notice: A said N/A, B and c5 yes → n 2.
    expect(r.body.rows.find((x: { key: string }) => x.key === 'recording_notice')).toMatchObject({ n: 2, mean: 100, passRate: 1 });
  });

  it("limits agents to their own results and supervisors to their queues' and teams'", async () => {
    const own = await agent.get(`/api/v1/qa/summary?from=${day}&to=${day}`);
    expect(own.body.rows.map((x: { key: string }) => x.key)).toEqual(['agent-001']);
    // The supervisor sees queue general and team-a: agent-002 works billing in team-b.
    const scoped = await supervisor.get(`/api/v1/qa/summary?from=${day}&to=${day}`);
    expect(scoped.body.rows.map((x: { key: string }) => x.key)).toEqual(['agent-001']);
    const list = await supervisor.get('/api/v1/qa/evaluations');
    expect(list.body.evaluations.map((e: { callId: string }) => e.callId).sort()).toEqual(['c1', 'c2']);
    expect((await reviewer1.get(`/api/v1/qa/summary?from=${day}&to=${day}`)).body.rows.map((x: { key: string }) => x.key)).toEqual([
      'agent-001',
      'agent-002',
    ]);
  });
});

describe('forms', () => {
  it('has the default form from the first start', async () => {
    const forms = await agent.get('/api/v1/qa/forms');
    expect(forms.status).toBe(200);
    expect(forms.body.forms.map((f: { id: string; version: number }) => `${f.id}@${f.version}`)).toEqual(['etiquette@1']);
  });

  it('stores a change as a new version; evaluations keep the version they were scored on', async () => {
    const current = (await lead.get('/api/v1/qa/forms/etiquette')).body.form;
    const bad = await lead.request('PUT', '/api/v1/qa/forms/etiquette', { ...current, sections: [{ ...current.sections[0], weight: 0 }] });
    expect(bad).toMatchObject({ status: 400, body: { field: 'sections[0].weight' } });
    expect((await reviewer1.request('PUT', '/api/v1/qa/forms/etiquette', current)).status).toBe(403);
    const title = { 'zh-CN': '来电服务礼仪质检表（二版）', en: 'Call etiquette checklist, v2' };
    const changed = await lead.request('PUT', '/api/v1/qa/forms/etiquette', { ...current, title });
    expect(changed).toMatchObject({ status: 200, body: { form: { id: 'etiquette', version: 2, title }, versions: [1, 2] } });
    expect((await lead.get('/api/v1/qa/forms/etiquette?version=1')).body.form.title.en).toBe('Call etiquette checklist');
    expect((await lead.post('/api/v1/qa/forms', { ...current })).status).toBe(409);
    const a = await agent.get(`/api/v1/qa/evaluations/${byCall.c1!.id}`);
    expect(a.body).toMatchObject({ formVersion: 1, form: { version: 1, title: { en: 'Call etiquette checklist' } }, score: 90 });
  });
});
