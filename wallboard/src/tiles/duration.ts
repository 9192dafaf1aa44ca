/**
 * Waits and handle times as a clock reads them — "2:05", "1:02:05" — which a
 * wall screen takes in at a glance better than "125s". `format.ts` has
 * seconds with a unit ("8.4s") for short figures such as ASA.
 */
import { NO_VALUE } from '../format';

/** Whole seconds, rounded down (a wait shows 0:14 until it has reached 15 s): 125 → "2:05", 3725 → "1:02:05". */
export function formatDuration(seconds: number | null | undefined): string {
  if (typeof seconds !== 'number' || !Number.isFinite(seconds)) return NO_VALUE;
  const whole = Math.floor(Math.abs(seconds));
  const sign = seconds < 0 && whole > 0 ? '-' : '';
  const h = Math.floor(whole / 3600);
  const m = Math.floor((whole % 3600) / 60);
  const s = whole % 60;
  const ss = String(s).padStart(2, '0');
  return h > 0 ? `${sign}${h}:${String(m).padStart(2, '0')}:${ss}` : `${sign}${m}:${ss}`;
}
