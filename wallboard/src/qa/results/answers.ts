/**
 * Answers as the screens of an agent and a lead read them: by item, with the
 * item's text in the reader's language and whether an answer earned full points.
 */
import { scoreEvaluation, type Answers, type QaForm } from '@callboard/qa';
import type { AnswerInput, QaFormWire } from '../../api/qa';

export type FormItemWire = QaFormWire['sections'][number]['items'][number];
export type AnswerValue = AnswerInput['value'];

/** The answers keyed by item id, as `@callboard/qa` scores them. */
export function answersRecord(answers: readonly AnswerInput[]): Answers {
  const record: Answers = {};
  for (const answer of answers) record[answer.itemId] = answer.value;
  return record;
}

/** Every item of a form, in form order. */
export function formItems(form: QaFormWire): FormItemWire[] {
  return form.sections.flatMap((section) => section.items);
}

/** A form's text in the reader's language; English when the language is not one a form has. */
export function localized(text: { 'zh-CN': string; en: string }, locale: string): string {
  return locale === 'zh-CN' ? text['zh-CN'] : text.en;
}

/** Whether an answer earned all of an item's points (yes, or the top of the scale); `null` for N/A. */
export function earnsFullPoints(item: FormItemWire, value: AnswerValue): boolean | null {
  if (value === 'na') return null;
  if (item.type === 'yes_no') return value === true;
  return typeof value === 'number' && value === item.max;
}

export interface LiveScore {
  score: number;
  rawScore: number;
  autoFailed: boolean;
}

/**
 * The score answers would earn (SPEC §5), or `null` while they cannot be
 * scored yet (an item unanswered that does not allow N/A, everything N/A).
 */
export function liveScore(form: QaFormWire, answers: readonly AnswerInput[]): LiveScore | null {
  try {
    // The server sends forms it has validated; scoring validates them again and refuses a broken one.
    const { score, rawScore, autoFailed } = scoreEvaluation(form as QaForm, answersRecord(answers));
    return { score, rawScore, autoFailed };
  } catch {
    return null;
  }
}

/** A score 0–100 as the QA screens show it: one decimal, "86.5". */
export function formatScore(score: number | null | undefined, locale: string): string {
  if (typeof score !== 'number' || !Number.isFinite(score)) return '—';
  return new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(score);
}

/** A change of score, signed with a true minus, one decimal: "+41.7", "−8.3", "0.0". */
export function formatScoreChange(delta: number, locale: string): string {
  const rounded = Math.round(delta * 10) / 10;
  return new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1, signDisplay: 'exceptZero' })
    .format(rounded === 0 ? 0 : rounded)
    .replace('-', '−');
}
