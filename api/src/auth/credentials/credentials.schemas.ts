/** Request bodies and parameters of the API key and kiosk-token routes. */
import { z } from 'zod';
import { safeText } from '../../common/text.js';
import { KEY_ROLES } from '../access/roles.js';
import { scopeInputSchema } from '../users/users.schemas.js';

const name = safeText(z.string().trim().min(1, 'name must not be empty').max(100, 'name must be at most 100 characters'));

export const createKeySchema = z.strictObject({
  name: name.meta({ description: 'what the key is for, e.g. asterisk-1' }),
  role: z
    .enum(KEY_ROLES, { message: `must be one of ${KEY_ROLES.join(', ')}` })
    .optional()
    .meta({ description: 'default ingest' }),
  backfill: z
    .boolean({ message: 'backfill must be true or false' })
    .optional()
    .meta({ description: 'true: the (ingest) key may also post events older than the ingest window, POST /api/v1/events?backfill=true' }),
});
export type CreateApiKeyRequest = z.infer<typeof createKeySchema>;

export const createKioskTokenSchema = z.strictObject({
  name: name.meta({ description: 'which display, e.g. 2F east TV' }),
  scope: scopeInputSchema,
});

export const keyIdParamSchema = z.object({ id: z.string().meta({ description: 'key id' }) });
export const kioskTokenIdParamSchema = z.object({ id: z.string().meta({ description: 'kiosk token id' }) });
