import { flushPromises, mount, type VueWrapper } from '@vue/test-utils';
import { createPinia } from 'pinia';
import { afterEach, describe, expect, it } from 'vitest';
import type { EvaluationDetail } from '../../../api/qa';
import { createAppI18n, type AppLocale } from '../../../i18n';
import { detail, summary } from '../../../qa/results/results.fixture';
import { useSessionStore } from '../../../stores/session';
import { errorResponse, fakeApi, sessionFixture } from '../../../testing/session.fixture';
import AgentResponse from './AgentResponse.vue';

const URL = '/api/v1/qa/evaluations/ev-1';
const mounted: VueWrapper[] = [];
afterEach(() => {
  for (const w of mounted.splice(0)) w.unmount();
});

function mountResponse(evaluation: EvaluationDetail = detail(), locale: AppLocale = 'en') {
  const pinia = createPinia();
  // The center's zone comes from the session: Asia/Shanghai.
  useSessionStore(pinia).info = sessionFixture('agent');
  const wrapper = mount(AgentResponse, {
    props: { evaluation },
    global: { plugins: [pinia, createAppI18n(locale)] },
    attachTo: document.body,
  });
  mounted.push(wrapper);
  return wrapper;
}

const changed = (w: VueWrapper) => w.emitted<[EvaluationDetail]>('changed')?.map(([e]) => e) ?? [];

describe('AgentResponse', () => {
  it('shows the score and acknowledges it, handing on the server’s state', async () => {
    const api = fakeApi({
      [`POST ${URL}/acknowledge`]: summary({ status: 'acknowledged', acknowledgedAt: '2026-03-04T02:00:00.000Z' }),
    });
    const w = mountResponse();
    // (50 + 66.67) / 2 = 58.33 → one decimal
    expect(w.get('[data-testid="qa-agent-score"]').text()).toBe('58.3 / 100');

    await w.get('[data-testid="qa-acknowledge"]').trigger('click');
    await flushPromises();

    expect(api.calls(`POST ${URL}/acknowledge`)).toHaveLength(1);
    const [after] = changed(w);
    expect(after?.status).toBe('acknowledged');
    // The route answers with a summary: the form and answers shown stay.
    expect(after?.answers).toHaveLength(4);
  });

  it('says a critical failure made the score 0, with the points the items earned', () => {
    const w = mountResponse(detail({ score: 0, rawScore: 100 / 3, autoFailed: true }));
    expect(w.get('[data-testid="qa-agent-score"]').text()).toBe('0.0 / 100');
    expect(w.get('[data-testid="qa-agent-autofail"]').text()).toContain('(its items earned 33.3)');
  });

  it('opens the reason focused, requires it, counts it and sends it trimmed', async () => {
    const api = fakeApi({
      [`POST ${URL}/dispute`]: summary({ status: 'disputed', disputedAt: '2026-03-04T02:00:00.000Z', disputeReason: 'I asked at 0:20' }),
    });
    const w = mountResponse();
    await w.get('[data-testid="qa-dispute"]').trigger('click');
    const field = w.get<HTMLTextAreaElement>('[data-testid="qa-dispute-reason"]');
    expect(document.activeElement).toBe(field.element);

    await w.get('form').trigger('submit');
    await flushPromises();
    expect(w.get('[data-testid="qa-dispute-error"]').text()).toBe('Write why you dispute the score.');
    expect(field.attributes('aria-invalid')).toBe('true');
    expect(api.calls(`POST ${URL}/dispute`)).toHaveLength(0);

    await field.setValue('  I asked at 0:20  ');
    // 19 characters as typed, spaces included
    expect(w.get('[data-testid="qa-dispute-count"]').text()).toBe('19 / 2000 characters');
    expect(w.find('[data-testid="qa-dispute-error"]').exists()).toBe(false);

    await w.get('[data-testid="qa-dispute-send"]').trigger('click');
    await flushPromises();
    expect(api.calls(`POST ${URL}/dispute`).map((c) => c.body)).toEqual([{ reason: 'I asked at 0:20' }]);
    expect(changed(w).map((e) => [e.status, e.disputeReason])).toEqual([['disputed', 'I asked at 0:20']]);
  });

  it('refuses a reason over 2,000 characters before sending', async () => {
    const api = fakeApi({});
    const w = mountResponse();
    await w.get('[data-testid="qa-dispute"]').trigger('click');
    await w.get('[data-testid="qa-dispute-reason"]').setValue('x'.repeat(2003));
    expect(w.get('[data-testid="qa-dispute-count"]').text()).toBe('2003 / 2000 characters');
    expect(w.get('[data-testid="qa-dispute-error"]').text()).toBe('At most 2000 characters: 3 too many.');
    await w.get('form').trigger('submit');
    await flushPromises();
    expect(api.fetchMock).not.toHaveBeenCalled();
  });

  it('shows the server’s objection next to the field it names', async () => {
    fakeApi({
      [`POST ${URL}/dispute`]: errorResponse(400, 'BAD_REQUEST', 'reason: must not contain control characters', { field: 'reason' }),
    });
    const w = mountResponse();
    await w.get('[data-testid="qa-dispute"]').trigger('click');
    await w.get('[data-testid="qa-dispute-reason"]').setValue('Wrong score');
    await w.get('form').trigger('submit');
    await flushPromises();
    expect(w.get('[data-testid="qa-dispute-error"]').text()).toBe('reason: must not contain control characters');
    expect(changed(w)).toEqual([]);

    await fakeApiConflict(w);
  });

  it('cancels the dispute with Escape and gives focus back to the button', async () => {
    fakeApi({});
    const w = mountResponse();
    await w.get('[data-testid="qa-dispute"]').trigger('click');
    await w.get('[data-testid="qa-dispute-reason"]').trigger('keydown', { key: 'Escape' });
    await flushPromises();
    expect(w.find('[data-testid="qa-dispute-reason"]').exists()).toBe(false);
    expect(document.activeElement).toBe(w.get('[data-testid="qa-dispute"]').element);
  });

  it('tells a disputing agent what happens next, in Chinese too', () => {
    const evaluation = detail({ status: 'disputed', disputedAt: '2026-03-04T02:05:00.000Z', disputeReason: 'x' });
    expect(mountResponse(evaluation).get('[data-testid="qa-agent-done"]').text()).toBe(
      'You disputed this score on 03/04/2026, 10:05. A QA lead will review your dispute; the outcome will show here.',
    );
    expect(mountResponse(evaluation, 'zh-CN').get('[data-testid="qa-agent-done"]').text()).toContain('质检主管将审核您的申诉');
    expect(mountResponse(evaluation).find('[data-testid="qa-acknowledge"]').exists()).toBe(false);
  });
});

/** A conflict names the status field: shown in the banner with the field. */
async function fakeApiConflict(w: VueWrapper): Promise<void> {
  fakeApi({ [`POST ${URL}/dispute`]: errorResponse(409, 'CONFLICT', 'evaluation ev-1 is acknowledged', { field: 'status' }) });
  await w.get('form').trigger('submit');
  await flushPromises();
  expect(w.get('[data-testid="qa-agent-error"]').text()).toBe('status: evaluation ev-1 is acknowledged');
}
