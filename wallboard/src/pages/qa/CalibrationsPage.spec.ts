import { flushPromises, type VueWrapper } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EvaluationSummary, QaPeople } from '../../api/qa';
import { calibrationForm, LEAD, listEntry, openCalibration, REVIEWER_A, REVIEWER_B } from '../../qa/calibration/calibration.fixture';
import { mountApp, unmountAll } from '../../testing/mountApp';
import { errorResponse, fakeApi, sessionFixture } from '../../testing/session.fixture';
import { todayFixture } from '../../testing/today.fixture';

const ME = 'u-qa_reviewer';

const PEOPLE: QaPeople = {
  reviewers: [
    { id: LEAD, name: 'Lei', role: 'qa_lead' },
    { id: ME, name: 'Rui', role: 'qa_reviewer' },
    { id: REVIEWER_B, name: 'Bo', role: 'qa_reviewer' },
    { id: REVIEWER_A, name: 'Ann', role: 'qa_reviewer' },
  ],
  agents: [{ agentId: 'A-7', name: 'Ai Agent', team: 'east' }],
};

const otherForm = { ...calibrationForm, id: 'sales', version: 1, title: { 'zh-CN': '销售', en: 'Sales' } };

const scored = (id: string, callId: string, offeredAt: string, agentId = 'A-7') =>
  ({ id, callId, offeredAt, agentId, agentName: null, queue: 'sales', status: 'submitted' }) as EvaluationSummary;

const cells = (w: VueWrapper, field: string) => w.findAll(`[data-testid="calibration-row"] [data-testid="${field}"]`).map((c) => c.text());

beforeEach(() => localStorage.clear());
afterEach(unmountAll);

