import tQuantile from '@stdlib/stats-base-dists-t-quantile';
import { validateForm, type QaForm } from './form.js';
import { QaInputError, isFiniteNumber, isRecord, type Problem } from './problems.js';
import { itemFraction, type Answers } from './score.js';

export interface MeanWithMargin {
  n: number;
  /** null for no scores */
  mean: number | null;
  /** Half the width of the confidence interval of the mean; null below two scores. */
  marginOfError: number | null;
}

/**
 * The mean of a set of scores with the margin of error of its Student's t
 * confidence interval: t(1 − (1 − confidence)/2, n − 1) · s / √n, s the sample
 * standard deviation. Five sampled calls say less about an agent than fifty:
 * the margin says how much.
 */
export function meanWithMargin(scores: readonly number[], confidence = 0.95): MeanWithMargin {
  const problems: Problem[] = [];
  if (!isFiniteNumber(confidence) || confidence <= 0 || confidence >= 1) {
    problems.push({ path: 'confidence', message: 'must be a number between 0 and 1, e.g. 0.95' });
  }
  if (!Array.isArray(scores)) problems.push({ path: 'scores', message: 'must be a list of numbers' });
  else scores.forEach((s, i) => isFiniteNumber(s) || problems.push({ path: `scores[${i}]`, message: 'must be a finite number' }));
  if (problems.length > 0) throw new QaInputError(problems);

  const n = scores.length;
  if (n === 0) return { n, mean: null, marginOfError: null };
  const mean = scores.reduce((a, b) => a + b, 0) / n;
  if (n < 2) return { n, mean, marginOfError: null };
  const variance = scores.reduce((a, s) => a + (s - mean) ** 2, 0) / (n - 1);
  const t = tQuantile(1 - (1 - confidence) / 2, n - 1);
  return { n, mean, marginOfError: (t * Math.sqrt(variance)) / Math.sqrt(n) };
}

/**
 * Fleiss' kappa (Fleiss 1971): agreement of a fixed number of raters beyond
 * chance. `counts[subject][category]` is how many raters put the subject in
 * that category; every subject must have the same number of raters (≥ 2).
 * Returns null when every rating falls in one category: chance agreement is
 * then 1 and kappa is undefined.
 */
export function fleissKappa(counts: readonly (readonly number[])[]): number | null {
  if (!Array.isArray(counts) || counts.length === 0)
    throw new QaInputError([{ path: 'counts', message: 'must be a non-empty list of subjects' }]);
  const k = Array.isArray(counts[0]) ? counts[0].length : 0;
  const problems: Problem[] = [];
  let raters: number | undefined;
  counts.forEach((row, i) => {
    if (!Array.isArray(row) || row.length !== k || k === 0) {
      problems.push({ path: `counts[${i}]`, message: `must list a count for each of the ${k || 'same'} categories` });
      return;
    }
    let sum = 0;
    row.forEach((c, j) => {
      if (Number.isInteger(c) && c >= 0) sum += c;
      else problems.push({ path: `counts[${i}][${j}]`, message: 'must be a whole number from 0' });
    });
    raters ??= sum;
    if (sum !== raters)
      problems.push({
        path: `counts[${i}]`,
        message: `has ${sum} ratings where counts[0] has ${raters}: every subject needs the same raters`,
      });
  });
  if (raters !== undefined && raters < 2) problems.push({ path: 'counts[0]', message: 'needs at least 2 raters per subject' });
  if (problems.length > 0) throw new QaInputError(problems);

  const n = raters as number;
  const subjects = counts.length;
  // P_i: the share of agreeing rater pairs on subject i; P̄ their mean.
  const pBar = counts.reduce((a, row) => a + (row.reduce((s: number, c: number) => s + c * c, 0) - n) / (n * (n - 1)), 0) / subjects;
  // p_j: the share of all ratings in category j; P̄e = Σ p_j², the agreement expected by chance.
  let pe = 0;
  for (let j = 0; j < k; j++) {
    const pj = counts.reduce((a, row) => a + (row[j] as number), 0) / (subjects * n);
    pe += pj * pj;
  }
  if (pe === 1) return null;
  return (pBar - pe) / (1 - pe);
}

/**
 * Turns each subject's list of ratings (one per rater, e.g. the answers of
 * every reviewer to one item of one call) into the counts `fleissKappa` takes.
 * Categories are the distinct ratings, as text, in sorted order.
 */
export function countRatings(ratings: readonly (readonly (string | number | boolean)[])[]): { categories: string[]; counts: number[][] } {
  const categories = [...new Set(ratings.flat().map(String))].sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
  const index = new Map(categories.map((c, j) => [c, j]));
  const counts = ratings.map((subject) => {
    const row = categories.map(() => 0);
    for (const r of subject) row[index.get(String(r)) as number]! += 1;
    return row;
  });
  return { categories, counts };
}

export interface ReviewerDeviation {
  reviewerId: string;
  /** Mean of |reviewer − lead| over the items both scored, in item points ÷ max × 100; null when none. */
  meanAbsoluteDifference: number | null;
  comparedItems: number;
  /** Items one of the two answered N/A and the other scored (left out of the mean). */
  naMismatches: string[];
}

/**
 * In a calibration, how far each reviewer's item scores lie from the lead's:
 * the mean absolute difference of item points ÷ max (0–100) over the items
 * both scored, sorted by reviewer id. Throws `QaInputError` naming each bad answer.
 */
export function reviewerDeviation(form: QaForm, lead: Answers, reviewers: Record<string, Answers>): ReviewerDeviation[] {
  const formProblems = validateForm(form);
  if (formProblems.length > 0) throw new QaInputError(formProblems.map((p) => ({ ...p, path: `form.${p.path}` })));
  const problems: Problem[] = [];
  const items = form.sections.flatMap((s) => s.items);
  const fractions = (answers: unknown, at: string): (number | null)[] => {
    if (!isRecord(answers)) {
      problems.push({ path: at, message: 'must be an object keyed by item id' });
      return items.map(() => null);
    }
    const own: Problem[] = [];
    const out = items.map((item) =>
      itemFraction(item, Object.hasOwn(answers, item.id) ? (answers[item.id] as Answers[string]) : undefined, own),
    );
    problems.push(...own.map((p) => ({ ...p, path: p.path.replace(/^answers/, at) })));
    return out;
  };

  const leadFractions = fractions(lead, 'lead');
  const result = Object.keys(isRecord(reviewers) ? reviewers : {})
    .sort()
    .map((reviewerId): ReviewerDeviation => {
      const theirs = fractions(reviewers[reviewerId], `reviewers.${reviewerId}`);
      let sum = 0;
      let compared = 0;
      const naMismatches: string[] = [];
      items.forEach((item, i) => {
        const a = leadFractions[i] ?? null;
        const b = theirs[i] ?? null;
        if (a !== null && b !== null) {
          sum += Math.abs(a - b) * 100;
          compared += 1;
        } else if ((a === null) !== (b === null)) naMismatches.push(item.id);
      });
      return { reviewerId, meanAbsoluteDifference: compared > 0 ? sum / compared : null, comparedItems: compared, naMismatches };
    });
  if (!isRecord(reviewers)) problems.push({ path: 'reviewers', message: 'must be an object keyed by reviewer id' });
  if (problems.length > 0) throw new QaInputError(problems);
  return result;
}
