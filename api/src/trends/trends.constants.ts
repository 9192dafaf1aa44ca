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

/**
 * Where a trend's counts come from: per 15 minutes, queue and call type
 * (calls_15m); per hour or day by queue and call type (calls_hourly,
 * calls_daily), by queue (…_queue) or for the whole center (…_total); or the
 * calls themselves.
 */
export const TREND_SOURCES = [
  'calls_15m',
  'calls_hourly',
  'calls_hourly_queue',
  'calls_hourly_total',
  'calls_daily',
  'calls_daily_queue',
  'calls_daily_total',
  'calls',
] as const;
export type TrendSource = (typeof TREND_SOURCES)[number];
