/**
 * `GET /api/v1/today`: its query and its body, as zod schemas the route
 * declares and types the wallboard imports (types only: `wire.ts`).
 */
import { z } from 'zod';

export const todayQuerySchema = z.object({
  queue: z
    .string()
    .max(2000)
    .transform((v) =>
      v
        .split(',')
        .map((q) => q.trim())
        .filter(Boolean),
    )
    .optional()
    .describe('one queue, or several comma-separated'),
});

const rate = (definition: string) => z.number().nullable().describe(`${definition}; null when the denominator is 0`);

/** Today's figures of a queue or of several (SPEC §3): rates are fractions 0..1. */
export const todayFiguresSchema = z
  .object({
    offered: z.int(),
    answered: z.int(),
    answeredInThreshold: z.int().describe('answered with wait ≤ the queue threshold (rings × ring cycle) in force at offer time'),
    abandoned: z.int(),
    shortAbandoned: z.int().describe('abandoned with wait < shortAbandonS; included in abandoned'),
    timedOut: z.int(),
    waiting: z.int().describe('calls in the queue now'),
    threeRingRate: rate('answeredInThreshold ÷ (answered + abandoned − shortAbandoned + timedOut)'),
    asaS: z.number().nullable().describe('mean wait of answered calls, seconds'),
    abandonRate: rate('(abandoned − shortAbandoned) ÷ (offered − shortAbandoned)'),
  })
  .meta({ id: 'TodayFigures' });

export const todayQueueSchema = z.object({ queue: z.string(), ...todayFiguresSchema.shape });

export const todayResponseSchema = z.object({
  asOf: z.iso.datetime({ offset: true }).describe("when the figures were computed, with the center's offset"),
  tz: z.string().describe("the center's IANA time zone, e.g. Asia/Shanghai"),
  day: z.iso.date().describe('the local day the figures cover'),
  demo: z.boolean().describe('true when the simulator feeds this instance'),
  queues: z.array(todayQueueSchema),
  totals: todayFiguresSchema,
});

export type TodayFigures = z.infer<typeof todayFiguresSchema>;
export type TodayQueue = z.infer<typeof todayQueueSchema>;
export type TodayResponse = z.infer<typeof todayResponseSchema>;
