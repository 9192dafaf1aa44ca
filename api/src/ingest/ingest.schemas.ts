/** The query of `POST /api/v1/events`. */
import { z } from 'zod';

export const ingestQuerySchema = z.strictObject({
  backfill: z
    .enum(['true', 'false'], { message: 'backfill must be true or false' })
    .optional()
    .transform((v) => v === 'true')
    .meta({
      description:
        'true: a back-fill of older history — events of any age back to 2000-01-01 are accepted (never more than CALLBOARD_EVENT_MAX_AHEAD_MIN ahead). Only for API keys created with the back-fill permission (or admins); each request is audited as events.backfill.',
    }),
});
export type IngestQuery = z.infer<typeof ingestQuerySchema>;
