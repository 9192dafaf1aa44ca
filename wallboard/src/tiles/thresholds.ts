/**
 * Traffic-light levels of wallboard tiles: pure functions of a value, the
 * queue's rules and targets (SPEC §3), and what a user saved for the tile.
 */
import { AT_RISK_SHARE, type LiveQueueRules } from '@callboard/api/wire';

export type TileLevel = 'ok' | 'warn' | 'bad' | 'none';

/**
 * Where a tile changes colour. Read "better" as "higher" when `higherIsBetter`,
 * "lower" otherwise:
 * - `bad` once the value is strictly worse than `red`;
 * - `ok` while it is at least as good as `green` and strictly better than `amber`;
 * - `warn` in between.
 *
 * Two kinds of edge need that shape: a target that is met *at* the value
 * (three-ring rate 80 %: 80.0 % is ok, so `green` = 0.8), and a deadline whose
 * at-risk band *starts* at a value (SPEC §4: a call that has waited 80 % of the
 * threshold is at risk, so `amber` = 12 s warns at 12.0 s), while "past the
 * deadline" is strictly beyond it (`red` = 15 s: 15.0 s is not yet bad).
 */
export interface Thresholds {
  green: number;
  amber: number;
  red: number;
  higherIsBetter: boolean;
}

/** Figures a tile can show; the SPEC §3 names where there is one. */
export const TILE_METRICS = [
  'threeRingRate',
  'slAnsweredOnly',
  'slAbandonNeutral',
  'asaS',
  'abandonRate',
  'ahtS',
  'occupancy',
  'longestWaitS',
  'waiting',
  'offered',
  'answered',
  'abandoned',
  'staffingGap',
] as const;
export type TileMetric = (typeof TILE_METRICS)[number];

export { AT_RISK_SHARE };

/** How far below a rate target still counts as a warning rather than a miss: 5 percentage points. */
export const FLOOR_WARN_BAND = 0.05;

// Thresholds are compared with exact ratios of counts (3/4 must meet 0.75):
// keep the float noise of `0.85 - 0.05` out of the edges.
const clean = (x: number) => Math.round(x * 1e9) / 1e9;

export function tileLevel(value: number | null | undefined, thresholds: Thresholds | null): TileLevel {
  if (thresholds === null || typeof value !== 'number' || !Number.isFinite(value)) return 'none';
  const { green, amber, red, higherIsBetter } = thresholds;
  const worse = (a: number, b: number) => (higherIsBetter ? a < b : a > b);
  if (worse(value, red)) return 'bad';
  if (!worse(value, green) && worse(amber, value)) return 'ok';
  return 'warn';
}

/** A rate with a target to reach (three-ring rate): ok from the target, warn down to 5 points below, bad under that. */
export function floorThresholds(target: number, warnBand = FLOOR_WARN_BAND): Thresholds {
  const floor = clean(target - warnBand);
  return { green: target, amber: floor, red: floor, higherIsBetter: true };
}

/**
 * A ceiling (longest wait vs the three-ring threshold, ASA and abandon-rate
 * targets): warn from 80 % of it, as SPEC §4 marks items at risk, bad past it.
 */
export function ceilingThresholds(limit: number, atRiskShare = AT_RISK_SHARE): Thresholds {
  const risk = clean(limit * (1 - atRiskShare));
  return { green: risk, amber: risk, red: limit, higherIsBetter: false };
}

/**
 * Agents on hand − agents needed (Erlang C): enough is ok, one short warns,
 * two or more short is bad.
 */
export const STAFFING_GAP_THRESHOLDS: Thresholds = { green: 0, amber: -1, red: -1, higherIsBetter: true };

/**
 * The colouring a tile gets from its queue's rules, or null where the rules set
 * no target (counts, AHT, occupancy; the other SL variants, whose target is not
 * configured — the three-ring target would flatter them).
 */
