/**
 * Answering from the keyboard while an item has focus: Y and N for yes/no,
 * A for N/A where the item allows it, a digit for the points of a scale.
 */
import type { FormItem } from '@callboard/qa';
import type { AnswerValue } from './answers';

/** The answer a key gives the item, or null when the key means nothing for it. */
export function answerForKey(item: FormItem, key: string): AnswerValue | null {
  const k = key.toLowerCase();
  if (k === 'a') return item.naAllowed === true ? 'na' : null;
  if (item.type === 'yes_no') {
    if (k === 'y') return true;
    if (k === 'n') return false;
    return null;
  }
  if (/^[0-9]$/.test(k)) {
    const points = Number(k);
    return points <= item.max ? points : null;
  }
  return null;
}

/** The points a scale item offers, 0..max. */
export function scalePoints(max: number): number[] {
  return Array.from({ length: max + 1 }, (_, points) => points);
}
