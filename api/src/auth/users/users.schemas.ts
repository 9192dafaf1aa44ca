/** Request bodies and parameters of the users routes; the scope input is shared with kiosk tokens. */
import { z } from 'zod';
import { safeText } from '../../common/text.js';
import { USER_ROLES } from '../access/roles.js';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../credentials/passwords.js';

const name = (what: string) =>
  safeText(z.string().trim().min(1, `${what} must not be empty`).max(100, `${what} must be at most 100 characters`));
export const newPasswordSchema = z
  .string({ message: 'must be a string' })
  .min(PASSWORD_MIN_LENGTH, `must be at least ${PASSWORD_MIN_LENGTH} characters`)
  .max(PASSWORD_MAX_LENGTH, `must be at most ${PASSWORD_MAX_LENGTH} characters`);
const idList = z
  .array(safeText(z.string().trim().min(1).max(100)))
  .max(500)
  .nullable();
const role = z.enum(USER_ROLES, { message: `must be one of ${USER_ROLES.join(', ')}` });
const agentId = safeText(z.string().trim().min(1).max(100))
  .nullable()
  .optional()
  .meta({ description: 'for role agent: which agent this user is' });

export const scopeInputSchema = z
  .strictObject({ queues: idList, teams: idList })
  .meta({ description: 'null: every queue / team; an empty list: none' });

export const createUserSchema = z.strictObject({
  username: z
    .string({ message: 'is required' })
    .regex(/^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$/, 'must be 1–64 letters, digits or . _ @ -, starting with a letter or digit'),
  password: newPasswordSchema,
  role,
  displayName: name('displayName').optional(),
  scope: scopeInputSchema.optional(),
  agentId,
});
export type CreateUserRequest = z.infer<typeof createUserSchema>;

/** Every field optional; `disabled: true` disables the user and ends their sessions. */
export const updateUserSchema = z.strictObject({
  displayName: name('displayName').optional(),
  role: role.optional(),
  scope: scopeInputSchema.optional(),
  agentId,
  password: newPasswordSchema.optional(),
  disabled: z.boolean().optional(),
});
export type UpdateUserRequest = z.infer<typeof updateUserSchema>;

export const userIdParamSchema = z.object({ id: z.string().meta({ description: 'user id' }) });
