import { type VueWrapper } from '@vue/test-utils';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { EvaluationSummary } from '../../api/qa';
import { evaluationDetailFixture, evaluationSummaryFixture as ev } from '../../qa/review/evaluationFixture';
import { mountApp, unmountAll } from '../../testing/mountApp';
import { fakeApi, sessionFixture } from '../../testing/session.fixture';
import { todayFixture } from '../../testing/today.fixture';

const PEOPLE = {
  reviewers: [],
  agents: [
    { agentId: 'A-1', name: 'Zhao Lei', team: 'east' },
    { agentId: 'A-2', name: 'Li Na', team: 'east' },
  ],
};

// Now: 2025-03-05 08:00 UTC (16:00 in Shanghai).
const LIST: EvaluationSummary[] = [
  ev({ id: 'late', runId: 'r1', agentId: 'A-1', status: 'assigned', reason: 'complaint', dueAt: '2025-03-05T07:00:00Z' }),
  ev({ id: 'soon-b', runId: 'r1', agentId: 'A-2', status: 'draft', dueAt: '2025-03-06T00:00:00Z', offeredAt: '2025-03-03T03:00:00Z' }),
  ev({ id: 'soon-a', runId: 'r1', agentId: 'A-1', status: 'assigned', dueAt: '2025-03-06T00:00:00Z', offeredAt: '2025-03-03T01:00:00Z' }),
  ev({ id: 'done-1', runId: 'r1', agentId: 'A-2', status: 'submitted', dueAt: '2025-03-04T00:00:00Z' }),
  ev({ id: 'done-2', runId: 'r1', agentId: 'A-1', status: 'acknowledged', reason: 'complaint', dueAt: '2025-03-04T00:00:00Z' }),
  // a past run, all scored: out of the period's progress
  ev({ id: 'old', runId: 'r0', agentId: 'A-2', status: 'resolved', dueAt: '2025-02-20T00:00:00Z' }),
];

async function mountQueue(evaluations: EvaluationSummary[] = LIST, path = '/qa/reviews') {
  const api = fakeApi({
    'GET /api/v1/auth/session': sessionFixture('qa_reviewer'),
    'GET /api/v1/today': todayFixture(),
    'GET /api/v1/qa/people': PEOPLE,
    'GET /api/v1/qa/evaluations': { evaluations },
    'GET /api/v1/qa/evaluations/late': evaluationDetailFixture({ id: 'late' }),
  });
  const mounted = await mountApp(path);
  return { ...mounted, api };
}

const ids = (w: VueWrapper) => w.findAll('[data-testid="qa-review-row"]').map((r) => r.attributes('data-evaluation-id'));

beforeAll(async () => {
  await import('./EvaluationPage.vue');
});

beforeEach(() => {
  localStorage.clear();
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2025-03-05T08:00:00Z'));
});
afterEach(() => {
  unmountAll();
  vi.useRealTimers();
});

