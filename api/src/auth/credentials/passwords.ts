/**
 * Passwords: argon2id (memory-hard) with the OWASP Password Storage Cheat
 * Sheet's parameters (19 MiB, 2 iterations, 1 lane): about 30 ms per hash
 * here, slow enough for guessing, cheap enough for a login burst.
 */
import { randomBytes } from 'node:crypto';
import argon2 from 'argon2';

export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 256;

const OPTIONS = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const hashPassword = (password: string): Promise<string> => argon2.hash(password, OPTIONS);

/** A hash of nothing, verified against when the user does not exist, so both cases take the same time. */
let decoy: Promise<string> | undefined;

export async function verifyPassword(hash: string | null, password: string): Promise<boolean> {
  if (hash === null) {
    decoy ??= hashPassword('decoy password nobody has');
    await argon2.verify(await decoy, password).catch(() => false);
    return false;
  }
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}

/**
 * Crockford's base32 in lower case: no i, l, o or u, so nothing read aloud or
 * copied from a screen is mistaken for another character.
 */
export const GENERATED_PASSWORD_ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';
const GROUPS = 4;
const GROUP_LENGTH = 7;

/**
 * A random password for generated accounts (first admin, demo users, the
 * shell's `users add`): 28 characters of 5 bits each, 140 bits from the
 * operating system's CSPRNG, shown as four groups of seven (31 characters).
 */
export function generatePassword(): string {
  // 256 is a multiple of 32, so the low five bits of a random byte are uniform.
  const chars = Array.from(randomBytes(GROUPS * GROUP_LENGTH), (b) => GENERATED_PASSWORD_ALPHABET[b & 31]!).join('');
  return chars.match(new RegExp(`.{${GROUP_LENGTH}}`, 'g'))!.join('-');
}
