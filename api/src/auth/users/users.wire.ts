/** What the users and scopes routes send; the wallboard's admin pages import the types. */
import { z } from 'zod';
import { scopeSchema, userRoleSchema } from '../access/access.wire.js';

export const userSchema = z
  .object({
    id: z.string(),
    username: z.string(),
    displayName: z.string(),
    role: userRoleSchema,
    scope: scopeSchema,
    agentId: z.string().nullable().meta({ description: 'The agent this user is, for the `agent` role (their own QA results)' }),
    createdAt: z.iso.datetime(),
    lastLoginAt: z.iso.datetime().nullable(),
    disabledAt: z.iso.datetime().nullable(),
  })
  .meta({ id: 'User', description: 'A person who signs in' });
export type UserView = z.infer<typeof userSchema>;

export const userListSchema = z.object({ users: z.array(userSchema) });

/** `GET /api/v1/scopes`: queues and teams seen in the data, for scope pickers. */
export const knownScopesSchema = z.object({ queues: z.array(z.string()), teams: z.array(z.string()) });
export type KnownScopes = z.infer<typeof knownScopesSchema>;
