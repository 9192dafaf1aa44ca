/** Hand-made trend rows for the specs: every count zero unless given; rates and `value` stated by each spec. */
import type { Figures } from '@callboard/api/wire';
import type { HeatCell, TrendRow } from '../api/trends';

export const ZERO: Figures = {
  offered: 0,
  answered: 0,
  answeredInThreshold: 0,
  abandoned: 0,
  shortAbandoned: 0,
  abandonedInThreshold: 0,
  timedOut: 0,
  transferredOut: 0,
  handled: 0,
  threeRingRate: null,
  slAnsweredOnly: null,
  slAbandonNeutral: null,
  asaS: null,
  abandonRate: null,
  ahtS: null,
  occupancy: null,
  answeredWaitS: 0,
  handleS: 0,
  busyS: 0,
  availableS: 0,
};

export function row(bucket: string, value: number | null, figures: Partial<TrendRow> = {}): TrendRow {
  return { ...ZERO, bucket, value, ...figures };
}

/** The 168 cells of a weekday × hour grid, every one empty but those given (rates as each spec states them). */
export function heatCells(given: (Partial<HeatCell> & Pick<HeatCell, 'weekday' | 'hour'>)[]): HeatCell[] {
  const { occupancy: _o, transferredOut: _t, busyS: _b, availableS: _a, ...zero } = ZERO;
  return Array.from({ length: 7 * 24 }, (_, k) => {
    const cell = given.find((c) => c.weekday * 24 + c.hour === k);
    return { ...zero, weekday: Math.floor(k / 24), hour: k % 24, hours: 0, ...cell };
  });
}
