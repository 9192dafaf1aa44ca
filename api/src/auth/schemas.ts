/** Request bodies and queries of the auth, users, keys, kiosk-token and audit routes. */
import { z } from 'zod';
import { KEY_ROLES, USER_ROLES } from './access.js';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from './passwords.js';

const name = (what: string) => z.string().trim().min(1, `${what} must not be empty`).max(100, `${what} must be at most 100 characters`);
const password = z
  .string({ message: 'must be a string' })
  .min(PASSWORD_MIN_LENGTH, `must be at least ${PASSWORD_MIN_LENGTH} characters`)
  .max(PASSWORD_MAX_LENGTH, `must be at most ${PASSWORD_MAX_LENGTH} characters`);
const idList = z.array(z.string().trim().min(1).max(100)).max(500).nullable();

export const scopeSchema = z.strictObject({ queues: idList, teams: idList });

export const loginSchema = z.strictObject({
  username: z.string({ message: 'is required' }).min(1, 'is required').max(100),
  password: z.string({ message: 'is required' }).min(1, 'is required').max(PASSWORD_MAX_LENGTH),
});

export const kioskSignInSchema = z.strictObject({ token: z.string({ message: 'is required' }).min(1, 'is required').max(200) });

export const changePasswordSchema = z.strictObject({ currentPassword: z.string({ message: 'is required' }).max(PASSWORD_MAX_LENGTH), newPassword: password });

export const createUserSchema = z.strictObject({
  username: z
    .string({ message: 'is required' })
    .regex(/^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$/, 'must be 1–64 letters, digits or . _ @ -, starting with a letter or digit'),
  password,
  role: z.enum(USER_ROLES, { message: `must be one of ${USER_ROLES.join(', ')}` }),
  displayName: name('displayName').optional(),
  scope: scopeSchema.optional(),
  agentId: z.string().trim().min(1).max(100).nullable().optional(),
});

export const updateUserSchema = z.strictObject({
  displayName: name('displayName').optional(),
  role: z.enum(USER_ROLES, { message: `must be one of ${USER_ROLES.join(', ')}` }).optional(),
  scope: scopeSchema.optional(),
  agentId: z.string().trim().min(1).max(100).nullable().optional(),
  password: password.optional(),
  disabled: z.boolean().optional(),
});

export const createKeySchema = z.strictObject({
  name: name('name'),
  role: z.enum(KEY_ROLES, { message: `must be one of ${KEY_ROLES.join(', ')}` }).optional(),
});

export const createKioskTokenSchema = z.strictObject({ name: name('name'), scope: scopeSchema });

const isoDate = z.string().refine((v) => !Number.isNaN(Date.parse(v)), 'must be an ISO 8601 date-time').transform((v) => new Date(v));

export const auditQuerySchema = z.object({
  from: isoDate.optional(),
  to: isoDate.optional(),
  action: z.string().max(100).optional(),
  actor: z.string().max(100).optional(),
  outcome: z.enum(['ok', 'denied', 'failed']).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  before: z.string().max(100).optional(),
});
