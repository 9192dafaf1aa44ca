/** What the sign-in routes send (`/api/v1/auth/…`); the wallboard's session store imports the type. */
import { z } from 'zod';
import { capabilitySchema, roleSchema, scopeSchema, userRoleSchema } from '../access/access.wire.js';

/** `GET /api/v1/auth/session`, and the answer to a login or kiosk sign-in. */
export const sessionInfoSchema = z
  .object({
    kind: z.enum(['user', 'kiosk']),
    role: roleSchema,
    scope: scopeSchema.meta({ description: 'The scope in force (admins and managers: everything)' }),
    capabilities: z
      .array(capabilitySchema)
      .meta({ description: 'what the role may do: wallboard, agentDetail, trends, qaResults, qaReview, qaManage, admin, metrics, self' }),
    tz: z.string().meta({ description: "the center's time zone (CALLBOARD_TZ): every time on screen is shown in it" }),
    csrfToken: z.string().meta({ description: 'send as X-CSRF-Token with every POST, PATCH, PUT and DELETE' }),
    expiresAt: z.iso
      .datetime()
      .meta({ description: 'the session ends then unless used (each request extends it, up to absoluteExpiresAt)' }),
    absoluteExpiresAt: z.iso
      .datetime()
      .nullable()
      .meta({ description: 'the latest it can last; null for kiosk displays (until the token is revoked)' }),
    user: z
      .object({ id: z.string(), username: z.string(), displayName: z.string(), role: userRoleSchema, agentId: z.string().nullable() })
      .nullable(),
    kiosk: z.object({ id: z.string(), name: z.string() }).nullable(),
  })
  .meta({ id: 'SessionInfo', description: 'A signed-in person or kiosk display' });
export type SessionInfo = z.infer<typeof sessionInfoSchema>;
