/**
 * Passwords: argon2id (memory-hard) with the OWASP Password Storage Cheat
 * Sheet's parameters (19 MiB, 2 iterations, 1 lane): about 30 ms per hash
 * here, slow enough for guessing, cheap enough for a login burst.
 */
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

/** A readable random password for generated accounts (demo users, a first admin). */
export function generatePassword(): string {
  const words =
    'amber cedar delta ember fjord grove harbor indigo jasper kestrel lumen maple nectar onyx pewter quartz raven sierra tundra umber violet willow xenon yarrow zephyr'.split(
      ' ',
    );
  const pick = () => words[Math.floor(Math.random() * words.length)]!;
  const digits = String(Math.floor(Math.random() * 9000) + 1000);
  return `${pick()}-${pick()}-${pick()}-${digits}`;
}
