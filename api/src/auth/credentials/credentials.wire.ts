/** What the API key and kiosk-token routes send; the wallboard's admin pages import the types. */
import { z } from 'zod';
import { keyRoleSchema, scopeSchema } from '../access/access.wire.js';

const createdBy = z.string().nullable().meta({ description: 'who created it' });

export const apiKeySchema = z
  .object({
    id: z.string(),
    name: z.string(),
    role: keyRoleSchema,
    createdAt: z.iso.datetime(),
    createdBy,
    lastUsedAt: z.iso.datetime().nullable(),
    revokedAt: z.iso.datetime().nullable(),
  })
  .meta({ id: 'ApiKey', description: 'An API key without its secret' });
export type ApiKeyView = z.infer<typeof apiKeySchema>;

export const apiKeyListSchema = z.object({ keys: z.array(apiKeySchema) });

/** `POST /api/v1/keys`: the secret is shown this once. */
export const createdApiKeySchema = z.object({
  key: apiKeySchema,
  secret: z.string().meta({ description: 'cbk_…: shown this once, only its hash is stored' }),
});
export type CreatedApiKey = z.infer<typeof createdApiKeySchema>;

export const kioskTokenSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    scope: scopeSchema,
    createdAt: z.iso.datetime(),
    createdBy,
    lastUsedAt: z.iso.datetime().nullable(),
    revokedAt: z.iso.datetime().nullable(),
  })
  .meta({ id: 'KioskToken', description: 'A kiosk display token without its secret' });
export type KioskTokenView = z.infer<typeof kioskTokenSchema>;

export const kioskTokenListSchema = z.object({ tokens: z.array(kioskTokenSchema) });

/** `POST /api/v1/kiosk-tokens`: the URL (holding the secret) is shown this once. */
export const createdKioskTokenSchema = z.object({
  token: kioskTokenSchema,
  secret: z.string().meta({ description: 'cbt_…: shown this once, only its hash is stored' }),
  url: z.string().meta({
    description:
      'the link a TV opens: https://…/kiosk#<token> from CALLBOARD_PUBLIC_URL or an allowed origin, else relative (/kiosk#<token>): resolve it against the address Callboard is reached at',
  }),
});
export type CreatedKioskToken = z.infer<typeof createdKioskTokenSchema>;
