import { flushPromises, type VueWrapper } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AnswerInput, EvaluationDetail } from '../../api/qa';
import { mountApp, unmountAll } from '../../testing/mountApp';
import { errorResponse, fakeApi, sessionFixture, type FakeRoutes } from '../../testing/session.fixture';
import { todayFixture } from '../../testing/today.fixture';
import { evaluationDetailFixture, evaluationSummaryFixture } from '../../qa/review/evaluationFixture';

/** The player stands in for the real one: it records seeks and can report a position. */
const player = vi.hoisted(() => ({ seeks: [] as number[] }));
vi.mock('../../components/qa/media/EvaluationMedia.vue', async () => {
  const { defineComponent, h } = await import('vue');
  return {
    default: defineComponent({
      props: { media: { type: Object, required: true }, callId: { type: String, required: true } },
      emits: ['time'],
      setup(props, { emit, expose }) {
        expose({ seek: (s: number) => player.seeks.push(s) });
        return () => h('button', { 'data-testid': 'player-at-42', onClick: () => emit('time', 42.25) }, props.callId);
      },
    }),
  };
});

const BASE = '/api/v1/qa/evaluations/ev-1';
const PEOPLE = {
  reviewers: [{ id: 'u-qa_reviewer', name: 'Rui Reviewer', role: 'qa_reviewer' }],
  agents: [{ agentId: 'A-7', name: 'Wang Fang', team: 'east' }],
};
const ALL_ANSWERED: AnswerInput[] = [
  { itemId: 'greeting', value: true },
  { itemId: 'identity', value: 'na' },
  { itemId: 'notice', value: true },
  { itemId: 'polite', value: 3 },
  { itemId: 'forbidden', value: true },
];

function routes(role: Parameters<typeof sessionFixture>[0], evaluation: EvaluationDetail | Response, extra: FakeRoutes = {}): FakeRoutes {
  return {
    'GET /api/v1/auth/session': sessionFixture(role),
    'GET /api/v1/today': todayFixture(),
    'GET /api/v1/qa/people': PEOPLE,
    [`GET ${BASE}`]: evaluation,
    ...extra,
  };
}

const item = (w: VueWrapper, id: string) => w.get(`[data-testid="qa-form-item"][data-item-id="${id}"]`);
const click = (w: VueWrapper, id: string, testid: string) => item(w, id).get(`[data-testid="${testid}"]`).trigger('click');

beforeEach(() => {
  localStorage.clear();
  player.seeks.length = 0;
});
afterEach(() => {
  unmountAll();
  vi.useRealTimers();
});

