/**
 * The display token of a wall screen, kept on the device so a TV that lost its
 * session cookie (restart, cleared cookies, a long power cut) signs in again by
 * itself without anyone typing the link again.
 */
export const KIOSK_TOKEN_KEY = 'callboard.kioskToken';

export function loadKioskToken(): string | null {
  try {
    const token = globalThis.localStorage?.getItem(KIOSK_TOKEN_KEY);
    return token ? token : null;
  } catch {
    return null; // storage disabled by policy: the link has to be opened again
  }
}

export function saveKioskToken(token: string): void {
  try {
    globalThis.localStorage?.setItem(KIOSK_TOKEN_KEY, token);
  } catch {
    // The screen then stays signed in only as long as its cookie.
  }
}

export function forgetKioskToken(): void {
  try {
    globalThis.localStorage?.removeItem(KIOSK_TOKEN_KEY);
  } catch {
    // Nothing stored then.
  }
}