describe('ReviewQueuePage', () => {
  it('asks for the reviewer’s own evaluations and lists the ones to score first, by due date, then call time, with names', async () => {
    const { wrapper: w, api } = await mountQueue();
    expect(api.calls('GET /api/v1/qa/evaluations')[0]?.url).toBe('/api/v1/qa/evaluations?reviewer=me');
    // still to score first, then scored; each by due date, then call time
    expect(ids(w)).toEqual(['late', 'soon-a', 'soon-b', 'old', 'done-1', 'done-2']);
    const late = w.get('[data-evaluation-id="late"]');
    expect(late.text()).toContain('Zhao Lei');
    expect(late.text()).toContain('Complaint');
    expect(late.get('[data-testid="qa-review-due"]').text()).toBe('03/05/2025, 15:00 ⚠ Overdue');
    // scored ones are never overdue, whatever their due date
    expect(w.get('[data-evaluation-id="done-1"]').find('[data-testid="qa-review-overdue"]').exists()).toBe(false);
    expect(w.get('[data-evaluation-id="soon-a"]').find('[data-testid="qa-review-overdue"]').exists()).toBe(false);
  });

  it('counts the open period’s progress: run r1 has 2 of its 5 scored, the finished run r0 is left out', async () => {
    const { wrapper: w } = await mountQueue();
    const progress = w.get('[data-testid="qa-review-progress"]');
    expect(progress.text()).toBe('2 of 5 done');
    expect(progress.attributes('data-done')).toBe('2');
    expect(progress.attributes('data-total')).toBe('5');
    expect(progress.get('[role="progressbar"]').attributes('aria-valuenow')).toBe('2');
    expect(progress.get('[role="progressbar"]').attributes('aria-valuemax')).toBe('5');
    // 2 / 5 = 40 %
    expect(progress.get('.queue__bar-fill').attributes('style')).toContain('width: 40%');
  });

  it('filters by status, agent, reason and overdue', async () => {
    const { wrapper: w } = await mountQueue();
    await w.get('[data-testid="qa-review-filter-agent"]').setValue('A-1');
    expect(ids(w)).toEqual(['late', 'soon-a', 'done-2']);
    await w.get('[data-testid="qa-review-filter-reason"]').setValue('complaint');
    expect(ids(w)).toEqual(['late', 'done-2']);
    await w.get('[data-testid="qa-review-filter-overdue"]').setValue(true);
    expect(ids(w)).toEqual(['late']);
    await w.get('[data-testid="qa-review-filter-overdue"]').setValue(false);
    await w.get('[data-testid="qa-review-filter-agent"]').setValue('');
    await w.get('[data-testid="qa-review-filter-reason"]').setValue('');
    await w.get('[data-testid="qa-review-filter-status"]').setValue('draft');
    expect(ids(w)).toEqual(['soon-b']);
    await w.get('[data-testid="qa-review-filter-status"]').setValue('disputed');
    expect(w.get('[data-testid="qa-review-no-match"]').text()).toBe('No review matches these filters.');
  });

  it('keeps the filters in the address, and starts from them', async () => {
    const { wrapper: w, router } = await mountQueue();
    await w.get('[data-testid="qa-review-filter-reason"]').setValue('complaint');
    await w.get('[data-testid="qa-review-filter-overdue"]').setValue(true);
    await vi.waitFor(() => expect(router.currentRoute.value.query).toEqual({ reason: 'complaint', overdue: '1' }));
    unmountAll();

    const { wrapper: back } = await mountQueue(LIST, '/qa/reviews?agent=A-2&status=draft');
    expect(ids(back)).toEqual(['soon-b']);
    expect((back.get('[data-testid="qa-review-filter-agent"]').element as HTMLSelectElement).value).toBe('A-2');
  });

  it('offers the agents by name and the reasons in words', async () => {
    const { wrapper: w } = await mountQueue();
    expect(w.findAll('[data-testid="qa-review-filter-agent"] option').map((o) => o.text())).toEqual(['Any', 'Li Na', 'Zhao Lei']);
    expect(w.findAll('[data-testid="qa-review-filter-reason"] option').map((o) => o.text())).toEqual(['Any', 'Complaint', 'Random']);
  });

  it('opens an evaluation from its row', async () => {
    const { wrapper: w, router } = await mountQueue();
    await w.get('[data-evaluation-id="late"]').trigger('click');
    // the evaluation page's code is fetched on first use: give a busy machine time
    await vi.waitFor(() => expect(router.currentRoute.value.fullPath).toBe('/qa/evaluations/late'), { timeout: 15_000 });
  });

  it('links each row to its evaluation for the keyboard', async () => {
    const { wrapper: w } = await mountQueue();
    expect(w.get('[data-evaluation-id="soon-b"] a').attributes('href')).toBe('/qa/evaluations/soon-b');
  });

  it('says what will appear when there is nothing to review', async () => {
    const { wrapper: w } = await mountQueue([]);
    expect(w.get('[data-testid="qa-review-empty"]').text()).toContain('Calls sampled for you appear here');
    expect(w.get('[data-testid="qa-review-progress"]').text()).toBe('0 of 0 done');
  });
});