describe('CalibrationsPage', () => {
  it('lists the sessions the reviewer is in, newest first, with who is still awaited and the agreement of finished ones', async () => {
    fakeApi({
      'GET /api/v1/auth/session': sessionFixture('qa_reviewer'),
      'GET /api/v1/today': todayFixture(),
      'GET /api/v1/qa/people': PEOPLE,
      'GET /api/v1/qa/forms': { forms: [calibrationForm] },
      'GET /api/v1/qa/calibrations': {
        calibrations: [
          listEntry({
            id: 'old',
            callId: 'C-1',
            createdAt: '2025-03-03T02:00:00.000Z',
            reviewers: [ME, REVIEWER_A],
            submitted: [REVIEWER_A, LEAD, ME],
            complete: true,
            kappa: 7 / 52,
          }),
          listEntry({
            id: 'new',
            callId: 'C-2',
            createdAt: '2025-03-04T02:00:00.000Z',
            reviewers: [ME, REVIEWER_A, REVIEWER_B],
            submitted: [REVIEWER_A, LEAD],
          }),
        ],
      },
    });
    const { wrapper: w } = await mountApp('/qa/calibrations');

    expect(w.findAll('[data-testid="calibration-row"]').map((r) => r.attributes('data-calibration-id'))).toEqual(['new', 'old']);
    expect(w.findAll('[data-testid="calibration-link"]').map((a) => [a.text(), a.attributes('href')])).toEqual([
      ['C-2', '/qa/calibrations/new'],
      ['C-1', '/qa/calibrations/old'],
    ]);
    // The lead scores too: lead + 3 reviewers = 4, of whom the lead and Ann have scored.
    expect(cells(w, 'progress')).toEqual(['2 of 4 scored', '3 of 3 scored']);
    expect(cells(w, 'status')).toEqual(['Waiting for Rui and BoYour score is due', 'CompleteYou have scored']);
    // 7/52 = 0.1346…: 0.13, slight (0 to 0.20).
    expect(cells(w, 'kappa')).toEqual(['—', '0.13 Slight']);
    expect(cells(w, 'form')).toEqual(['Etiquette v2', 'Etiquette v2']);
    expect(cells(w, 'created')).toEqual(['03/04/2025, 10:00', '03/03/2025, 10:00']);
    expect(w.find('[data-testid="calibration-create"]').exists()).toBe(false);
  });

  it('says so when there is no session yet', async () => {
    fakeApi({
      'GET /api/v1/auth/session': sessionFixture('qa_reviewer'),
      'GET /api/v1/today': todayFixture(),
      'GET /api/v1/qa/people': PEOPLE,
      'GET /api/v1/qa/forms': { forms: [] },
      'GET /api/v1/qa/calibrations': { calibrations: [] },
    });
    const { wrapper: w } = await mountApp('/qa/calibrations');
    expect(w.get('[data-testid="calibrations-empty"]').text()).toBe('No calibration sessions yet.');
  });

  describe('a lead starting one', () => {
    function leadApi(post: Parameters<typeof fakeApi>[0][string]) {
      return fakeApi({
        'GET /api/v1/auth/session': sessionFixture('qa_lead'),
        'GET /api/v1/today': todayFixture(),
        'GET /api/v1/qa/people': PEOPLE,
        'GET /api/v1/qa/forms': { forms: [otherForm, calibrationForm] },
        'GET /api/v1/qa/calibrations': { calibrations: [] },
        'GET /api/v1/qa/evaluations': {
          evaluations: [
            scored('e1', 'C-1', '2025-03-03T10:00:00+08:00'),
            scored('e2', 'C-3', '2025-03-04T09:30:00+08:00'),
            scored('e3', 'C-1', '2025-03-03T10:00:00+08:00'),
          ],
        },
        'POST /api/v1/qa/calibrations': post,
        'GET /api/v1/qa/calibrations/cal-9': { ...openCalibration([]), id: 'cal-9', callId: 'C-3' },
      });
    }

    it('picks a recently scored call, reviewers other than themself and the etiquette form, then opens the new session', async () => {
      const api = leadApi(() => Response.json({ ...openCalibration([]), id: 'cal-9', callId: 'C-3' }, { status: 201 }));
      const { wrapper: w, router } = await mountApp('/qa/calibrations');

      expect(api.calls('GET /api/v1/qa/evaluations')[0]?.url).toContain('status=submitted%2Cacknowledged%2Cresolved');
      // Each call once, latest first, with its agent, queue and local time.
      expect(w.findAll('[data-testid="calibration-call-select"] option').map((o) => o.text())).toEqual([
        'Choose a call…',
        'Ai Agent · sales · 03/04/2025, 09:30 · C-3',
        'Ai Agent · sales · 03/03/2025, 10:00 · C-1',
      ]);
      // Reviewers by name; the lead scores as the lead, so is not offered.
      expect(w.findAll('[data-testid="calibration-reviewers"] label').map((l) => l.text())).toEqual(['Ann', 'Bo', 'Rui']);
      expect((w.get('[data-testid="calibration-form"]').element as HTMLSelectElement).value).toBe('etiquette');
      // No session yet: the way to start one is unfolded.
      expect((w.get('details.calibration-create').element as HTMLDetailsElement).open).toBe(true);

      await w.get('[data-testid="calibration-call-select"]').setValue('C-3');
      expect((w.get('[data-testid="calibration-call-id"]').element as HTMLInputElement).value).toBe('C-3');
      await w.get(`[data-testid="calibration-reviewer-${REVIEWER_B}"]`).setValue(true);
      await w.get(`[data-testid="calibration-reviewer-${REVIEWER_A}"]`).setValue(true);
      // The session's page is loaded on demand: the route changes once it has arrived.
      const navigated = new Promise<void>((resolve) => router.afterEach(() => resolve()));
      await w.get('[data-testid="calibration-create"]').trigger('submit');
      await navigated;

      expect(api.calls('POST /api/v1/qa/calibrations').map((c) => c.body)).toEqual([
        { callId: 'C-3', reviewers: [REVIEWER_B, REVIEWER_A], formId: 'etiquette' },
      ]);
      expect(router.currentRoute.value.fullPath).toBe('/qa/calibrations/cal-9');
    });

    it('takes a typed call id, and asks for a reviewer before sending anything', async () => {
      const api = leadApi(() => Response.json({ ...openCalibration([]), id: 'cal-9' }, { status: 201 }));
      const { wrapper: w } = await mountApp('/qa/calibrations');

      await w.get('[data-testid="calibration-call-id"]').setValue('C-77');
      await w.get('[data-testid="calibration-create"]').trigger('submit');
      await flushPromises();
      expect(w.get('[data-testid="calibration-error-reviewers"]').text()).toBe('Choose at least one reviewer.');
      expect(w.find('[data-testid="calibration-error-callId"]').exists()).toBe(false);
      expect(api.calls('POST /api/v1/qa/calibrations')).toHaveLength(0);

      await w.get(`[data-testid="calibration-reviewer-${ME}"]`).setValue(true);
      expect(w.find('[data-testid="calibration-error-reviewers"]').exists()).toBe(false);
      await w.get('[data-testid="calibration-form"]').setValue('sales');
      await w.get('[data-testid="calibration-create"]').trigger('submit');
      await flushPromises();
      expect(api.calls('POST /api/v1/qa/calibrations').map((c) => c.body)).toEqual([{ callId: 'C-77', reviewers: [ME], formId: 'sales' }]);
    });

    it('shows the server’s refusal at the field it names', async () => {
      leadApi(errorResponse(400, 'BAD_REQUEST', 'callId: no call C-404', { field: 'callId' }));
      const { wrapper: w, router } = await mountApp('/qa/calibrations');

      await w.get('[data-testid="calibration-call-id"]').setValue('C-404');
      await w.get(`[data-testid="calibration-reviewer-${REVIEWER_A}"]`).setValue(true);
      await w.get('[data-testid="calibration-create"]').trigger('submit');
      await flushPromises();

      expect(w.get('[data-testid="calibration-error-callId"]').text()).toBe('callId: no call C-404');
      expect(w.get('[data-testid="calibration-call-id"]').attributes('aria-invalid')).toBe('true');
      expect(w.find('[data-testid="calibration-create-error"]').exists()).toBe(false);
      expect(router.currentRoute.value.fullPath).toBe('/qa/calibrations');
    });
  });
});
