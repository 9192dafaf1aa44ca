/**
 * Bearer secrets for machines and displays (API keys `cbk_…`, kiosk tokens
 * `cbt_…`): 32 random bytes shown once at creation; only their SHA-256 is
 * stored (a high-entropy random secret needs no slow hash, unlike a password).
 */
import { createHash, randomBytes } from 'node:crypto';

export const API_KEY_PREFIX = 'cbk_';
export const KIOSK_TOKEN_PREFIX = 'cbt_';

export const hashSecret = (secret: string): string => createHash('sha256').update(secret).digest('hex');

/** A new secret `<prefix><id>_<random>`: the id is public (lists, audit), the rest is not. */
export function generateSecret(prefix: string): { id: string; secret: string; hash: string } {
  const id = randomBytes(6).toString('hex');
  const secret = `${prefix}${id}_${randomBytes(32).toString('base64url')}`;
  return { id, secret, hash: hashSecret(secret) };
}

/** A random identifier for rows that are not secrets themselves. */
export const newId = (): string => randomBytes(9).toString('base64url');
