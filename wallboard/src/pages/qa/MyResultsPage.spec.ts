import type { VueWrapper } from '@vue/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import type { EvaluationDetail } from '../../api/qa';
import { FIRST_ANSWERS, detail, summary } from '../../qa/results/results.fixture';
import { mountApp, unmountAll } from '../../testing/mountApp';
import { fakeApi, sessionFixture } from '../../testing/session.fixture';
import { todayFixture } from '../../testing/today.fixture';

afterEach(unmountAll);

/** Three scores, 80, 90 and 70; the newest call waits for the agent's acknowledgement. */
const LIST = [
  summary({ id: 'ev-old', status: 'acknowledged', offeredAt: '2026-03-02T02:00:00.000Z', score: 80 }),
  summary({ id: 'ev-new', status: 'submitted', offeredAt: '2026-03-06T03:00:00.000Z', score: 70 }),
  summary({ id: 'ev-mid', status: 'resolved', offeredAt: '2026-03-04T05:00:00.000Z', score: 90, outcome: 'upheld' }),
];
const DETAILS: Record<string, EvaluationDetail> = {
  'ev-old': detail({ ...LIST[0] }),
  'ev-new': detail({
    ...LIST[1],
    answers: [
      { itemId: 'greet', value: true },
      { itemId: 'identity', value: true },
      { itemId: 'polite', value: 4, comment: 'Warm and clear', atS: 65.25 },
      { itemId: 'patience', value: false },
    ],
  }),
  'ev-mid': detail({ ...LIST[2], answers: FIRST_ANSWERS.map(({ itemId, value }) => ({ itemId, value })) }),
};

function routes(list = LIST) {
  return fakeApi({
    'GET /api/v1/auth/session': sessionFixture('agent'),
    'GET /api/v1/today': todayFixture(),
    'GET /api/v1/qa/evaluations': { evaluations: list },
    ...Object.fromEntries(Object.entries(DETAILS).map(([id, d]) => [`GET /api/v1/qa/evaluations/${id}`, d])),
  });
}

const get = (w: VueWrapper, id: string) => w.get(`[data-testid="${id}"]`);

describe('MyResultsPage', () => {
  it('lists the agent’s scores, the one waiting for them first, with their mean and margin', async () => {
    const api = routes();
    const { wrapper: w } = await mountApp('/qa/mine');

    expect(api.calls('GET /api/v1/qa/evaluations').map((c) => c.url)).toEqual(['/api/v1/qa/evaluations']);
    const rows = w.findAll('[data-testid="qa-mine-row"]');
    expect(rows.map((r) => r.attributes('data-evaluation-id'))).toEqual(['ev-new', 'ev-mid', 'ev-old']);
    expect(rows[0]!.get('[data-testid="date"]').text()).toBe('03/06/2026, 11:00');
    expect(rows[0]!.get('[data-testid="score"]').text()).toBe('70.0');
    expect(rows[0]!.get('[data-testid="status"]').text()).toContain('Waiting for you');
    expect(rows[0]!.get('a').attributes('href')).toBe('/qa/evaluations/ev-new');
    expect(get(w, 'qa-mine-waiting').text()).toBe('1 score waits for your acknowledgement.');

    // mean (80 + 90 + 70) / 3 = 80; s = 10; margin t(0.975, 2) · 10 / √3 = 4.3027 · 5.7735 = 24.84
    expect(get(w, 'qa-mine-mean-value').text()).toBe('80.0 ± 24.8');
    expect(get(w, 'qa-mine-n').text()).toBe('3 scores');
    expect(get(w, 'qa-mine-period').text()).toBe('Calls from 03/02/2026 to 03/06/2026');
  });

  it('says when one score is too few for a margin and marks an auto-fail', async () => {
    routes([summary({ id: 'ev-old', score: 0, rawScore: 40, autoFailed: true, status: 'acknowledged' })]);
    const { wrapper: w } = await mountApp('/qa/mine');
    expect(get(w, 'qa-mine-mean-value').text()).toBe('0.0');
    expect(get(w, 'qa-mine-n').text()).toBe('1 score');
    expect(get(w, 'qa-mine-too-few').text()).toBe('Too few scores for a margin of error: it needs at least 2.');
    expect(w.get('[data-testid="qa-mine-row"] [data-testid="autofail"]').text()).toBe('auto-fail');
    expect(w.find('[data-testid="qa-mine-waiting"]').exists()).toBe(false);
  });

  it('shows how often each item earned full points and links each comment to its moment', async () => {
    routes();
    const { wrapper: w } = await mountApp('/qa/mine');

    // greet yes ×3; identity: no (old), yes (new), no (mid); polite 2, 4, 2 of 4; patience yes, no, yes
    const items = w.findAll('[data-testid="qa-mine-item"]').map((r) => [r.attributes('data-item-id'), r.attributes('data-rate')]);
    expect(items).toEqual([
      ['greet', '1'],
      ['identity', String(1 / 3)],
      ['polite', String(1 / 3)],
      ['patience', String(2 / 3)],
    ]);
    expect(w.findAll('[data-testid="qa-mine-item"]')[3]!.text()).toContain('66.7%');
    expect(w.findAll('[data-testid="qa-mine-item"]')[3]!.text()).toContain('2 of 3');

    const comments = w.findAll('[data-testid="qa-mine-comment"]');
    expect(comments.map((c) => [c.attributes('data-evaluation-id'), c.attributes('data-at-s')])).toEqual([
      ['ev-new', '65.25'],
      ['ev-old', '12.4'],
      ['ev-old', '75'],
    ]);
    const first = comments[0]!.get('[data-testid="qa-mine-comment-link"]');
    expect(first.text()).toBe('03/06/2026 · at 1:05');
    expect(first.attributes('href')).toBe('/qa/evaluations/ev-new?t=65.3');
    expect(comments[0]!.text()).toContain('Warm and clear');
  });

  it('speaks Chinese to a Chinese reader', async () => {
    routes();
    const { wrapper: w } = await mountApp('/qa/mine', { locale: 'zh-CN' });
    expect(get(w, 'qa-mine-n').text()).toBe('3 个得分');
    expect(get(w, 'qa-mine-waiting').text()).toBe('有 1 条评分等待您确认。');
    expect(w.findAll('[data-testid="qa-mine-item"]')[0]!.text()).toContain('问候并报公司名');
    expect(w.findAll('[data-testid="qa-mine-comment-link"]')[0]!.text()).toBe('2026/03/06 · 位于 1:05');
  });

  it('says so when nothing has been scored yet', async () => {
    routes([]);
    const { wrapper: w } = await mountApp('/qa/mine');
    expect(get(w, 'qa-mine-empty').text()).toContain('No scored evaluations yet');
  });
});
