/** A participant's blind score: ready to send once every item has an answer the form allows. */
import type { AnswerInput, QaFormWire } from '../../api/qa';

/**
 * Items still to answer, in the form's order: no answer, N/A where the item
 * does not allow it, or points outside 0..max. The server refuses a score
 * with any of them; saying so before sending keeps the button honest.
 */
export function unansweredItems(form: QaFormWire, answers: readonly AnswerInput[]): string[] {
  const byItem = new Map(answers.map((a) => [a.itemId, a.value]));
  return form.sections.flatMap((s) =>
    s.items
      .filter((item) => {
        const value = byItem.get(item.id);
        if (value === undefined) return true;
        if (value === 'na') return item.naAllowed !== true;
        if (item.type === 'yes_no') return typeof value !== 'boolean';
        return typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > (item.max ?? 0);
      })
      .map((item) => item.id),
  );
}
