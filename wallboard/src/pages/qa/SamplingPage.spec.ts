import { defaultForm } from '@callboard/qa';
import { flushPromises, type VueWrapper } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SamplingPlanView, SamplingRunView } from '../../api/qa';
import { mountApp, unmountAll } from '../../testing/mountApp';
import { fakeApi, sessionFixture, type FakeRoutes } from '../../testing/session.fixture';
import { todayFixture } from '../../testing/today.fixture';

const PEOPLE = {
  reviewers: [
    { id: 'u-rui', name: 'Rui Reviewer', role: 'qa_reviewer' },
    { id: 'u-lei', name: 'Lei QA Lead', role: 'qa_lead' },
  ],
  agents: [
    { agentId: 'A-1', name: 'Zhou Min', team: 'east' },
    { agentId: 'A-2', name: 'Chen Li', team: 'east' },
  ],
};

const PLAN: SamplingPlanView = {
  id: 'plan-1',
  name: 'Weekly east',
  period: 'week',
  perAgent: 2,
  quotas: { complaint: 1, dissatisfied: 0, long_handle: 0, transferred: 1 },
  reviewers: ['u-rui', 'u-lei'],
  formId: 'etiquette',
  active: true,
  createdAt: '2026-11-01T02:00:00.000Z',
};

const pick = (id: string, agentId: string, callId: string, reason: string, fillsFor: string | null = null) => ({
  id,
  callId,
  agentId,
  reviewerId: 'u-rui',
  reason,
  fillsFor,
});

const RUN: SamplingRunView = {
  id: 'run-2',
  planId: 'plan-1',
  kind: 'weekly',
  from: '2026-11-30',
  to: '2026-12-06',
  seed: 'plan-1:2026-11-30',
  plan: {
    timeZone: 'Asia/Shanghai',
    period: 'week',
    perAgent: 2,
    minTalkS: 30,
    longHandleS: 600,
    quotas: { complaint: 1, dissatisfied: 0, long_handle: 0, transferred: 1 },
  },
  reviewers: ['u-rui', 'u-lei'],
  calls: 40,
  shortfalls: [{ agentId: 'A-2', periodStart: '2026-11-30', wanted: 4, picked: 2 }],
  rejected: [],
  createdAt: '2026-12-07T01:00:00.000Z',
  createdBy: null,
  evaluations: [
    pick('e1', 'A-1', 'c-09', 'random'),
    pick('e2', 'A-2', 'c-05', 'random', 'transferred'),
    pick('e3', 'A-1', 'c-03', 'complaint'),
    pick('e4', 'A-2', 'c-02', 'random'),
  ],
};
const { evaluations: _picks, ...RUN_ROW } = RUN;
const OLDER_ROW = {
  ...RUN_ROW,
  id: 'run-1',
  kind: 'on_demand' as const,
  seed: 'abc',
  createdBy: 'Lei QA Lead',
  createdAt: '2026-11-24T03:00:00.000Z',
};

function leadApi(extra: FakeRoutes = {}) {
  return fakeApi({
    'GET /api/v1/auth/session': sessionFixture('qa_lead'),
    'GET /api/v1/today': todayFixture(),
    'GET /api/v1/qa/people': PEOPLE,
    'GET /api/v1/qa/forms': { forms: [defaultForm()] },
    'GET /api/v1/qa/sampling/plans': { plans: [PLAN] },
    'GET /api/v1/qa/sampling/runs': { runs: [OLDER_ROW, RUN_ROW] },
    'GET /api/v1/qa/sampling/runs/run-2': RUN,
    ...extra,
  });
}

const openRun = async (w: VueWrapper, id: string) => {
  await w.get(`[data-testid="qa-run-row"][data-run-id="${id}"] button`).trigger('click');
  await flushPromises();
};

beforeEach(() => localStorage.clear());
afterEach(unmountAll);

