import { flushPromises, mount, type VueWrapper } from '@vue/test-utils';
import { createPinia, disposePinia, setActivePinia, type Pinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createMemoryHistory } from 'vue-router';
import type { AnswerInput, QaPeople } from '../../api/qa';
import QaFormFill from '../../components/qa/form/QaFormFill.vue';
import EvaluationMedia from '../../components/qa/media/EvaluationMedia.vue';
import { createAppI18n, type AppLocale } from '../../i18n';
import {
  ANSWERS,
  calibrationForm,
  completeCalibration,
  LEAD,
  openCalibration,
  REVIEWER_A,
  REVIEWER_B,
  toInputs,
} from '../../qa/calibration/calibration.fixture';
import { createAppRouter } from '../../router';
import { fakeApi, sessionFixture, type FakeRoutes } from '../../testing/session.fixture';
import CalibrationPage from './CalibrationPage.vue';

const PEOPLE: QaPeople = {
  reviewers: [
    { id: LEAD, name: 'Lei', role: 'qa_lead' },
    { id: REVIEWER_B, name: 'Bo', role: 'qa_reviewer' },
    { id: REVIEWER_A, name: 'Ann', role: 'qa_reviewer' },
  ],
  agents: [],
};

/** Reviewer A's session (`u-a`): the fixture's second reviewer. */
const reviewerA = () =>
  sessionFixture('qa_reviewer', { user: { id: REVIEWER_A, username: 'ann', displayName: 'Ann', role: 'qa_reviewer', agentId: null } });

const mounted: { wrapper: VueWrapper; pinia: Pinia }[] = [];

/** The page on its own, as the router shows it; the call's player is left out (no audio here). */
async function mountPage(routes: FakeRoutes, { locale = 'en' as AppLocale } = {}) {
  const api = fakeApi({ 'GET /api/v1/qa/people': PEOPLE, ...routes });
  const pinia = createPinia();
  setActivePinia(pinia);
  const router = createAppRouter(createMemoryHistory(), pinia);
  await router.push('/qa/calibrations/cal-1');
  await router.isReady();
  const wrapper = mount(CalibrationPage, {
    props: { id: 'cal-1' },
    attachTo: document.body,
    global: { plugins: [pinia, router, createAppI18n(locale)], stubs: { EvaluationMedia: true } },
  });
  mounted.push({ wrapper, pinia });
  await flushPromises();
  return { wrapper, api };
}

const texts = (w: VueWrapper, selector: string) => w.findAll(selector).map((e) => e.text());

beforeEach(() => localStorage.clear());
afterEach(() => {
  vi.useRealTimers();
  for (const { wrapper, pinia } of mounted.splice(0)) {
    wrapper.unmount();
    disposePinia(pinia);
  }
});

