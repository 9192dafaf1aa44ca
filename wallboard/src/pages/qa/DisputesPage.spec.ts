import { flushPromises, type VueWrapper } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { detail, summary } from '../../qa/results/results.fixture';
import { mountApp, unmountAll } from '../../testing/mountApp';
import { fakeApi, sessionFixture } from '../../testing/session.fixture';
import { todayFixture } from '../../testing/today.fixture';

/** 10 March 2026, 20:00 in Shanghai. */
const NOW = '2026-03-10T12:00:00.000Z';

const DISPUTED = [
  summary({ id: 'ev-recent', status: 'disputed', disputedAt: '2026-03-10T11:20:00.000Z', disputeReason: 'Short reason', agentId: 'A-9' }),
  summary({
    id: 'ev-oldest',
    status: 'disputed',
    disputedAt: '2026-03-07T09:00:00.000Z',
    disputeReason: `I did ask for the account number. ${'It is at the start of the call. '.repeat(6)}`,
    agentName: 'Bo Agent',
  }),
  summary({
    id: 'ev-middle',
    status: 'disputed',
    disputedAt: '2026-03-09T06:30:00.000Z',
    disputeReason: 'Patience',
    score: 0,
    rawScore: 75,
    autoFailed: true,
  }),
];
const RESOLVED = [
  summary({ id: 'ev-upheld', status: 'resolved', outcome: 'upheld', resolvedAt: '2026-03-08T02:00:00.000Z' }),
  summary({ id: 'ev-adjusted', status: 'resolved', outcome: 'adjusted', resolvedAt: '2026-03-09T02:00:00.000Z', score: 100, version: 2 }),
  summary({ id: 'ev-ancient', status: 'resolved', outcome: 'upheld', resolvedAt: '2026-02-01T02:00:00.000Z' }),
];
const ADJUSTED_DETAIL = detail({
  ...RESOLVED[1],
  versions: [detail().versions[0]!, { ...detail().versions[0]!, version: 2, kind: 'adjusted', by: 'u-lead', score: 100, rawScore: 100 }],
});

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date(NOW));
});
afterEach(() => {
  unmountAll();
  vi.useRealTimers();
});

function routes() {
  return fakeApi({
    'GET /api/v1/auth/session': sessionFixture('qa_lead'),
    'GET /api/v1/today': todayFixture(),
    'GET /api/v1/qa/people': {
      reviewers: [{ id: 'u-rev', name: 'Rui Reviewer', role: 'qa_reviewer' }],
      agents: [{ agentId: 'A-7', name: 'Ai Agent', team: 'east' }],
    },
    'GET /api/v1/qa/evaluations': ({ url }) => {
      const status = new URL(url, 'http://x').searchParams.get('status');
      return Response.json({ evaluations: status === 'disputed' ? DISPUTED : status === 'resolved' ? RESOLVED : [] });
    },
    'GET /api/v1/qa/evaluations/ev-adjusted': ADJUSTED_DETAIL,
  });
}

const cell = (row: VueWrapper | ReturnType<VueWrapper['get']>, id: string) => row.get(`[data-testid="${id}"]`).text();

describe('DisputesPage', () => {
  it('lists open disputes oldest first with their age, agent, reviewer, score and reason', async () => {
    const api = routes();
    const { wrapper: w } = await mountApp('/qa/disputes');

    expect(
      api
        .calls('GET /api/v1/qa/evaluations')
        .map((c) => c.url)
        .sort(),
    ).toEqual(['/api/v1/qa/evaluations?status=disputed&limit=1000', '/api/v1/qa/evaluations?status=resolved&limit=1000']);
    const rows = w.findAll('[data-testid="qa-dispute-row"]');
    expect(rows.map((r) => r.attributes('data-evaluation-id'))).toEqual(['ev-oldest', 'ev-middle', 'ev-recent']);
    // 10 Mar 12:00 − 7 Mar 09:00 = 75 h = 3 d 3 h; − 9 Mar 06:30 = 29.5 h → 1 d 5 h; − 10 Mar 11:20 = 40 min
    expect(rows.map((r) => [cell(r, 'age'), cell(r, 'disputedAt')])).toEqual([
      ['3 d 3 h', '03/07/2026, 17:00'],
      ['1 d 5 h', '03/09/2026, 14:30'],
      ['under 1 h', '03/10/2026, 19:20'],
    ]);
    expect(rows.map((r) => cell(r, 'agent'))).toEqual(['Bo Agent', 'Ai Agent', 'A-9']);
    expect(cell(rows[0]!, 'reviewer')).toBe('Rui Reviewer');
    expect(cell(rows[0]!, 'score')).toBe('58.3');
    expect(cell(rows[0]!, 'reason').endsWith('…')).toBe(true);
    expect(cell(rows[0]!, 'reason').length).toBeLessThanOrEqual(121);
    expect(cell(rows[1]!, 'reason')).toBe('Patience');
    expect(cell(rows[1]!, 'score')).toBe('0.0 auto-fail');
    expect(rows[0]!.get('[data-testid="qa-dispute-open"]').attributes('href')).toBe('/qa/evaluations/ev-oldest');
  });

  it('shows the last 30 days’ resolutions newest first with outcome and score change', async () => {
    routes();
    const { wrapper: w } = await mountApp('/qa/disputes');
    await w.get('[data-testid="qa-disputes-view-resolved"]').trigger('click');
    await flushPromises();

    expect(w.get('[data-testid="qa-disputes-view-resolved"]').attributes('aria-pressed')).toBe('true');
    const rows = w.findAll('[data-testid="qa-resolved-row"]');
    expect(rows.map((r) => r.attributes('data-evaluation-id'))).toEqual(['ev-adjusted', 'ev-upheld']);
    expect(rows.map((r) => cell(r, 'outcome'))).toEqual(['Adjusted', 'Upheld']);
    // 100 − 58.33 = +41.7
    expect(rows.map((r) => cell(r, 'change'))).toEqual(['58.3 → 100.0 (+41.7)', 'unchanged']);
  });
});
