/**
 * `GET /api/v1/today`: its query and its body, as zod schemas the route
 * declares and types the wallboard imports (types only: `wire.ts`).
 */
import { z } from 'zod';
import { commaList } from '../common/validation.js';
import { figuresSchema } from '../live/live.wire.js';

export const todayQuerySchema = z.object({
  queue: commaList(2000).optional().describe('one queue, or several comma-separated'),
});

/** Today's figures of a queue or of several (SPEC §3): the live `Figures` the database holds counts for, and the calls waiting. */
export const todayFiguresSchema = figuresSchema
  .pick({
    offered: true,
    answered: true,
    answeredInThreshold: true,
    abandoned: true,
    shortAbandoned: true,
    timedOut: true,
    threeRingRate: true,
    asaS: true,
    abandonRate: true,
  })
  .extend({ waiting: z.int().describe('calls in the queue now') })
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
