/**
 * Keeping the line being heard in view without fighting the reader: the
 * transcript scrolls only when that line has left its box, and not at all for
 * a while after the reader scrolled it themselves.
 */

/** After the reader's own scrolling, the transcript is left alone this long. */
export const HANDS_OFF_MS = 5000;

export interface Box {
  top: number;
  height: number;
}

/**
 * The scroll position that brings `line` (its offset within the scrolled
 * content) back into `view` (the box's scroll position and height), a third
 * of the way down so the lines that follow are visible; null while it is
 * fully visible.
 */
export function followScroll(line: Box, view: Box): number | null {
  const visible = line.top >= view.top && line.top + line.height <= view.top + view.height;
  if (visible) return null;
  return Math.max(0, Math.round(line.top - view.height / 3));
}

/** Whether the transcript may scroll itself at `nowMs`, the reader last scrolled at `userAtMs`. */
export const mayFollow = (nowMs: number, userAtMs: number | null): boolean => userAtMs === null || nowMs - userAtMs >= HANDS_OFF_MS;
