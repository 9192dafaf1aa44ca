/** What `GET /api/v1/trends` offers, without zod: the wallboard imports these values. */
export const TREND_METRICS = [
  'offered',
  'answered',
  'abandoned',
  'threeRingRate',
  'slAnsweredOnly',
  'slAbandonNeutral',
  'asa',
  'abandonRate',
  'aht',
  'occupancy',
  'breaches',
  'qaScore',
] as const;
export type TrendMetric = (typeof TREND_METRICS)[number];

export const TREND_GRANULARITIES = ['15m', 'hour', 'day', 'week', 'month'] as const;
export type TrendGranularity = (typeof TREND_GRANULARITIES)[number];

export const TREND_COMPARISONS = ['previous', 'last_year'] as const;
export type TrendComparison = (typeof TREND_COMPARISONS)[number];
