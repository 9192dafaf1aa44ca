/**
 * Every rate on the wallboard can say how it was computed: its SPEC §3
 * definition with today's counts filled in, e.g. "answered within three rings ÷
 * (answered + abandoned − short abandoned + timed out) = 846 ÷ (896 + 103 − 20 + 0)
 * = 86.4%". `formulaFor` gives the parts (terms, signs, numbers) for any
 * rendering; `formulaText` renders them as one line in the reader's language.
 */
import type { Figures } from '@callboard/api/wire';
import { NO_VALUE, formatNumber, formatPercent, formatSeconds } from '../format';

/** vue-i18n's `t` (or any function of the same shape). */
export type Translate = (key: string, named?: Record<string, unknown>) => string;

export type FormulaMetric = 'threeRingRate' | 'slAnsweredOnly' | 'slAbandonNeutral' | 'asaS' | 'abandonRate' | 'ahtS' | 'occupancy';

/** The counts and sums of `Figures` that appear in formulas; names ending in S are seconds. */
export type FormulaTermName = keyof Pick<
  Figures,
  | 'answeredInThreshold'
  | 'answered'
  | 'abandoned'
  | 'shortAbandoned'
  | 'abandonedInThreshold'
  | 'timedOut'
  | 'offered'
  | 'answeredWaitS'
  | 'handleS'
  | 'handled'
  | 'busyS'
  | 'availableS'
>;

interface TermSpec<N extends FormulaTermName = FormulaTermName> {
  term: N;
  sign: 1 | -1;
}

const plus = <N extends FormulaTermName>(term: N): TermSpec<N> => ({ term, sign: 1 });
const minus = <N extends FormulaTermName>(term: N): TermSpec<N> => ({ term, sign: -1 });

/** SPEC §3, term by term. */
const DEFINITIONS = {
  threeRingRate: {
    unit: 'rate',
    numerator: [plus('answeredInThreshold')],
    denominator: [plus('answered'), plus('abandoned'), minus('shortAbandoned'), plus('timedOut')],
  },
  slAnsweredOnly: {
    unit: 'rate',
    numerator: [plus('answeredInThreshold')],
    denominator: [plus('answered')],
  },
  slAbandonNeutral: {
    unit: 'rate',
    numerator: [plus('answeredInThreshold'), plus('abandonedInThreshold')],
    denominator: [plus('answered'), plus('abandoned')],
  },
  asaS: {
    unit: 'seconds',
    numerator: [plus('answeredWaitS')],
    denominator: [plus('answered')],
  },
  abandonRate: {
    unit: 'rate',
    numerator: [plus('abandoned'), minus('shortAbandoned')],
    denominator: [plus('offered'), minus('shortAbandoned')],
  },
  ahtS: {
    unit: 'seconds',
    numerator: [plus('handleS')],
    denominator: [plus('handled')],
  },
  occupancy: {
    unit: 'rate',
    numerator: [plus('busyS')],
    denominator: [plus('busyS'), plus('availableS')],
  },
} as const satisfies Record<FormulaMetric, { unit: 'rate' | 'seconds'; numerator: readonly TermSpec[]; denominator: readonly TermSpec[] }>;

type TermsOf<M extends FormulaMetric> =
  (typeof DEFINITIONS)[M]['numerator'][number]['term'] | (typeof DEFINITIONS)[M]['denominator'][number]['term'];

/** Just the counts a metric's formula needs: whole `Figures`, or e.g. an hour's counts for the three-ring rate. */
export type FormulaInput<M extends FormulaMetric> = Pick<Figures, TermsOf<M>>;

export interface FormulaTerm {
  term: FormulaTermName;
  sign: 1 | -1;
  value: number;
  unit: 'count' | 'seconds';
}

export interface Formula {
  metric: FormulaMetric;
  numerator: FormulaTerm[];
  denominator: FormulaTerm[];
  /** Numerator ÷ denominator, from the terms shown; null when the denominator is 0 (SPEC §6). */
  value: number | null;
  unit: 'rate' | 'seconds';
}

export function formulaFor<M extends FormulaMetric>(metric: M, counts: FormulaInput<M>): Formula {
  const definition = DEFINITIONS[metric];
  const values = counts as unknown as Record<FormulaTermName, number>;
  const fill = (specs: readonly TermSpec[]): FormulaTerm[] =>
    specs.map(({ term, sign }) => ({
      term,
      sign,
      value: values[term],
      unit: term.endsWith('S') ? 'seconds' : 'count',
    }));
  const numerator = fill(definition.numerator);
  const denominator = fill(definition.denominator);
  const sum = (terms: FormulaTerm[]) => terms.reduce((total, t) => total + t.sign * t.value, 0);
  const below = sum(denominator);
  return {
    metric,
    numerator,
    denominator,
    value: below > 0 ? sum(numerator) / below : null,
    unit: definition.unit,
  };
}

/** i18n keys of the words for each term. */
export const TERM_KEYS: Record<FormulaTermName, string> = {
  answeredInThreshold: 'formula.term.answeredInThreshold',
  answered: 'formula.term.answered',
  abandoned: 'formula.term.abandoned',
  shortAbandoned: 'formula.term.shortAbandoned',
  abandonedInThreshold: 'formula.term.abandonedInThreshold',
  timedOut: 'formula.term.timedOut',
  offered: 'formula.term.offered',
  answeredWaitS: 'formula.term.answeredWaitS',
  handleS: 'formula.term.handleS',
  handled: 'formula.term.handled',
  busyS: 'formula.term.busyS',
  availableS: 'formula.term.availableS',
};

function side(terms: readonly FormulaTerm[], show: (term: FormulaTerm) => string, t: Translate): string {
  const text = terms
    .map((term, i) => {
      if (i === 0) return term.sign < 0 ? `−${show(term)}` : show(term);
      return `${term.sign < 0 ? '−' : '+'} ${show(term)}`;
    })
    .join(' ');
  return terms.length > 1 ? t('formula.group', { inner: text }) : text;
}

/** "definition = arithmetic = result", e.g. for a tooltip or a tile's detail line. */
export function formulaText(formula: Formula, t: Translate, locale: string): string {
  return [formulaDefinition(formula, t), formulaArithmetic(formula, t, locale), formulaResult(formula, locale)].join(' = ');
}

/** The definition in words: "answered within three rings ÷ (answered + …)". */
export function formulaDefinition(formula: Formula, t: Translate): string {
  const word = (term: FormulaTerm) => t(TERM_KEYS[term.term]);
  return `${side(formula.numerator, word, t)} ÷ ${side(formula.denominator, word, t)}`;
}

/** The same with the numbers: "846 ÷ (896 + 103 − 20 + 0)". */
export function formulaArithmetic(formula: Formula, t: Translate, locale: string): string {
  const number = (term: FormulaTerm) => (term.unit === 'seconds' ? formatSeconds(term.value, locale) : formatNumber(term.value, locale));
  return `${side(formula.numerator, number, t)} ÷ ${side(formula.denominator, number, t)}`;
}

/** The result as the wallboard shows it: "86.4%", "8.4s", or a dash without denominator. */
export function formulaResult(formula: Formula, locale: string): string {
  if (formula.value === null) return NO_VALUE;
  return formula.unit === 'rate' ? formatPercent(formula.value, locale) : formatSeconds(formula.value, locale);
}