describe('CalibrationPage', () => {
  describe('a reviewer who has not scored', () => {
    it('shows who has scored, the call and an empty form, and nobody’s answers', async () => {
      const { wrapper: w } = await mountPage({
        'GET /api/v1/auth/session': reviewerA(),
        'GET /api/v1/qa/calibrations/cal-1': openCalibration([LEAD]),
      });

      expect(w.get('h1').text()).toBe('Calibration of call C-1001');
      expect(w.get('[data-testid="calibration-progress"]').text()).toBe('1 of 3 scored');
      expect(
        w.findAll('[data-testid="calibration-participant"]').map((p) => [p.attributes('data-user-id'), p.attributes('data-scored')]),
      ).toEqual([
        [LEAD, 'true'],
        [REVIEWER_B, 'false'],
        [REVIEWER_A, 'false'],
      ]);
      expect(texts(w, '[data-testid="calibration-participant"]')).toEqual(['✓Lei (lead)Scored', '…Bo Not yet', '…Ann (you)Not yet']);
      expect(w.get('[data-testid="calibration-own"]').text()).toContain('Score this call blind');

      const media = w.getComponent(EvaluationMedia);
      expect(media.props('callId')).toBe('C-1001');
      expect(media.props('media')).toEqual({ call: null, recording: null, transcript: null, findings: [] });
      const form = w.getComponent(QaFormFill);
      expect(form.props('form')).toEqual(calibrationForm);
      expect(form.props('answers')).toEqual([]);
      expect(form.props('readonly')).toBeFalsy();
      // The lead's answers exist on the server; none reach this screen before everyone has scored.
      expect(w.find('[data-testid="calibration-results"]').exists()).toBe(false);
      expect(w.find('[data-testid="calibration-answers"]').exists()).toBe(false);
    });

    it('sends the answers once every item is answered, after a confirmation, then shows them as the reviewer’s own', async () => {
      const mine: AnswerInput[] = [
        { itemId: 'greet', value: true },
        { itemId: 'tone', value: 'na', comment: 'Too short to judge', atS: 12.5 },
        { itemId: 'close', value: true },
      ];
      const { wrapper: w, api } = await mountPage({
        'GET /api/v1/auth/session': reviewerA(),
        'GET /api/v1/qa/calibrations/cal-1': openCalibration([LEAD]),
        // The server answers with the session alone (no form or call): the page keeps what it has.
        'PUT /api/v1/qa/calibrations/cal-1/scores': ({ body }: { body: unknown }) => {
          const {
            form: _form,
            call: _call,
            recording: _recording,
            transcript: _transcript,
            findings: _findings,
            ...view
          } = openCalibration([LEAD, REVIEWER_A]);
          return Response.json({ ...view, mine: (body as { answers: AnswerInput[] }).answers });
        },
      });
      const form = w.getComponent(QaFormFill);

      form.vm.$emit('update:answers', mine.slice(0, 2));
      await flushPromises();
      expect(w.get('[data-testid="calibration-to-answer"]').text()).toBe('1 item still to answer');
      expect(w.get('[data-testid="calibration-submit"]').attributes('disabled')).toBeDefined();

      form.vm.$emit('update:answers', mine);
      await flushPromises();
      expect(w.get('[data-testid="calibration-to-answer"]').text()).toBe('Every item is answered.');
      await w.get('[data-testid="calibration-submit"]').trigger('click');
      expect(api.calls('PUT /api/v1/qa/calibrations/cal-1/scores')).toHaveLength(0);
      expect(w.text()).toContain('A calibration score cannot be changed afterwards.');
      await w.get('[data-testid="calibration-submit-confirm"]').trigger('click');
      await flushPromises();

      expect(api.calls('PUT /api/v1/qa/calibrations/cal-1/scores').map((c) => c.body)).toEqual([{ answers: mine }]);
      expect(w.get('[data-testid="calibration-progress"]').text()).toBe('2 of 3 scored');
      expect(w.find('[data-testid="calibration-scoring"]').exists()).toBe(false);
      const own = w.get('[data-testid="calibration-mine"]').getComponent(QaFormFill);
      expect(own.props('answers')).toEqual(mine);
      expect(own.props('readonly')).toBe(true);
      expect(w.get('[data-testid="calibration-own"]').text()).toBe('You have scored this call. The results appear once everyone has.');
    });

    it('shows the server’s refusal and keeps the answers', async () => {
      const { wrapper: w } = await mountPage({
        'GET /api/v1/auth/session': reviewerA(),
        'GET /api/v1/qa/calibrations/cal-1': openCalibration([LEAD]),
        'PUT /api/v1/qa/calibrations/cal-1/scores': Response.json(
          { statusCode: 409, code: 'CONFLICT', message: 'you have already scored this calibration' },
          { status: 409 },
        ),
      });
      w.getComponent(QaFormFill).vm.$emit('update:answers', toInputs(ANSWERS[REVIEWER_A]!));
      await flushPromises();
      await w.get('[data-testid="calibration-submit"]').trigger('click');
      await w.get('[data-testid="calibration-submit-confirm"]').trigger('click');
      await flushPromises();

      expect(w.get('[data-testid="calibration-submit-error"]').text()).toContain('you have already scored this calibration');
      expect(w.getComponent(QaFormFill).props('answers')).toEqual(toInputs(ANSWERS[REVIEWER_A]!));
    });

    it('reads the session’s form version when the server sends the session without it', async () => {
      const { form: _form, ...bare } = openCalibration([]);
      const { wrapper: w, api } = await mountPage({
        'GET /api/v1/auth/session': reviewerA(),
        'GET /api/v1/qa/calibrations/cal-1': bare,
        'GET /api/v1/qa/forms/etiquette': {
          form: calibrationForm,
          versions: [1, 2],
          createdAt: '2025-03-01T00:00:00.000Z',
          createdBy: null,
        },
      });
      expect(api.calls('GET /api/v1/qa/forms/etiquette')[0]?.url).toContain('version=2');
      expect(w.getComponent(QaFormFill).props('form')).toEqual(calibrationForm);
    });
  });

  it('reads a waiting session again every 30 s, and shows the results once the last one has scored', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    let detail = openCalibration([LEAD, REVIEWER_A], ANSWERS[REVIEWER_A]);
    const { wrapper: w, api } = await mountPage({
      'GET /api/v1/auth/session': reviewerA(),
      'GET /api/v1/qa/calibrations/cal-1': () => Response.json(detail),
    });
    expect(w.get('[data-testid="calibration-progress"]').text()).toBe('2 of 3 scored');
    expect(w.get('[data-testid="calibration-mine"]').getComponent(QaFormFill).props('answers')).toEqual(toInputs(ANSWERS[REVIEWER_A]!));

    detail = completeCalibration();
    await vi.advanceTimersByTimeAsync(29_999);
    expect(api.calls('GET /api/v1/qa/calibrations/cal-1')).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    await flushPromises();
    expect(api.calls('GET /api/v1/qa/calibrations/cal-1')).toHaveLength(2);
    expect(w.get('[data-testid="calibration-progress"]').text()).toBe('3 of 3 scored');
    expect(w.get('[data-testid="calibration-overall-kappa"]').text()).toBe('κ 0.13 · Slight');

    // Complete: nothing more to wait for.
    await vi.advanceTimersByTimeAsync(60_000);
    expect(api.calls('GET /api/v1/qa/calibrations/cal-1')).toHaveLength(2);
  });

  describe('once everyone has scored', () => {
    it('shows the agreement overall and per item, everyone’s answers with the differences marked, and each reviewer against the lead', async () => {
      const { wrapper: w } = await mountPage({
        'GET /api/v1/auth/session': sessionFixture('qa_lead'),
        'GET /api/v1/qa/calibrations/cal-1': completeCalibration(),
      });

      expect(w.find('[data-testid="calibration-scoring"]').exists()).toBe(false);
      // The call stays at hand to listen to the moments the raters disagree on.
      expect(w.get('[data-testid="calibration-call"]').getComponent(EvaluationMedia).props('callId')).toBe('C-1001');
      // κ over all items = 7/52 ≈ 0.135 (worked out in results.spec.ts): slight.
      const overall = w.get('[data-testid="calibration-overall-kappa"]');
      expect(overall.text()).toBe('κ 0.13 · Slight');
      expect(overall.attributes('data-band')).toBe('slight');
      expect(w.get('[data-testid="calibration-disagreements"]').text()).toBe('2 items differ');
      expect(w.find('[data-testid="calibration-kappa-chart"]').exists()).toBe(true);

      expect(texts(w, '[data-testid="calibration-rater"]')).toEqual(['Lei (lead, you)', 'Bo', 'Ann']);
      const rows = w.findAll('[data-testid="calibration-item"]');
      expect(rows.map((r) => [r.attributes('data-item-id'), r.attributes('data-disagree')])).toEqual([
        ['greet', 'false'],
        ['tone', 'true'],
        ['close', 'true'],
      ]);
      expect(rows.map((r) => r.findAll('[data-testid="calibration-answer"]').map((c) => c.text()))).toEqual([
        ['Yes', 'Yes', 'Yes'],
        ['4/4', '2/4', 'N/A'],
        ['Yes', 'No', 'Yes'],
      ]);
      expect(rows.map((r) => r.get('[data-testid="calibration-item-kappa"]').text())).toEqual([
        'All alike: no κ',
        '−0.50 · Poor',
        '−0.50 · Poor',
      ]);
      expect(rows[1]!.get('th').text()).toBe('Tone Differs');
      expect(w.get('[data-testid="calibration-no-kappa-hint"]').text()).toContain('an item everyone answered alike has no variation');
      // Lead 100; Bo fails the critical closing item → 0; Ann 100 (tone N/A).
      expect(texts(w, '[data-testid="calibration-score"]')).toEqual(['100.0', '0.0', '100.0']);

      const deviations = w.findAll('[data-testid="calibration-deviation"]');
      expect(
        deviations.map((d) => [
          d.get('th').text(),
          d.get('[data-testid="mad"]').text(),
          d.get('[data-testid="compared"]').text(),
          d.get('[data-testid="na"]').text(),
        ]),
      ).toEqual([
        ['Bo', '50.0', '3', 'None'],
        ['Ann', '0.0', '2', 'Tone'],
      ]);
    });

    it('names the items and the bands in Chinese', async () => {
      const { wrapper: w } = await mountPage(
        {
          'GET /api/v1/auth/session': sessionFixture('qa_lead'),
          'GET /api/v1/qa/calibrations/cal-1': completeCalibration(),
        },
        { locale: 'zh-CN' },
      );
      expect(w.get('[data-testid="calibration-overall-kappa"]').text()).toBe('κ 0.13 · 轻微');
      expect(w.findAll('[data-testid="calibration-item"] th').map((th) => th.text())).toEqual(['问候', '语气 有分歧', '结束语 有分歧']);
    });
  });
});
