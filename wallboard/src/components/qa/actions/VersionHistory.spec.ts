import { flushPromises, mount, type VueWrapper } from '@vue/test-utils';
import { createPinia } from 'pinia';
import { afterEach, describe, expect, it } from 'vitest';
import type { EvaluationDetail } from '../../../api/qa';
import { createAppI18n, type AppLocale } from '../../../i18n';
import { FIRST_ANSWERS, detail } from '../../../qa/results/results.fixture';
import { useSessionStore } from '../../../stores/session';
import { fakeApi, sessionFixture } from '../../../testing/session.fixture';
import VersionHistory from './VersionHistory.vue';

const PEOPLE = {
  reviewers: [
    { id: 'u-rev', name: 'Rui Reviewer', role: 'qa_reviewer' },
    { id: 'u-lead', name: 'Lei QA Lead', role: 'qa_lead' },
  ],
  agents: [],
};

const RESOLVED = detail({
  status: 'resolved',
  disputedAt: '2026-03-04T02:05:00.000Z',
  disputeReason: 'I asked at 0:20',
  resolvedAt: '2026-03-05T02:00:00.000Z',
  outcome: 'adjusted',
  versions: [
    detail().versions[0]!,
    {
      version: 2,
      kind: 'adjusted',
      by: 'u-lead',
      at: '2026-03-05T02:00:00.000Z',
      score: 100,
      rawScore: 100,
      autoFailed: false,
      answers: [
        FIRST_ANSWERS[0]!,
        { itemId: 'identity', value: 'na', comment: 'Known caller' },
        { ...FIRST_ANSWERS[2]!, value: 4 },
        FIRST_ANSWERS[3]!,
      ],
    },
  ],
});

const mounted: VueWrapper[] = [];
afterEach(() => {
  for (const w of mounted.splice(0)) w.unmount();
});

async function mountHistory(evaluation: EvaluationDetail, locale: AppLocale = 'en') {
  fakeApi({ 'GET /api/v1/qa/people': PEOPLE });
  const pinia = createPinia();
  useSessionStore(pinia).info = sessionFixture('qa_lead');
  const wrapper = mount(VersionHistory, { props: { evaluation }, global: { plugins: [pinia, createAppI18n(locale)] } });
  mounted.push(wrapper);
  await flushPromises();
  return wrapper;
}

describe('VersionHistory', () => {
  it('lists each version with who, when, score, its change and the items that changed, the dispute between', async () => {
    const w = await mountHistory(RESOLVED);
    const versions = w.findAll('[data-testid="qa-version"]');
    expect(versions.map((v) => v.attributes('data-version'))).toEqual(['1', '2']);
    expect(versions[0]!.text()).toContain('Version 1: scored');
    expect(versions[0]!.text()).toContain('by Rui Reviewer, 03/03/2026, 14:00');
    expect(versions[0]!.find('[data-testid="qa-version-delta"]').exists()).toBe(false);

    expect(versions[1]!.text()).toContain('Version 2: adjusted');
    expect(versions[1]!.text()).toContain('by Lei QA Lead, 03/05/2026, 10:00');
    expect(versions[1]!.get('[data-testid="qa-version-score"]').text()).toBe('100.0 / 100');
    // 100 − (50 + 66.67) / 2 = +41.7
    expect(versions[1]!.get('[data-testid="qa-version-delta"]').text()).toBe('+41.7 from the previous version');
    const changes = versions[1]!.findAll('[data-testid="qa-version-change"]');
    expect(
      changes.map((c) => [
        c.get('[data-testid="item"]').text(),
        c.get('[data-testid="answer"]').text(),
        c
          .findAll('[data-testid="comment"]')
          .map((x) => x.text())
          .join(''),
      ]),
    ).toEqual([
      ['Identity question', 'No → N/A', 'comment: Known caller'],
      ['Uses please and polite forms', '2 of 4 → 4 of 4', ''],
    ]);

    const dispute = w.get('[data-testid="qa-version-dispute"]');
    expect(dispute.text()).toContain('Disputed 03/04/2026, 10:05');
    expect(dispute.text()).toContain('I asked at 0:20');
    expect(dispute.text()).toContain('Adjusted 03/05/2026, 10:00');
    // Between the two versions
    const order = w.findAll('.versions__list > li').map((li) => li.attributes('data-testid'));
    expect(order).toEqual(['qa-version', 'qa-version-dispute', 'qa-version']);
  });

  it('names the items in the reader’s language and marks an auto-fail with its raw score', async () => {
    const autoFailed = detail({
      versions: [{ ...detail().versions[0]!, score: 0, rawScore: 100 / 3, autoFailed: true }],
    });
    const w = await mountHistory(autoFailed, 'zh-CN');
    expect(w.get('[data-testid="qa-version"]').text()).toContain('一票否决 · 原始分 33.3');
    const zh = await mountHistory(RESOLVED, 'zh-CN');
    expect(zh.findAll('[data-testid="qa-version-change"]')[0]!.text()).toContain('询问身份');
  });
});