export function defaultThresholds(metric: TileMetric, rules: LiveQueueRules): Thresholds | null {
  switch (metric) {
    case 'threeRingRate':
      return floorThresholds(rules.slTarget);
    case 'abandonRate':
      return rules.abandonTarget === null ? null : ceilingThresholds(rules.abandonTarget);
    case 'asaS':
      return rules.asaTargetS === null ? null : ceilingThresholds(rules.asaTargetS);
    case 'longestWaitS':
      return ceilingThresholds(rules.slThresholdS);
    case 'staffingGap':
      return STAFFING_GAP_THRESHOLDS;
    case 'slAnsweredOnly':
    case 'slAbandonNeutral':
    case 'ahtS':
    case 'occupancy':
    case 'waiting':
    case 'offered':
    case 'answered':
    case 'abandoned':
      return null;
  }
}

/**
 * What a user saves for one tile: any edge to replace (rates as fractions,
 * times in seconds), or `off` for no colour at all. Edges left out keep the
 * default; a tile without a default needs all three.
 */
export interface TileThresholdOverride {
  green?: number;
  amber?: number;
  red?: number;
  off?: boolean;
}

/** The saved form of every tile's override (e.g. in settings or local storage). */
export interface SavedTileThresholds {
  version: 1;
  tiles: Partial<Record<TileMetric, TileThresholdOverride>>;
}

export const NO_SAVED_THRESHOLDS: SavedTileThresholds = { version: 1, tiles: {} };

/** Which way a metric is better, for tiles that have no default to take it from. */
export function higherIsBetter(metric: TileMetric): boolean {
  switch (metric) {
    case 'threeRingRate':
    case 'slAnsweredOnly':
    case 'slAbandonNeutral':
    case 'occupancy':
    case 'offered':
    case 'answered':
    case 'staffingGap':
      return true;
    case 'asaS':
    case 'abandonRate':
    case 'ahtS':
    case 'longestWaitS':
    case 'waiting':
    case 'abandoned':
      return false;
  }
}

/** The thresholds in force for a tile: the default, with the user's override on top. */
export function resolveThresholds(metric: TileMetric, rules: LiveQueueRules, override?: TileThresholdOverride | null): Thresholds | null {
  const base = defaultThresholds(metric, rules);
  if (!override) return base;
  if (override.off) return null;
  const green = override.green ?? base?.green;
  const amber = override.amber ?? base?.amber;
  const red = override.red ?? base?.red;
  if (green === undefined || amber === undefined || red === undefined) return base;
  return { green, amber, red, higherIsBetter: base?.higherIsBetter ?? higherIsBetter(metric) };
}

const isMetric = (key: string): key is TileMetric => (TILE_METRICS as readonly string[]).includes(key);
const finite = (value: unknown): number | undefined => (typeof value === 'number' && Number.isFinite(value) ? value : undefined);

/**
 * Reads saved overrides from storage or the server, keeping what is valid:
 * unknown tiles, non-numeric edges and other versions are dropped, never thrown on.
 */
export function parseSavedTileThresholds(raw: unknown): SavedTileThresholds {
  if (typeof raw !== 'object' || raw === null) return NO_SAVED_THRESHOLDS;
  const { version, tiles } = raw as { version?: unknown; tiles?: unknown };
  if (version !== 1 || typeof tiles !== 'object' || tiles === null) return NO_SAVED_THRESHOLDS;
  const out: SavedTileThresholds['tiles'] = {};
  for (const [key, value] of Object.entries(tiles)) {
    if (!isMetric(key) || typeof value !== 'object' || value === null) continue;
    const entry = value as Record<string, unknown>;
    const override: TileThresholdOverride = {};
    for (const edge of ['green', 'amber', 'red'] as const) {
      const n = finite(entry[edge]);
      if (n !== undefined) override[edge] = n;
    }
    if (entry.off === true) override.off = true;
    if (Object.keys(override).length > 0) out[key] = override;
  }
  return { version: 1, tiles: out };
}
