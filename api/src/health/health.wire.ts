/** What `GET /health` sends: each part of the pipeline, and whether it answers. */
import { z } from 'zod';

export const healthSchema = z
  .object({
    status: z.enum(['ok', 'degraded']).meta({ description: 'degraded: the database or the log does not answer (status 503)' }),
    database: z.object({ ok: z.boolean(), kind: z.string(), latencyMs: z.number().optional(), detail: z.string().optional() }),
    log: z.object({ ok: z.boolean(), kind: z.enum(['redis', 'embedded']), detail: z.string().optional() }),
    writer: z.object({
      lagEntries: z.number().meta({ description: 'entries in the log not yet committed to the database' }),
      lagSeconds: z.number().meta({ description: 'age of the oldest such entry' }),
    }),
    live: z.object({
      ready: z.boolean(),
      day: z.string().meta({ description: 'the local day the live state holds' }),
      lastEventAt: z.string().nullable().meta({ description: 'ts of the newest event applied' }),
      events: z.number(),
      calls: z.number(),
      agents: z.number(),
    }),
  })
  .meta({ id: 'Health' });
export type Health = z.infer<typeof healthSchema>;
