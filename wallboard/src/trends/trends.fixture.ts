/** Hand-made trend rows for the specs: every count zero unless given; rates and `value` stated by each spec. */
import type { Figures } from '@callboard/api/wire';
import type { TrendRow } from '../api/trends';

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
