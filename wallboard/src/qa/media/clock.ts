/** The player's position as people read it, and as the page states it for scripts. */
import { formatDuration } from '../../format';

/** "1:05 / 4:12"; the total reads "—" until the recording's length is known. */
export function positionText(currentS: number, totalS: number | null): string {
  return `${formatDuration(currentS)} / ${totalS !== null && totalS > 0 ? formatDuration(totalS) : '—'}`;
}

/** Seconds with one decimal (12.345 → "12.3"), for `data-seconds`. */
export function secondsAttr(seconds: number): string {
  return (Number.isFinite(seconds) ? Math.max(0, seconds) : 0).toFixed(1);
}

/** A moment within the recording: never before its start nor after its end (when known). */
export function clampTime(seconds: number, durationS: number | null): number {
  if (!Number.isFinite(seconds) || seconds < 0) return 0;
  return durationS !== null && durationS > 0 ? Math.min(seconds, durationS) : seconds;
}

/** Speeds a reviewer can listen at; faster speech stays understandable up to 2×. */
export const SPEEDS = [1, 1.25, 1.5, 2] as const;
export type Speed = (typeof SPEEDS)[number];

/** The next speed up or down, staying at the ends. */
export function stepSpeed(current: number, direction: 1 | -1): Speed {
  const i = SPEEDS.findIndex((s) => s === current);
  const from = i < 0 ? 0 : i;
  return SPEEDS[Math.min(SPEEDS.length - 1, Math.max(0, from + direction))]!;
}

/** "1.25×" */
export const speedText = (speed: number): string => `${speed}×`;
