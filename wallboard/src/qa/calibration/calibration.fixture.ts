/**
 * A calibration for the specs: a three-item form, a lead and two reviewers.
 * Kappas, deviations and scores are filled in with `@callboard/qa`, as the
 * server fills them; the specs check the figures they show against values
 * worked out by hand.
 */
import { countRatings, fleissKappa, reviewerDeviation, scoreEvaluation, type Answers, type QaForm } from '@callboard/qa';
import type { AnswerInput, CalibrationDetail, CalibrationList, QaFormWire } from '../../api/qa';

export const LEAD = 'u-qa_lead';
/** Picked first by the lead, but the furthest from them: the deviations' order differs from the server's (by id). */
export const REVIEWER_B = 'u-b';
export const REVIEWER_A = 'u-a';

/** As the library types it (a scale item has its max), for the statistics below. */
const form: QaForm = {
  id: 'etiquette',
  version: 2,
  title: { 'zh-CN': '服务礼仪', en: 'Etiquette' },
  sections: [
    {
      id: 'open',
      title: { 'zh-CN': '开场', en: 'Opening' },
      weight: 60,
      items: [
        { id: 'greet', type: 'yes_no', text: { 'zh-CN': '问候', en: 'Greeting' }, weight: 1 },
        { id: 'tone', type: 'scale', max: 4, text: { 'zh-CN': '语气', en: 'Tone' }, weight: 1, naAllowed: true },
      ],
    },
    {
      id: 'end',
      title: { 'zh-CN': '结束', en: 'Closing' },
      weight: 40,
      items: [
        { id: 'close', type: 'yes_no', text: { 'zh-CN': '结束语', en: 'Closing words' }, weight: 1, critical: true, naAllowed: true },
      ],
    },
  ],
};

export const calibrationForm: QaFormWire = form;

/** Everyone's answers, by participant (the lead first). */
export const ANSWERS: Record<string, Answers> = {
  [LEAD]: { greet: true, tone: 4, close: true },
  [REVIEWER_B]: { greet: true, tone: 2, close: false },
  [REVIEWER_A]: { greet: true, tone: 'na', close: true },
};

export const toInputs = (answers: Answers): AnswerInput[] => Object.entries(answers).map(([itemId, value]) => ({ itemId, value }));

const base = {
  id: 'cal-1',
  callId: 'C-1001',
  formId: 'etiquette',
  formVersion: 2,
  createdAt: '2025-03-04T02:00:00.000Z',
  leadId: LEAD,
  reviewers: [REVIEWER_B, REVIEWER_A],
};

/** A session some have scored: what a participant sees before everyone has (their own answers at most). */
export function openCalibration(submitted: readonly string[], mine: Answers | null = null): CalibrationDetail {
  return {
    ...base,
    submitted: [...submitted],
    complete: false,
    mine: mine ? toInputs(mine) : null,
    scores: null,
    items: null,
    kappa: null,
    deviations: null,
    form: calibrationForm,
    call: null,
    recording: null,
    transcript: null,
    findings: [],
  };
}

/** The session once everyone has scored, with the server's statistics. */
export function completeCalibration(): CalibrationDetail {
  const participants = [LEAD, ...base.reviewers];
  const items = calibrationForm.sections.flatMap((s) => s.items);
  const rated = (itemId: string) => participants.map((u) => String(ANSWERS[u]![itemId] ?? 'na'));
  return {
    ...openCalibration(participants, ANSWERS[LEAD]),
    complete: true,
    scores: participants.map((u) => ({
      userId: u,
      score: scoreEvaluation(form, ANSWERS[u]!).score,
      answers: toInputs(ANSWERS[u]!),
    })),
    items: items.map((item) => ({
      itemId: item.id,
      kappa: fleissKappa(countRatings([rated(item.id)]).counts),
      ratings: Object.fromEntries(participants.map((u, i) => [u, rated(item.id)[i]!])),
    })),
    kappa: fleissKappa(countRatings(items.map((i) => rated(i.id))).counts),
    deviations: reviewerDeviation(form, ANSWERS[LEAD]!, {
      [REVIEWER_B]: ANSWERS[REVIEWER_B]!,
      [REVIEWER_A]: ANSWERS[REVIEWER_A]!,
    }),
  };
}

export function listEntry(overrides: Partial<CalibrationList['calibrations'][number]> = {}): CalibrationList['calibrations'][number] {
  return { ...base, submitted: [], complete: false, kappa: null, ...overrides };
}
