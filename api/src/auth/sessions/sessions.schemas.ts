/** Request bodies of the sign-in routes. */
import { z } from 'zod';
import { PASSWORD_MAX_LENGTH } from '../credentials/passwords.js';
import { newPasswordSchema } from '../users/users.schemas.js';

export const loginSchema = z.strictObject({
  username: z.string({ message: 'is required' }).min(1, 'is required').max(100),
  password: z.string({ message: 'is required' }).min(1, 'is required').max(PASSWORD_MAX_LENGTH),
});
export type LoginRequest = z.infer<typeof loginSchema>;

export const kioskSignInSchema = z.strictObject({
  token: z
    .string({ message: 'is required' })
    .min(1, 'is required')
    .max(200)
    .meta({ description: 'the fragment of a kiosk link (/kiosk#cbt_…)' }),
});
export type KioskSignInRequest = z.infer<typeof kioskSignInSchema>;

export const changePasswordSchema = z.strictObject({
  currentPassword: z.string({ message: 'is required' }).max(PASSWORD_MAX_LENGTH),
  newPassword: newPasswordSchema,
});
export type ChangePasswordRequest = z.infer<typeof changePasswordSchema>;
