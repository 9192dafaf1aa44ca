/**
 * What `GET /health` sends. Anyone gets whether each part answers; admins and
 * `metrics` keys also get the figures and the failure text, which tell an
 * outsider how busy the center is and how the database fails.
 */
import { z } from 'zod';

const status = z.enum(['ok', 'degraded']).meta({ description: 'degraded: the database or the log does not answer (status 503)' });

export const publicHealthSchema = z
  .object({
    status,
    database: z.object({ ok: z.boolean() }),
    log: z.object({ ok: z.boolean() }),
  })
  .meta({ id: 'PublicHealth', description: 'the answer to anyone who is not an admin or a metrics key' });
export type PublicHealth = z.infer<typeof publicHealthSchema>;

export const healthSchema = z
  .object({
    status,
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
      flushes: z.number().meta({ description: 'flushes of changes to the wallboards since the process started' }),
      workMs: z.number().meta({ description: 'milliseconds the live engine spent on them: folding events in and building what went out' }),
    }),
  })
  .meta({ id: 'Health', description: 'the answer to an admin session or a metrics key' });
export type Health = z.infer<typeof healthSchema>;

/** The credentials a `/health` request carried, if any: neither is required. */
export interface HealthCaller {
  /** From `Authorization: Bearer …` (null: the header is malformed). */
  bearer?: string | null;
  sessionToken?: string;
}
