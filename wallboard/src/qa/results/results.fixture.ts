/**
 * A small form and evaluations for the specs of the agent's and the lead's
 * screens. Scores are worked out by hand in the specs from SPEC §5.
 */
import type { AnswerInput, EvaluationDetail, EvaluationSummary, QaFormWire } from '../../api/qa';

/**
 * Two sections of equal weight:
 * - opening: greet (yes/no, weight 1, critical), identity (yes/no, weight 1, N/A allowed)
 * - courtesy: polite (scale 0–4, weight 2), patience (yes/no, weight 1)
 */
export const FORM: QaFormWire = {
  id: 'etiquette',
  version: 2,
  title: { 'zh-CN': '礼仪检查', en: 'Etiquette' },
  sections: [
    {
      id: 'opening',
      title: { 'zh-CN': '开场', en: 'Opening' },
      weight: 1,
      items: [
        { id: 'greet', type: 'yes_no', weight: 1, critical: true, text: { 'zh-CN': '问候并报公司名', en: 'Greeting with company name' } },
        { id: 'identity', type: 'yes_no', weight: 1, naAllowed: true, text: { 'zh-CN': '询问身份', en: 'Identity question' } },
      ],
    },
    {
      id: 'courtesy',
      title: { 'zh-CN': '礼貌', en: 'Courtesy' },
      weight: 1,
      items: [
        { id: 'polite', type: 'scale', max: 4, weight: 2, text: { 'zh-CN': '使用请/您', en: 'Uses please and polite forms' } },
        { id: 'patience', type: 'yes_no', weight: 1, text: { 'zh-CN': '耐心', en: 'Patience' } },
      ],
    },
  ],
};

/**
 * Scored 58.3: opening (1 + 0) / 2 = 50; courtesy (2 · 2/4 + 1 · 1) / 3 = 66.7;
 * total (50 + 66.7) / 2 = 58.3.
 */
export const FIRST_ANSWERS: AnswerInput[] = [
  { itemId: 'greet', value: true },
  { itemId: 'identity', value: false, comment: 'Did not ask for the account number', atS: 12.4 },
  { itemId: 'polite', value: 2, comment: 'Twice without 您', atS: 75 },
  { itemId: 'patience', value: true },
];
export const FIRST_SCORE = (50 + 200 / 3) / 2;

export function summary(overrides: Partial<EvaluationSummary> = {}): EvaluationSummary {
  return {
    id: 'ev-1',
    runId: 'run-1',
    callId: 'call-1',
    queue: 'billing',
    agentId: 'A-7',
    team: 'east',
    offeredAt: '2026-03-02T02:00:00.000Z',
    reviewerId: 'u-rev',
    reason: 'random',
    fillsFor: null,
    formId: FORM.id,
    formVersion: FORM.version,
    status: 'submitted',
    version: 1,
    score: FIRST_SCORE,
    rawScore: FIRST_SCORE,
    autoFailed: false,
    submittedAt: '2026-03-03T06:00:00.000Z',
    acknowledgedAt: null,
    disputedAt: null,
    disputeReason: null,
    resolvedAt: null,
    outcome: null,
    ...overrides,
  };
}

export function detail(overrides: Partial<EvaluationDetail> = {}): EvaluationDetail {
  return {
    ...summary(),
    call: null,
    recording: null,
    transcript: null,
    findings: [],
    form: FORM,
    answers: FIRST_ANSWERS,
    versions: [
      {
        version: 1,
        kind: 'submitted',
        by: 'u-rev',
        at: '2026-03-03T06:00:00.000Z',
        score: FIRST_SCORE,
        rawScore: FIRST_SCORE,
        autoFailed: false,
        answers: FIRST_ANSWERS,
      },
    ],
    ...overrides,
  };
}
