import { flushPromises, mount, type VueWrapper } from '@vue/test-utils';
import { createPinia } from 'pinia';
import { afterEach, describe, expect, it } from 'vitest';
import type { AnswerInput, EvaluationDetail } from '../../../api/qa';
import { createAppI18n } from '../../../i18n';
import { FIRST_ANSWERS, detail } from '../../../qa/results/results.fixture';
import { useSessionStore } from '../../../stores/session';
import { fakeApi, sessionFixture } from '../../../testing/session.fixture';
import QaFormFill from '../form/QaFormFill.vue';
import DisputeResolution from './DisputeResolution.vue';

const URL = '/api/v1/qa/evaluations/ev-1/resolve';
const PEOPLE = {
  reviewers: [{ id: 'u-rev', name: 'Rui Reviewer', role: 'qa_reviewer' }],
  agents: [{ agentId: 'A-7', name: 'Ai Agent', team: 'east' }],
};
const DISPUTED = detail({
  status: 'disputed',
  disputedAt: '2026-03-04T02:05:00.000Z',
  disputeReason: 'I asked for the account number at 0:20',
});
/** Identity no → N/A and polite 2 → 4: opening 1/1 = 100, courtesy (2 · 4/4 + 1) / 3 = 100, total 100. */
const ADJUSTED: AnswerInput[] = [
  { itemId: 'greet', value: true },
  { itemId: 'identity', value: 'na', comment: 'Known caller' },
  { itemId: 'polite', value: 4, comment: 'Twice without 您', atS: 75 },
  { itemId: 'patience', value: true },
];

const mounted: VueWrapper[] = [];
afterEach(() => {
  for (const w of mounted.splice(0)) w.unmount();
});

async function mountResolution(evaluation: EvaluationDetail = DISPUTED) {
  const pinia = createPinia();
  useSessionStore(pinia).info = sessionFixture('qa_lead');
  const wrapper = mount(DisputeResolution, {
    props: { evaluation },
    global: { plugins: [pinia, createAppI18n('en')] },
    attachTo: document.body,
  });
  mounted.push(wrapper);
  await flushPromises();
  return wrapper;
}

const text = (w: VueWrapper, id: string) => w.get(`[data-testid="${id}"]`).text();
const changed = (w: VueWrapper) => w.emitted<[EvaluationDetail]>('changed')?.map(([e]) => e) ?? [];

describe('DisputeResolution', () => {
  it('shows who disputed, when and why', async () => {
    fakeApi({ 'GET /api/v1/qa/people': PEOPLE });
    const w = await mountResolution();
    expect(w.text()).toContain('Ai Agent disputed this score on 03/04/2026, 10:05:');
    expect(text(w, 'qa-dispute-reason-text')).toBe('I asked for the account number at 0:20');
    expect(w.find('[data-testid="qa-resolve-send"]').exists()).toBe(false);
  });

  it('upholds the score: the body names the outcome only, the confirmation says the score stays', async () => {
    const api = fakeApi({
      'GET /api/v1/qa/people': PEOPLE,
      [`POST ${URL}`]: detail({ status: 'resolved', outcome: 'upheld', resolvedAt: '2026-03-05T02:00:00.000Z' }),
    });
    const w = await mountResolution();
    await w.get('[data-testid="qa-resolve-upheld"]').trigger('click');
    expect(w.get('[data-testid="qa-resolve-upheld"]').attributes('aria-pressed')).toBe('true');
    expect(text(w, 'qa-resolve-confirmation')).toBe('Resolve as upheld: the score stays 58.3.');

    await w.get('[data-testid="qa-resolve-send"]').trigger('click');
    await flushPromises();
    expect(api.calls(`POST ${URL}`).map((c) => c.body)).toEqual([{ outcome: 'upheld' }]);
    expect(changed(w).map((e) => e.outcome)).toEqual(['upheld']);
    expect(text(w, 'qa-resolve-done')).toBe('Resolved as Upheld: unchanged.');
  });

  it('adjusts a copy of the answers, scores it live against the old score and sends every answer', async () => {
    const api = fakeApi({
      'GET /api/v1/qa/people': PEOPLE,
      [`POST ${URL}`]: detail({ status: 'resolved', outcome: 'adjusted', score: 100, rawScore: 100, answers: ADJUSTED }),
    });
    const w = await mountResolution();
    await w.get('[data-testid="qa-resolve-adjust"]').trigger('click');

    const fill = w.getComponent(QaFormFill);
    expect(fill.props('answers')).toEqual(FIRST_ANSWERS);
    expect(fill.props('answers')).not.toBe(DISPUTED.answers);
    expect(fill.props('readonly')).toBe(false);
    // Unchanged answers score as before: 58.3, a change of 0.0.
    expect(text(w, 'qa-resolve-old-score')).toBe('58.3');
    expect(text(w, 'qa-resolve-new-score')).toBe('58.3 (0.0)');

    fill.vm.$emit('update:answers', ADJUSTED);
    await flushPromises();
    // 100 − 58.33 = +41.67
    expect(text(w, 'qa-resolve-new-score')).toBe('100.0 (+41.7)');
    expect(text(w, 'qa-resolve-confirmation')).toBe('Resolve as adjusted: 58.3 → 100.0 (+41.7).');

    await w.get('[data-testid="qa-resolve-send"]').trigger('click');
    await flushPromises();
    expect(api.calls(`POST ${URL}`).map((c) => c.body)).toEqual([{ outcome: 'adjusted', answers: ADJUSTED }]);
    expect(changed(w).map((e) => [e.outcome, e.score])).toEqual([['adjusted', 100]]);
    expect(text(w, 'qa-resolve-done')).toBe('Resolved as Adjusted: 58.3 → 100.0 (+41.7).');
  });

  it('marks an adjustment that fails a critical item, and holds back incomplete answers', async () => {
    const api = fakeApi({ 'GET /api/v1/qa/people': PEOPLE });
    const w = await mountResolution();
    await w.get('[data-testid="qa-resolve-adjust"]').trigger('click');
    const fill = w.getComponent(QaFormFill);

    fill.vm.$emit(
      'update:answers',
      FIRST_ANSWERS.map((a) => (a.itemId === 'greet' ? { ...a, value: false } : a)),
    );
    await flushPromises();
    // greet is critical: the score is 0, a change of −58.3
    expect(text(w, 'qa-resolve-new-score')).toContain('0.0 (−58.3)');
    expect(text(w, 'qa-resolve-new-autofail')).toBe('auto-fail');

    fill.vm.$emit(
      'update:answers',
      FIRST_ANSWERS.filter((a) => a.itemId !== 'patience'),
    );
    await flushPromises();
    expect(text(w, 'qa-resolve-new-score')).toBe('Answer every item (or N/A where allowed) to see the new score.');
    expect(w.get('[data-testid="qa-resolve-send"]').attributes('disabled')).toBeDefined();
    await w.get('[data-testid="qa-resolve-send"]').trigger('click');
    expect(api.calls(`POST ${URL}`)).toHaveLength(0);
  });
});
