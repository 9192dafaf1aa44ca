/** The query of `GET /api/v1/audit`. */
import { z } from 'zod';
import { auditOutcomeSchema } from './audit.wire.js';

const isoDate = z
  .string()
  .refine((v) => !Number.isNaN(Date.parse(v)), 'must be an ISO 8601 date-time')
  .transform((v) => new Date(v))
  .meta({ description: 'ISO 8601 date-time' });

export const auditQuerySchema = z.object({
  from: isoDate.optional(),
  to: isoDate.optional(),
  action: z.string().max(100).optional().meta({ description: 'exact, or a prefix ending in * (user.*)' }),
  actor: z.string().max(100).optional().meta({ description: 'actor id or name' }),
  outcome: auditOutcomeSchema.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  before: z.string().max(100).optional().meta({ description: 'the `next` of the previous page' }),
});

export type AuditQuery = z.infer<typeof auditQuerySchema>;
