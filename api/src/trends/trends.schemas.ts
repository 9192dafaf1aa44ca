/** `GET /api/v1/trends`: the query it accepts, with the messages a 400 shows. */
import { z } from 'zod';

import { TREND_COMPARISONS, TREND_GRANULARITIES, TREND_METRICS } from './trends.constants.js';

export { TREND_COMPARISONS, TREND_GRANULARITIES, TREND_METRICS };
export type { TrendComparison, TrendGranularity, TrendMetric } from './trends.constants.js';

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

/** `GET /api/v1/trends/heatmap`: the range and the filters of a trend. */
export const trendsHeatmapQuerySchema = trendsQuerySchema.pick({
  from: true,
  to: true,
  queue: true,
  callType: true,
  agent: true,
  team: true,
});
export type TrendsHeatmapQuery = z.infer<typeof trendsHeatmapQuerySchema>;