describe('SamplingPage', () => {
  it('lists plans and runs newest first', async () => {
    leadApi();
    const { wrapper: w } = await mountApp('/qa/sampling');

    const plan = w.get('[data-testid="qa-plan-row"]');
    expect(plan.findAll('td').map((td) => td.text())).toEqual([
      'Weekly east Active',
      'Week (Monday to Sunday)',
      '2',
      'Complaint 1 · Dissatisfied follow-up 0 · Long handle time 0 · Transferred 1',
      'Rui Reviewer, Lei QA Lead',
      'etiquette',
      '11/01/2026, 10:00', // 02:00Z in Shanghai
    ]);
    expect(w.findAll('[data-testid="qa-run-row"]').map((r) => r.attributes('data-run-id'))).toEqual(['run-2', 'run-1']);
    const cells = w
      .findAll('[data-testid="qa-run-row"]')[0]!
      .findAll('td')
      .map((td) => td.text());
    expect(cells).toEqual(['2026-11-30 – 2026-12-06', 'Weekly', 'plan-1:2026-11-30', '—', '1', 'Automatic', '12/07/2026, 09:00']);
  });

  it('creates a plan with the POST body the form describes', async () => {
    const api = leadApi({
      'POST /api/v1/qa/sampling/plans': ({ body }) =>
        Response.json(
          { ...(body as object), id: 'plan-2', period: 'week', active: true, createdAt: '2026-12-07T02:00:00.000Z' },
          { status: 201 },
        ),
    });
    const { wrapper: w } = await mountApp('/qa/sampling');

    await w.get('[data-testid="qa-plan-create"]').trigger('click');
    const form = () => w.get('[data-testid="qa-plan-form"]');
    await form().get('[data-testid="qa-plan-name"]').setValue('  Complaints first ');
    await form().get('[data-testid="qa-plan-per-agent"]').setValue('3');
    await form().get('[data-testid="qa-sampling-quota-complaint"]').setValue('2');
    await form().get('[data-testid="qa-sampling-quota-long_handle"]').setValue('0');
    // Ticked in the other order than listed: the body keeps the list's order.
    await form().get('[data-testid="qa-sampling-reviewer-u-lei"]').setValue(true);
    await form().get('[data-testid="qa-sampling-reviewer-u-rui"]').setValue(true);
    await form().trigger('submit');
    await flushPromises();

    expect(api.calls('POST /api/v1/qa/sampling/plans').map((c) => c.body)).toEqual([
      {
        name: 'Complaints first',
        perAgent: 3,
        quotas: { complaint: 2, dissatisfied: 1, long_handle: 0, transferred: 1 },
        reviewers: ['u-rui', 'u-lei'],
        formId: 'etiquette',
      },
    ]);
    expect(w.get('[data-testid="qa-sampling-notice"]').text()).toBe('Plan “Complaints first” created.');
    expect(w.findAll('[data-testid="qa-plan-row"]').map((r) => r.attributes('data-plan-id'))).toEqual(['plan-1', 'plan-2']);
  });

  it('shows a plan’s mistakes at their fields and sends nothing', async () => {
    const api = leadApi();
    const { wrapper: w } = await mountApp('/qa/sampling');

    await w.get('[data-testid="qa-plan-create"]').trigger('click');
    await w.get('[data-testid="qa-plan-per-agent"]').setValue('0');
    await w.get('[data-testid="qa-plan-form"]').trigger('submit');
    await flushPromises();

    expect(w.get('#qa-plan-name-error').text()).toBe('is required');
    expect(w.get('#qa-plan-per-agent-error').text()).toBe('must be from 1 to 50');
    expect(w.get('[data-testid="qa-plan-per-agent"]').attributes('aria-invalid')).toBe('true');
    expect(api.calls('POST /api/v1/qa/sampling/plans')).toEqual([]);
  });

  it('shows a run’s picks by agent with reasons, its shortfall and plan', async () => {
    leadApi();
    const { wrapper: w } = await mountApp('/qa/sampling');
    await openRun(w, 'run-2');

    const detail = w.get('[data-testid="qa-run-detail"]');
    expect(detail.get('[data-testid="qa-run-facts"]').text()).toBe('Weekly · seed plan-1:2026-11-30 · 4 evaluations · drawn from 40 calls');
    // Chen Li before Zhou Min; within an agent the strata come before random picks.
    expect(
      detail
        .findAll('[data-testid="qa-run-agent"]')
        .map((g) => [
          g.attributes('data-agent-id'),
          g
            .findAll('[data-testid="qa-run-pick"]')
            .map((p) => `${p.attributes('data-call-id')}: ${p.get('[data-testid="qa-run-pick-reason"]').text()}`),
        ]),
    ).toEqual([
      ['A-2', ['c-02: Random', 'c-05: Random, fills for Transferred']],
      ['A-1', ['c-03: Complaint', 'c-09: Random']],
    ]);
    expect(detail.get('[data-testid="qa-run-shortfalls"]').text()).toBe(
      'Chen Li, week of 2026-11-30: 2 of 4 calls — too few eligible calls (answered, recorded, long enough, not yet reviewed).',
    );
    expect(detail.get('[data-testid="qa-run-plan"]').text()).toContain('Random calls per agent2');
    expect(w.get('[data-testid="qa-run-row"][data-run-id="run-2"] [data-testid="qa-run-row-count"]').text()).toBe('4');
  });

  it('draws a run again from what it stored and says whether the sample is reproduced', async () => {
    const redraw = (same: boolean) => ({
      runId: 'run-2',
      seed: 'plan-1:2026-11-30',
      picks: RUN.evaluations.map((e) => ({ callId: e.callId, agentId: e.agentId, reason: e.reason, fillsFor: e.fillsFor })),
      same,
    });
    let same = true;
    const api = leadApi({ 'GET /api/v1/qa/sampling/runs/run-2/redraw': () => Response.json(redraw(same)) });
    const { wrapper: w } = await mountApp('/qa/sampling');
    await openRun(w, 'run-2');

    await w.get('[data-testid="qa-run-redraw"]').trigger('click');
    await flushPromises();
    const result = () => w.get('[data-testid="qa-run-redraw-result"]');
    expect(result().attributes('data-same')).toBe('true');
    expect(result().text()).toBe(
      'Reproduced: drawn again from the 40 calls the run stored with seed plan-1:2026-11-30, the sample is the same 4 calls.',
    );
    same = false;
    await w.get('[data-testid="qa-run-redraw"]').trigger('click');
    await flushPromises();
    expect(result().attributes('data-same')).toBe('false');
    // Nothing is created by the check.
    expect(api.calls('POST /api/v1/qa/sampling/runs')).toHaveLength(0);
    expect(api.calls('GET /api/v1/qa/sampling/runs/run-2/redraw')).toHaveLength(2);
  });

  it('re-runs with the stored seed, plan, reviewers and form, and compares the picks', async () => {
    const again: SamplingRunView = {
      ...RUN,
      id: 'run-3',
      kind: 'on_demand',
      createdBy: 'Lei QA Lead',
      createdAt: '2026-12-07T03:00:00.000Z',
      evaluations: [pick('f1', 'A-1', 'c-11', 'complaint'), pick('f2', 'A-1', 'c-12', 'random'), pick('f3', 'A-2', 'c-02', 'random')],
    };
    const api = leadApi({ 'POST /api/v1/qa/sampling/runs': () => Response.json(again, { status: 201 }) });
    const { wrapper: w } = await mountApp('/qa/sampling');
    await openRun(w, 'run-2');

    await w.get('[data-testid="qa-run-rerun"]').trigger('click');
    expect(w.get('[data-testid="qa-run-rerun-text"]').text()).toContain(
      'Calls this run picked already have evaluations and are never drawn twice, so the new run picks from the calls left',
    );
    await w.get('[data-testid="qa-run-rerun-confirm"]').trigger('click');
    await flushPromises();

    expect(api.calls('POST /api/v1/qa/sampling/runs').map((c) => c.body)).toEqual([
      {
        from: '2026-11-30',
        to: '2026-12-06',
        seed: 'plan-1:2026-11-30',
        perAgent: 2,
        quotas: { complaint: 1, dissatisfied: 0, long_handle: 0, transferred: 1 },
        reviewers: ['u-rui', 'u-lei'],
        formId: 'etiquette', // the plan's form
      },
    ]);
    expect(w.get('[data-testid="qa-run-detail"]').attributes('data-run-id')).toBe('run-3');
    // In both: c-02 of A-2. Only in run-2: c-03, c-05, c-09. Only in run-3: c-11, c-12.
    expect(w.get('[data-testid="qa-run-compare"] p').text()).toBe('Compared with the earlier run, drawn 12/07/2026, 09:00'); // 01:00Z in Shanghai
    expect(w.get('[data-testid="qa-run-compare-text"]').text()).toBe('1 calls in both, 3 only in the earlier run, 2 only in the new run.');
    expect(w.findAll('[data-testid="qa-run-row"]').map((r) => r.attributes('data-run-id'))).toEqual(['run-3', 'run-2', 'run-1']);
  });

  it('says so when a re-run picks exactly the same calls', async () => {
    leadApi({ 'POST /api/v1/qa/sampling/runs': () => Response.json({ ...RUN, id: 'run-3', createdAt: '2026-12-07T03:00:00.000Z' }) });
    const { wrapper: w } = await mountApp('/qa/sampling');
    await openRun(w, 'run-2');
    await w.get('[data-testid="qa-run-rerun"]').trigger('click');
    await w.get('[data-testid="qa-run-rerun-confirm"]').trigger('click');
    await flushPromises();

    expect(w.get('[data-testid="qa-run-compare-text"]').text()).toBe('Same calls: both runs picked exactly the same 4 calls.');
  });

  it('starts an on-demand run over last week in the center’s days', async () => {
    const api = leadApi({ 'POST /api/v1/qa/sampling/runs': () => Response.json({ ...RUN, id: 'run-9' }) });
    const { wrapper: w } = await mountApp('/qa/sampling');

    await w.get('[data-testid="qa-run-from"]').setValue('2026-11-02');
    await w.get('[data-testid="qa-run-to"]').setValue('2026-11-08');
    await w.get('[data-testid="qa-run-seed"]').setValue('audit-45');
    await w.get('[data-testid="qa-run-form"]').trigger('submit');
    await flushPromises();

    expect(api.calls('POST /api/v1/qa/sampling/runs').map((c) => c.body)).toEqual([
      {
        from: '2026-11-02',
        to: '2026-11-08',
        perAgent: 5,
        seed: 'audit-45',
        quotas: { complaint: 1, dissatisfied: 1, long_handle: 1, transferred: 1 },
        formId: 'etiquette',
      },
    ]);
    expect(w.get('[data-testid="qa-run-detail"]').attributes('data-run-id')).toBe('run-9');
  });
});
