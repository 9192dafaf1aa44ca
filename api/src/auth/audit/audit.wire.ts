/** What the audit routes send (`GET /api/v1/audit`); the wallboard's admin pages import the types. */
import { z } from 'zod';

export const auditOutcomeSchema = z.enum(['ok', 'denied', 'failed']);
export type AuditOutcome = z.infer<typeof auditOutcomeSchema>;

export const auditEntrySchema = z
  .object({
    ts: z.iso.datetime(),
    action: z.string().meta({
      description:
        'auth.login, auth.logout, auth.kiosk, access.denied, socket.denied, user.created, user.updated, user.disabled, user.enabled, user.password, key.created, key.revoked, kiosk.created, kiosk.revoked, settings.queue, settings.not_ready_limits, audit.suppressed (refusals of more senders in a minute than are tracked, counted without them)',
    }),
    outcome: auditOutcomeSchema,
    actorKind: z.enum(['user', 'kiosk', 'key', 'anonymous', 'system']),
    actorId: z.string().nullable(),
    actorName: z.string().nullable(),
    target: z.string().nullable(),
    ip: z.string().nullable(),
    detail: z.record(z.string(), z.unknown()).meta({
      description:
        'what happened; refusals and failed sign-ins beyond 10 a minute per sender and route are not written one by one but counted into one entry per minute with detail.suppressed (how many), detail.from and detail.to',
    }),
  })
  .meta({ id: 'AuditEntry', description: 'One audited action: who, what, on what, from where' });
export type AuditEntry = z.infer<typeof auditEntrySchema>;

/** `GET /api/v1/audit`: newest first; pass `next` as `before` for the following page. */
export const auditPageSchema = z.object({
  entries: z.array(auditEntrySchema),
  next: z.string().nullable().meta({ description: 'pass as `before` for the following page; null on the last page' }),
});
export type AuditPage = z.infer<typeof auditPageSchema>;
