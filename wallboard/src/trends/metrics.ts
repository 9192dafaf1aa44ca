/**
 * What each metric of the trends page is: a count drawn as bars, or a rate,
 * a time or a score drawn as a line; and, for those computed from counts, the
 * SPEC §3 formula (`tiles/formula.ts`) whose terms the table shows.
 */
import type { TrendMetric } from '../api/trends';
import { formulaDefinition, formulaFor, type FormulaMetric, type FormulaTermName, type Translate } from '../tiles/formula';

export type MetricUnit = 'count' | 'rate' | 'seconds' | 'score';

export interface MetricSpec {
  unit: MetricUnit;
  /** The formula behind the value, term by term; none for a plain count or a mean score. */
  formula?: FormulaMetric;
}

export const METRICS: Record<TrendMetric, MetricSpec> = {
  offered: { unit: 'count' },
  answered: { unit: 'count' },
  abandoned: { unit: 'count' },
  threeRingRate: { unit: 'rate', formula: 'threeRingRate' },
  slAnsweredOnly: { unit: 'rate', formula: 'slAnsweredOnly' },
  slAbandonNeutral: { unit: 'rate', formula: 'slAbandonNeutral' },
  asa: { unit: 'seconds', formula: 'asaS' },
  abandonRate: { unit: 'rate', formula: 'abandonRate' },
  aht: { unit: 'seconds', formula: 'ahtS' },
  occupancy: { unit: 'rate', formula: 'occupancy' },
  breaches: { unit: 'count' },
  qaScore: { unit: 'score' },
};

/** Counts are summed per bucket: bars. Everything else is a ratio or a mean: a line. */
export const isCountMetric = (metric: TrendMetric) => METRICS[metric].unit === 'count';

const NO_COUNTS = {
  answeredInThreshold: 0,
  answered: 0,
  abandoned: 0,
  shortAbandoned: 0,
  abandonedInThreshold: 0,
  timedOut: 0,
  offered: 0,
  answeredWaitS: 0,
  handleS: 0,
  handled: 0,
  busyS: 0,
  availableS: 0,
};

/** The distinct terms of a formula, numerator first, in the order the definition names them. */
export function formulaTerms(metric: FormulaMetric): FormulaTermName[] {
  const formula = formulaFor(metric, NO_COUNTS);
  return [...new Set([...formula.numerator, ...formula.denominator].map((term) => term.term))];
}

/** What a metric means, in words: "Share of calls answered within three rings; …". */
export function metricHelp(metric: TrendMetric, t: Translate): string {
  return t(`trends.metrics.${metric}.help`);
}

/** A computed metric's formula in words, "Formula: answered within three rings ÷ (answered + …)"; empty for a count or a score. */
export function metricFormula(metric: TrendMetric, t: Translate): string {
  const formula = METRICS[metric].formula;
  return formula ? t('trends.formula', { formula: formulaDefinition(formulaFor(formula, NO_COUNTS), t) }) : '';
}
