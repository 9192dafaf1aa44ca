/**
 * The transcript on the recording's time line: which line is being heard, and
 * the lines before and after a moment. Lines are ordered by start once; every
 * question after that is a binary search, so a long call costs nothing per
 * tick of the player.
 */

export interface TimedLine {
  startS: number;
  endS: number;
}

/** A line with its place in the transcript as the server sent it. */
export type OrderedLine<T extends TimedLine> = T & { index: number };

/** The lines by start time (equal starts keep the server's order). */
export function orderLines<T extends TimedLine>(lines: readonly T[]): OrderedLine<T>[] {
  return lines.map((line, index) => ({ ...line, index })).sort((a, b) => a.startS - b.startS || a.index - b.index);
}

/** How many of `lines` (ordered) start at or before `t`. */
function startedBy(lines: readonly TimedLine[], t: number): number {
  let lo = 0;
  let hi = lines.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (lines[mid]!.startS <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The position (in `lines`, ordered) of the line being heard at `t`: the last
 * one started at or before it. It stays lit through the pause after it, so the
 * highlight does not blink between turns; before the first line, −1.
 */
export function activeLine(lines: readonly TimedLine[], t: number): number {
  if (!Number.isFinite(t)) return -1;
  return startedBy(lines, t) - 1;
}

/** The first line starting after `t`, or −1 after the last. */
export function nextLine(lines: readonly TimedLine[], t: number): number {
  const i = startedBy(lines, t);
  return i < lines.length ? i : -1;
}

/**
 * The line to go back to from `t`: the start of the line being heard, unless it
 * began less than `graceS` ago (a second press while it starts), then the one
 * before it. −1 before the first line.
 */
export function previousLine(lines: readonly TimedLine[], t: number, graceS = 1): number {
  const current = activeLine(lines, t);
  if (current < 0) return -1;
  if (t - lines[current]!.startS >= graceS) return current;
  return current - 1;
}
