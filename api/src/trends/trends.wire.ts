/**
 * `GET /api/v1/trends`: its body as zod schemas the route declares and types
 * the wallboard imports (types only: `wire.ts`).
 */
import { z } from 'zod';
import { figuresSchema } from '../live/live.wire.js';
import { TREND_GRANULARITIES, TREND_METRICS, TREND_SOURCES } from './trends.constants.js';

const count = z.int().nonnegative();

/** The SPEC §3 figures of calls a bucket or cell carries: the raw counts and sums, and every rate computed from them. */
const callFigures = figuresSchema.pick({
  offered: true,
  answered: true,
  answeredInThreshold: true,
  abandoned: true,
  shortAbandoned: true,
  abandonedInThreshold: true,
  timedOut: true,
  handled: true,
  threeRingRate: true,
  slAnsweredOnly: true,
  slAbandonNeutral: true,
  asaS: true,
  abandonRate: true,
  ahtS: true,
  answeredWaitS: true,
  handleS: true,
}).shape;

/** One bucket: its local start, the chosen metric's value, and the SPEC §3 figures with the raw counts behind each rate. */
export const trendRowSchema = z
  .object({
    bucket: z.iso.datetime({ offset: true }).describe("local start of the bucket with the center's offset, e.g. 2026-03-08T00:00:00-05:00"),
    value: z.number().nullable().describe("the chosen metric's value for the bucket; null when its denominator is 0"),
    ...callFigures,
    occupancy: z
      .number()
      .nullable()
      .describe(
        'busyS ÷ (busyS + availableS) of the agents in the bucket (all, or those an agent or team filter selects); computed for metric=occupancy without a queue or call-type filter, null otherwise',
      ),
    busyS: z.number().optional().describe('metric=occupancy: seconds agents spent on call or in wrap-up in the bucket'),
    availableS: z.number().optional().describe('metric=occupancy: seconds agents were available in the bucket'),
    breachesByRule: z
      .record(z.string(), count)
      .optional()
      .describe('metric=breaches: SLA breaches (SPEC §4) that began to be in breach in the bucket, per rule'),
    qaScore: z
      .number()
      .nullable()
      .optional()
      .describe('metric=qaScore: mean score of the scored QA evaluations of calls offered in the bucket'),
    qaScoreN: count.optional().describe('metric=qaScore: how many scored evaluations the mean is over'),
  })
  .meta({ id: 'TrendRow' });

export const trendsResponseSchema = z.object({
  metric: z.enum(TREND_METRICS),
  granularity: z.enum(TREND_GRANULARITIES),
  tz: z.string().describe("the center's IANA time zone"),
  from: z.iso.date(),
  to: z.iso.date(),
  source: z
    .enum(TREND_SOURCES)
    .describe(
      'what the counts were read from: the continuous aggregate of the granularity with the fewest rows that has the filtered columns (by queue and call type, by queue, or the center total), or the calls themselves',
    ),
  rows: z.array(trendRowSchema).describe('every bucket of the range, in order; empty ones with zero counts and null rates'),
  compare: z
    .object({ from: z.iso.date(), to: z.iso.date(), rows: z.array(trendRowSchema).describe('aligned with `rows` by position') })
    .optional(),
});

/** One cell of the weekday × hour grid: every local hour of the range on that weekday at that hour, summed. */
export const trendsHeatCellSchema = z
  .object({
    weekday: z.int().min(0).max(6).describe('0 Monday … 6 Sunday, local'),
    hour: z.int().min(0).max(23).describe('local hour of day 0 … 23 (a repeated fall-back hour counts in its hour once per offset)'),
    hours: count.describe('how many hourly buckets of the range the cell sums'),
    ...callFigures,
  })
  .meta({ id: 'TrendsHeatCell' });

export const trendsHeatmapResponseSchema = z.object({
  tz: z.string().describe("the center's IANA time zone"),
  from: z.iso.date(),
  to: z.iso.date(),
  source: z.enum(TREND_SOURCES).describe('what the hourly counts were read from (as for GET /api/v1/trends at granularity=hour)'),
  cells: z.array(trendsHeatCellSchema).length(168).describe('7 × 24 cells, Monday 00:00 first, Sunday 23:00 last'),
});

export type TrendRow = z.infer<typeof trendRowSchema>;
export type TrendsHeatCell = z.infer<typeof trendsHeatCellSchema>;
export type TrendsHeatmapResponse = z.infer<typeof trendsHeatmapResponseSchema>;
export type TrendsResponse = z.infer<typeof trendsResponseSchema>;
