/**
 * An agent's own results (SPEC §5): their scored evaluations, the ones waiting
 * for their acknowledgement first, their mean with its margin of error, how
 * often each checklist item earned full points, and the reviewers' comments.
 */
import { meanWithMargin, type MeanWithMargin } from '@callboard/qa';
import type { EvaluationDetail, EvaluationSummary } from '../../api/qa';
import { earnsFullPoints, formItems, type FormItemWire } from './answers';

/** Details loaded for item rates and comments: the newest this many evaluations. */
export const DETAILS_LIMIT = 20;

/** Newest call first; the id breaks ties so the order never wobbles. */
export function newestFirst<T extends Pick<EvaluationSummary, 'id' | 'offeredAt'>>(evaluations: readonly T[]): T[] {
  return [...evaluations].sort((a, b) => Date.parse(b.offeredAt) - Date.parse(a.offeredAt) || a.id.localeCompare(b.id));
}

/** A scored evaluation the agent has neither acknowledged nor disputed yet. */
export const awaitsAcknowledgement = (e: Pick<EvaluationSummary, 'status'>) => e.status === 'submitted';

/** The agent's list: waiting for their acknowledgement first, then the rest; each group newest first. */
export function resultsOrder(evaluations: readonly EvaluationSummary[]): EvaluationSummary[] {
  const sorted = newestFirst(evaluations);
  return [...sorted.filter(awaitsAcknowledgement), ...sorted.filter((e) => !awaitsAcknowledgement(e))];
}

/** The mean score of the listed evaluations with its 95 % margin of error (Student's t); unscored ones left out. */
export function meanScore(evaluations: readonly Pick<EvaluationSummary, 'score'>[]): MeanWithMargin {
  return meanWithMargin(evaluations.map((e) => e.score).filter((s): s is number => typeof s === 'number'));
}

/** The first and last call days of the list as instants (earliest, latest); `null` for an empty list. */
export function listedPeriod(evaluations: readonly Pick<EvaluationSummary, 'offeredAt'>[]): { from: string; to: string } | null {
  if (evaluations.length === 0) return null;
  const times = evaluations.map((e) => Date.parse(e.offeredAt));
  return { from: new Date(Math.min(...times)).toISOString(), to: new Date(Math.max(...times)).toISOString() };
}

export interface ItemRate {
  itemId: string;
  item: FormItemWire;
  /** Answers other than N/A. */
  answered: number;
  /** Of them, the ones that earned all the item's points. */
  full: number;
  /** full ÷ answered. */
  rate: number;
}

/**
 * For each checklist item, how often it earned full points across the
 * evaluations; N/A answers leave it out. Items in the order of the newest
 * evaluation's form, then items only older forms have, by id.
 */
export function itemRates(details: readonly EvaluationDetail[]): ItemRate[] {
  const byItem = new Map<string, ItemRate>();
  const order: string[] = [];
  for (const detail of newestFirst(details)) {
    const items = new Map(formItems(detail.form).map((i) => [i.id, i]));
    for (const item of items.values()) if (!order.includes(item.id)) order.push(item.id);
    for (const answer of detail.answers) {
      const item = items.get(answer.itemId);
      if (!item) continue;
      const full = earnsFullPoints(item, answer.value);
      if (full === null) continue;
      const rate = byItem.get(item.id) ?? { itemId: item.id, item, answered: 0, full: 0, rate: 0 };
      rate.answered += 1;
      if (full) rate.full += 1;
      rate.rate = rate.full / rate.answered;
      byItem.set(item.id, rate);
    }
  }
  return order.filter((id) => byItem.has(id)).map((id) => byItem.get(id)!);
}

export interface ReviewerComment {
  evaluationId: string;
  offeredAt: string;
  itemId: string;
  item: FormItemWire | null;
  comment: string;
  /** Seconds into the recording the comment is about. */
  atS: number | null;
}

/** Every non-empty comment: newest evaluation first, then by moment in the recording (comments without one last), then item. */
export function reviewerComments(details: readonly EvaluationDetail[]): ReviewerComment[] {
  const comments: ReviewerComment[] = [];
  for (const detail of newestFirst(details)) {
    const items = new Map(formItems(detail.form).map((i) => [i.id, i]));
    const own = detail.answers
      .filter((a) => (a.comment ?? '').trim() !== '')
      .map((a) => ({
        evaluationId: detail.id,
        offeredAt: detail.offeredAt,
        itemId: a.itemId,
        item: items.get(a.itemId) ?? null,
        comment: a.comment!.trim(),
        atS: typeof a.atS === 'number' && Number.isFinite(a.atS) ? a.atS : null,
      }))
      .sort((a, b) => (a.atS ?? Infinity) - (b.atS ?? Infinity) || a.itemId.localeCompare(b.itemId));
    comments.push(...own);
  }
  return comments;
}

/** The evaluation page at a moment of the recording: `?t=<seconds>` (one decimal) makes it seek there. */
export function momentLink(evaluationId: string, atS: number | null) {
  return {
    name: 'qa-evaluation',
    params: { id: evaluationId },
    query: atS === null ? {} : { t: String(Math.round(atS * 10) / 10) },
  };
}
