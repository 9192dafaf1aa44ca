import { validateForm, type FormItem, type QaForm } from './form.js';
import { QaInputError, isRecord, type Problem } from './problems.js';

/** A reviewer's answer to one item: yes/no, points on a scale, or not applicable. */
export type Answer = boolean | number | 'na';
/** Answers keyed by item id. */
export type Answers = Record<string, Answer>;

export interface SectionScore {
  sectionId: string;
  /** 0–100; null when every item of the section is N/A (the section then leaves the total). */
  score: number | null;
}

export interface EvaluationScore {
  /** What the evaluation counts as: `rawScore`, or 0 when a critical item failed. */
  score: number;
  /** The weighted total 0–100 before critical items are applied. */
  rawScore: number;
  autoFailed: boolean;
  /** Ids of the failed critical items, in form order. */
  criticalFailures: string[];
  sections: SectionScore[];
}

/**
 * Scores answers against a form (SPEC §5): each item earns points ÷ its max
 * (yes 1, no 0); an N/A item leaves its section's denominator; a section scores
 * the weighted mean of its items, the total the weighted mean of its sections,
 * both on 0–100. A failed critical item sets `autoFailed` and `score` 0, with
 * `rawScore` kept. Throws `QaInputError` naming each bad answer: a missing
 * answer is an error (not a zero) unless the item allows N/A, where it counts
 * as N/A; so is an answer to an item the form does not have.
 */
export function scoreEvaluation(form: QaForm, answers: Answers): EvaluationScore {
  const formProblems = validateForm(form);
  if (formProblems.length > 0) throw new QaInputError(formProblems.map((p) => ({ ...p, path: `form.${p.path}` })));
  if (!isRecord(answers)) throw new QaInputError([{ path: 'answers', message: 'must be an object keyed by item id' }]);

  const problems: Problem[] = [];
  const known = new Set(form.sections.flatMap((s) => s.items.map((i) => i.id)));
  for (const id of Object.keys(answers)) {
    if (!known.has(id)) problems.push({ path: `answers.${id}`, message: `form ${form.id} v${form.version} has no such item` });
  }

  const criticalFailures: string[] = [];
  const sections: SectionScore[] = [];
  let total = 0;
  let totalWeight = 0;
  for (const section of form.sections) {
    let sum = 0;
    let weight = 0;
    for (const item of section.items) {
      const fraction = itemFraction(item, Object.hasOwn(answers, item.id) ? answers[item.id] : undefined, problems);
      if (fraction === null) continue;
      if (item.critical === true && fraction === 0) criticalFailures.push(item.id);
      sum += item.weight * fraction;
      weight += item.weight;
    }
    const score = weight > 0 ? (100 * sum) / weight : null;
    sections.push({ sectionId: section.id, score });
    if (score !== null) {
      total += section.weight * score;
      totalWeight += section.weight;
    }
  }
  if (problems.length > 0) throw new QaInputError(problems);
  if (totalWeight === 0) throw new QaInputError([{ path: 'answers', message: 'every item is N/A: there is nothing to score' }]);

  const rawScore = total / totalWeight;
  const autoFailed = criticalFailures.length > 0;
  return { score: autoFailed ? 0 : rawScore, rawScore, autoFailed, criticalFailures, sections };
}

/**
 * The share of an item's points an answer earns (0–1), null for N/A; an
 * unusable answer is recorded in `problems` and counts as N/A meanwhile.
 */
export function itemFraction(item: FormItem, answer: Answer | undefined, problems: Problem[]): number | null {
  const path = `answers.${item.id}`;
  if (answer === undefined || answer === 'na') {
    if (item.naAllowed === true) return null;
    problems.push({ path, message: answer === undefined ? 'missing: the item does not allow N/A' : 'the item does not allow N/A' });
    return null;
  }
  if (item.type === 'yes_no') {
    if (typeof answer === 'boolean') return answer ? 1 : 0;
    problems.push({ path, message: `must be true or false${item.naAllowed === true ? " or 'na'" : ''}` });
    return null;
  }
  if (typeof answer === 'number' && Number.isInteger(answer) && answer >= 0 && answer <= item.max) return answer / item.max;
  problems.push({ path, message: `must be a whole number from 0 to ${item.max}${item.naAllowed === true ? " or 'na'" : ''}` });
  return null;
}
