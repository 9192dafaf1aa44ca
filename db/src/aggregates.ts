import type { Db } from './driver.js';

/**
 * The continuous aggregates of calls, parents before the aggregates built on
 * them (calls → calls_15m → the hourly ones → the daily ones), so a refresh in
 * this order materialises each from its refreshed parent.
 */
export const CONTINUOUS_AGGREGATES = [
  'calls_15m',
  'calls_hourly',
  'calls_hourly_queue',
  'calls_hourly_total',
  'calls_daily',
  'calls_daily_queue',
  'calls_daily_total',
] as const;

/** Materialises every aggregate over [from, to) (whole buckets inside it), parents first. */
export async function refreshAggregates(db: Db, from: Date | string, to: Date | string): Promise<void> {
  const iso = (t: Date | string) => (t instanceof Date ? t.toISOString() : t);
  for (const view of CONTINUOUS_AGGREGATES)
    await db.exec(`CALL refresh_continuous_aggregate('${view}', '${iso(from)}'::timestamptz, '${iso(to)}'::timestamptz)`);
}
