/**
 * The answers of one evaluation as the form screen works with them (SPEC §5):
 * the list the API sends and takes, looked up by item, kept in form order, and
 * scored live with the library the server scores with.
 */
import { scoreEvaluation, type Answers, type EvaluationScore, type FormItem, type QaForm } from '@callboard/qa';
import type { AnswerInput, QaFormWire } from '../../api/qa';

export type AnswerValue = AnswerInput['value'];

/** The form's items in reading order: section by section, item by item. */
export function formItems(form: QaFormWire): FormItem[] {
  return form.sections.flatMap((section) => section.items as FormItem[]);
}

export function answersByItem(answers: readonly AnswerInput[]): Map<string, AnswerInput> {
  return new Map(answers.map((answer) => [answer.itemId, answer]));
}

/**
 * The answers with one item's answer set (or changed), in form order so that
 * every save sends the same list for the same answers; answers to items the
 * form does not have are dropped.
 */
export function withAnswer(
  form: QaFormWire,
  answers: readonly AnswerInput[],
  itemId: string,
  change: Partial<Omit<AnswerInput, 'itemId'>> & { value?: AnswerValue },
): AnswerInput[] {
  const byItem = answersByItem(answers);
  const current = byItem.get(itemId);
  const value = change.value ?? current?.value;
  if (value === undefined) return inFormOrder(form, byItem);
  const next: AnswerInput = { itemId, value };
  const comment = 'comment' in change ? change.comment : current?.comment;
  const atS = 'atS' in change ? change.atS : current?.atS;
  if (comment !== undefined && comment !== '') next.comment = comment;
  if (atS !== undefined) next.atS = atS;
  byItem.set(itemId, next);
  return inFormOrder(form, byItem);
}

function inFormOrder(form: QaFormWire, byItem: ReadonlyMap<string, AnswerInput>): AnswerInput[] {
  return formItems(form).flatMap((item) => {
    const answer = byItem.get(item.id);
    return answer ? [answer] : [];
  });
}

/** Items with no answer yet, in form order; `required` keeps only those that do not allow N/A. */
export function unansweredItems(form: QaFormWire, answers: readonly AnswerInput[], { required = false } = {}): FormItem[] {
  const byItem = answersByItem(answers);
  return formItems(form).filter((item) => !byItem.has(item.id) && !(required && item.naAllowed === true));
}

export interface SubmitProblem {
  itemId: string;
  /** The item's text in the reader's language, for the message that names it. */
  item: string;
  reason: 'missing';
}

/**
 * What stops a submission: every required item needs an answer (an unanswered
 * item that allows N/A is scored N/A, as the server does).
 */
export function submitProblems(form: QaFormWire, answers: readonly AnswerInput[], locale: string): SubmitProblem[] {
  return unansweredItems(form, answers, { required: true }).map((item) => ({
    itemId: item.id,
    item: localized(item.text, locale),
    reason: 'missing',
  }));
}

export interface LiveScore {
  answered: number;
  total: number;
  /** Some item is still unanswered: the score covers the answered items only. */
  provisional: boolean;
  /** Null while nothing scorable has been answered (or an answer is unusable). */
  score: EvaluationScore | null;
}

/**
 * The score as the reviewer answers. With every item answered it is the
 * score the server will record; before that, a provisional score over the
 * answered items only: each unanswered item leaves its section's denominator,
 * exactly as an N/A does, so the figure is neither dragged to 0 nor inflated.
 */
export function liveScore(form: QaFormWire, answers: readonly AnswerInput[]): LiveScore {
  const items = formItems(form);
  const byItem = answersByItem(answers);
  const known: Answers = {};
  for (const item of items) {
    const answer = byItem.get(item.id);
    if (answer) known[item.id] = answer.value;
  }
  const answered = Object.keys(known).length;
  const provisional = answered < items.length;
  const scored: QaForm = provisional
    ? {
        ...(form as QaForm),
        sections: form.sections.map((section) => ({
          ...section,
          items: (section.items as FormItem[]).map((item) => (Object.hasOwn(known, item.id) ? item : { ...item, naAllowed: true })),
        })),
      }
    : (form as QaForm);
  return { answered, total: items.length, provisional, score: answered > 0 ? scoreOrNull(scored, known) : null };
}

function scoreOrNull(form: QaForm, answers: Answers): EvaluationScore | null {
  try {
    return scoreEvaluation(form, answers);
  } catch {
    // Every answered item is N/A, or an answer does not fit its item: no figure rather than a wrong one.
    return null;
  }
}

/** A form text in the reader's language: Chinese for any `zh` locale, English otherwise. */
export function localized(text: Readonly<Record<'zh-CN' | 'en', string>>, locale: string): string {
  return locale.toLowerCase().startsWith('zh') ? text['zh-CN'] : text.en;
}