describe('EvaluationPage', () => {
  it('heads the page with the agent, the call in the center’s time, the reviewer, the due date and why it was sampled', async () => {
    fakeApi(routes('qa_reviewer', evaluationDetailFixture({ reason: 'complaint' })));
    const { wrapper: w } = await mountApp('/qa/evaluations/ev-1');
    expect(w.get('h1').text()).toBe('Evaluation of Wang Fang');
    expect(w.get('[data-testid="qa-evaluation-reviewer"]').text()).toBe('Rui Reviewer');
    // 02:00 UTC and 16:00 UTC in Shanghai (UTC+8)
    expect(w.get('[data-testid="qa-evaluation-call-time"]').text()).toBe('03/03/2025, 10:00');
    expect(w.get('[data-testid="qa-evaluation-due"]').text()).toContain('03/10/2025, 00:00');
    expect(w.get('[data-testid="qa-evaluation-reason"]').text()).toBe('Complaint');
    expect(w.get('[data-testid="qa-status"]').text()).toBe('Assigned');
  });

  it('lets the assigned reviewer answer, saving the answers after a pause', async () => {
    const api = fakeApi(
      routes('qa_reviewer', evaluationDetailFixture(), { [`PUT ${BASE}`]: evaluationSummaryFixture({ status: 'draft' }) }),
    );
    const { wrapper: w } = await mountApp('/qa/evaluations/ev-1');
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    // 06:02:30 UTC tomorrow: ahead of the real clock, which the page's event handlers were attached by.
    const DAY_MS = 86_400_000;
    vi.setSystemTime(new Date(Math.ceil(Date.now() / DAY_MS) * DAY_MS + (6 * 60 + 2) * 60_000 + 30_000));

    expect(w.get('[data-testid="qa-draft-status"]').text()).toBe('Answers are saved as you go');
    await click(w, 'greeting', 'qa-answer-yes');
    await click(w, 'polite', 'qa-answer-scale-3');
    expect(api.calls(`PUT ${BASE}`)).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(800);
    await flushPromises();

    expect(api.calls(`PUT ${BASE}`).map((c) => c.body)).toEqual([
      {
        answers: [
          { itemId: 'greeting', value: true },
          { itemId: 'polite', value: 3 },
        ],
      },
    ]);
    // 06:02 UTC is 14:02 in Shanghai
    expect(w.get('[data-testid="qa-draft-status"]').text()).toBe('Saved at 14:02');

    await w.get('[data-testid="player-at-42"]').trigger('click');
    await item(w, 'polite').get('[data-testid="qa-item-stamp"]').trigger('click');
    await vi.advanceTimersByTimeAsync(800);
    await flushPromises();
    expect(api.calls(`PUT ${BASE}`).at(-1)?.body).toEqual({
      answers: [
        { itemId: 'greeting', value: true },
        { itemId: 'polite', value: 3, atS: 42.3 },
      ],
    });
  });

  it('says a save failed and why, and saves again on its own', async () => {
    let attempts = 0;
    const api = fakeApi(
      routes('qa_reviewer', evaluationDetailFixture({ status: 'draft' }), {
        [`PUT ${BASE}`]: () =>
          ++attempts === 1 ? errorResponse(503, 'UNAVAILABLE', 'database unavailable') : Response.json(evaluationSummaryFixture()),
      }),
    );
    const { wrapper: w } = await mountApp('/qa/evaluations/ev-1');
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });

    await click(w, 'notice', 'qa-answer-no');
    await vi.advanceTimersByTimeAsync(800);
    await flushPromises();
    expect(w.get('[data-testid="qa-draft-status"]').text()).toBe('Not saved: database unavailable, retrying');

    await vi.advanceTimersByTimeAsync(5_000);
    await flushPromises();
    expect(api.calls(`PUT ${BASE}`).map((c) => c.body)).toEqual([
      { answers: [{ itemId: 'notice', value: false }] },
      { answers: [{ itemId: 'notice', value: false }] },
    ]);
    expect(w.get('[data-testid="qa-draft-status"]').text()).toMatch(/^Saved at \d\d:\d\d$/);
  });

  it('blocks a submission while a required item is unanswered, naming it and focusing it', async () => {
    const api = fakeApi(routes('qa_reviewer', evaluationDetailFixture({ status: 'draft', answers: ALL_ANSWERED.slice(0, 4) })));
    const { wrapper: w } = await mountApp('/qa/evaluations/ev-1');

    await w.get('[data-testid="qa-submit"]').trigger('click');
    expect(w.get('[data-testid="qa-submit-blocked"]').text()).toBe('Answer “No forbidden phrase” before submitting.');
    expect(document.activeElement?.getAttribute('data-item-id')).toBe('forbidden');
    expect(w.find('[data-testid="qa-submit-confirm"]').exists()).toBe(false);
    expect(api.calls(`POST ${BASE}/submit`)).toHaveLength(0);
  });

  it('confirms the score, saves the latest answers, then submits and offers the next evaluation', async () => {
    const submitted = evaluationDetailFixture({ status: 'submitted', answers: ALL_ANSWERED, score: 93.75, rawScore: 93.75, version: 1 });
    let current = evaluationDetailFixture({
      status: 'draft',
      answers: ALL_ANSWERED.map((a) => (a.itemId === 'polite' ? { ...a, value: 2 } : a)),
    });
    const api = fakeApi(
      routes('qa_reviewer', evaluationDetailFixture(), {
        [`GET ${BASE}`]: () => Response.json(current),
        [`PUT ${BASE}`]: evaluationSummaryFixture({ status: 'draft' }),
        [`POST ${BASE}/submit`]: () => {
          current = submitted;
          return Response.json({ score: 93.75, rawScore: 93.75, autoFailed: false, criticalFailures: [], sections: [], version: 1 });
        },
        'GET /api/v1/qa/evaluations': {
          evaluations: [
            evaluationSummaryFixture({ id: 'ev-1', status: 'draft' }),
            evaluationSummaryFixture({ id: 'ev-9', dueAt: '2025-03-12T00:00:00Z' }),
            evaluationSummaryFixture({ id: 'ev-3', dueAt: '2025-03-10T00:00:00Z' }),
          ],
        },
      }),
    );
    const { wrapper: w } = await mountApp('/qa/evaluations/ev-1');

    await click(w, 'polite', 'qa-answer-scale-3');
    await w.get('[data-testid="qa-submit"]').trigger('click');
    // (2·100 + 1·81.25) / 3 = 93.75
    expect(w.get('[data-testid="qa-submit-confirm-text"]').text()).toContain(
      'The score will be 93.8 / 100. A submitted score cannot be changed after',
    );
    expect(api.calls(`POST ${BASE}/submit`)).toHaveLength(0);

    await w.get('[data-testid="qa-submit-confirm"]').trigger('click');
    await flushPromises();

    const order = api.fetchMock.mock.calls
      .map(([url, init]) => `${init?.method ?? 'GET'} ${url.split('?')[0]}`)
      .filter((k) => k.startsWith('P'));
    expect(order).toEqual([`PUT ${BASE}`, `POST ${BASE}/submit`]);
    expect(api.calls(`PUT ${BASE}`)[0]?.body).toEqual({ answers: ALL_ANSWERED });
    expect(w.get('[data-testid="qa-submit-result"]').text()).toContain('Submitted: 93.8 / 100.');
    expect(w.get('[data-testid="qa-next-evaluation"]').attributes('href')).toBe('/qa/evaluations/ev-3');
    expect(w.find('[data-testid="qa-submit"]').exists()).toBe(false);
    expect(w.find('[data-testid="qa-answer-yes"]').exists()).toBe(false);
    expect(api.calls('GET /api/v1/qa/evaluations')[0]?.url).toContain('status=assigned%2Cdraft');
  });

  it('flushes unsaved answers when the reviewer leaves', async () => {
    const api = fakeApi(
      routes('qa_reviewer', evaluationDetailFixture(), {
        [`PUT ${BASE}`]: evaluationSummaryFixture({ status: 'draft' }),
        'GET /api/v1/qa/evaluations': { evaluations: [] },
      }),
    );
    const { wrapper: w, router } = await mountApp('/qa/evaluations/ev-1');
    await click(w, 'forbidden', 'qa-answer-no');
    await router.push('/qa/reviews');
    await flushPromises();
    expect(api.calls(`PUT ${BASE}`).map((c) => c.body)).toEqual([{ answers: [{ itemId: 'forbidden', value: false }] }]);
  });

  it('seeks the recording from an auto-check’s evidence', async () => {
    fakeApi(routes('qa_reviewer', evaluationDetailFixture()));
    const { wrapper: w } = await mountApp('/qa/evaluations/ev-1');
    await item(w, 'greeting').get('[data-testid="qa-item-evidence"]').trigger('click');
    expect(player.seeks).toEqual([0.5]);
  });

  it('starts the recording at the moment a link names (?t=), and ignores a malformed one', async () => {
    fakeApi(routes('agent', evaluationDetailFixture({ status: 'submitted', answers: ALL_ANSWERED, score: 93.75, version: 1 })));
    await mountApp('/qa/evaluations/ev-1?t=42.5');
    await flushPromises();
    expect(player.seeks).toEqual([42.5]);
    unmountAll();
    player.seeks.length = 0;
    fakeApi(routes('agent', evaluationDetailFixture({ status: 'submitted', answers: ALL_ANSWERED, score: 93.75, version: 1 })));
    await mountApp('/qa/evaluations/ev-1?t=soon');
    await flushPromises();
    expect(player.seeks).toEqual([]);
  });

  it('shows the agent their scored evaluation to respond to, read only', async () => {
    fakeApi(routes('agent', evaluationDetailFixture({ status: 'submitted', answers: ALL_ANSWERED, score: 93.75, version: 1 })));
    const { wrapper: w } = await mountApp('/qa/evaluations/ev-1');
    expect(w.find('[data-testid="qa-agent-response"]').exists()).toBe(true);
    expect(w.find('[data-testid="qa-dispute-resolution"]').exists()).toBe(false);
    expect(w.find('[data-testid="qa-submit"]').exists()).toBe(false);
    expect(w.find('[data-testid="qa-answer-yes"]').exists()).toBe(false);
    expect(w.get('[data-testid="qa-evaluation-score"]').text()).toBe('93.8 / 100');
  });

  it('shows a QA lead a disputed evaluation to resolve, with its versions', async () => {
    const version = {
      version: 1,
      kind: 'submitted' as const,
      by: 'u-qa_reviewer',
      at: '2025-03-04T06:00:00.000Z',
      score: 93.75,
      rawScore: 93.75,
      autoFailed: false,
      answers: ALL_ANSWERED,
    };
    fakeApi(
      routes(
        'qa_lead',
        evaluationDetailFixture({ status: 'disputed', answers: ALL_ANSWERED, score: 93.75, version: 1, versions: [version] }),
      ),
    );
    const { wrapper: w } = await mountApp('/qa/evaluations/ev-1');
    expect(w.find('[data-testid="qa-dispute-resolution"]').exists()).toBe(true);
    expect(w.find('[data-testid="qa-agent-response"]').exists()).toBe(false);
    expect(w.find('[data-testid="qa-versions"]').exists()).toBe(true);
    expect(w.find('[data-testid="qa-submit"]').exists()).toBe(false);
  });

  it('lets another reviewer read an open evaluation but not score it', async () => {
    fakeApi(routes('qa_reviewer', evaluationDetailFixture({ status: 'draft', reviewerId: 'u-someone-else' })));
    const { wrapper: w } = await mountApp('/qa/evaluations/ev-1');
    expect(w.find('[data-testid="qa-submit"]').exists()).toBe(false);
    expect(w.find('[data-testid="qa-answer-yes"]').exists()).toBe(false);
    expect(w.find('[data-testid="qa-versions"]').exists()).toBe(false);
  });

  it('says plainly when the evaluation is refused or missing', async () => {
    fakeApi(routes('qa_reviewer', errorResponse(403, 'FORBIDDEN')));
    const { wrapper: refused } = await mountApp('/qa/evaluations/ev-1');
    expect(refused.get('[data-testid="qa-evaluation-error"]').text()).toBe('You may not open this evaluation.');
    unmountAll();

    fakeApi(routes('qa_reviewer', errorResponse(404, 'NOT_FOUND')));
    const { wrapper: missing } = await mountApp('/qa/evaluations/ev-1');
    expect(missing.get('[data-testid="qa-evaluation-error"]').text()).toBe('There is no evaluation ev-1, or it is not in your scope.');
  });
});
