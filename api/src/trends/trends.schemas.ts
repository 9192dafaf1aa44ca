/** `GET /api/v1/trends`: the query it accepts, with the messages a 400 shows. */
import { z } from 'zod';

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

/** A filter given once, repeated (`?queue=a&queue=b`) or comma-separated (`?queue=a,b`); blanks dropped. */
const nameList = (what: string) =>
  z
    .union([z.string().max(2000), z.array(z.string().max(2000)).max(200)])
    .transform((v) =>
      (Array.isArray(v) ? v : [v])
        .flatMap((s) => s.split(','))
        .map((s) => s.trim())
        .filter(Boolean),
    )
    .describe(`one ${what}, several comma-separated, or the parameter repeated`);

const localDay = (what: string) =>
  z.iso.date({ error: `${what} must be a local day YYYY-MM-DD` }).describe(`${what} local day (center time zone), included`);

export const trendsQuerySchema = z.object({
  metric: z.enum(TREND_METRICS, { error: `metric must be one of ${TREND_METRICS.join(', ')}` }).describe('the figure `value` carries'),
  from: localDay('the first'),
  to: localDay('the last'),
  granularity: z
    .enum(TREND_GRANULARITIES, { error: `granularity must be one of ${TREND_GRANULARITIES.join(', ')}` })
    .describe('bucket size; weeks start on Monday (ISO)'),
  queue: nameList('queue').optional(),
  callType: nameList('call type').optional(),
  agent: nameList('agent id').optional(),
  team: nameList('team').optional(),
  compare: z
    .enum(TREND_COMPARISONS, { error: `compare must be one of ${TREND_COMPARISONS.join(', ')}` })
    .optional()
    .describe('previous: the same number of days right before; last_year: the same local days a year earlier'),
});
export type TrendsQuery = z.infer<typeof trendsQuerySchema>;
