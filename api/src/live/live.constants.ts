/**
 * Values of the live contract that the wallboard needs at run time. Kept apart
 * from the zod schemas of `live.wire.ts` so the browser bundle imports them
 * without zod.
 */

/**
 * SPEC §4: an SLA item is *at risk* in the last 20 % of the time before its
 * deadline. The engine, the tiles and the agent grid read this one value.
 */
export const AT_RISK_SHARE = 0.2;

/** What `GET /api/v1/live/calls?figure=…` can list: the calls behind each live figure. */
export const DRILL_FIGURES = [
  'offered',
  'answered',
  'answered_in_threshold',
  'answered_late',
  'abandoned',
  'short_abandoned',
  'timed_out',
  'transferred_out',
  'waiting',
  'breached',
] as const;
export type DrillFigure = (typeof DRILL_FIGURES)[number];

/** `GET /api/v1/live/calls` pages: the size when none is asked for, and the most served. */
export const DRILL_DEFAULT_LIMIT = 50;
export const DRILL_MAX_LIMIT = 500;
