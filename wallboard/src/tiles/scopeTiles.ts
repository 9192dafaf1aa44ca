/**
 * The wallboard's tiles for the scope on screen (one queue, a team, or all the
 * queues a person may see): what each shows, its colour, its target and the
 * formula behind it. Pure: the page passes the live state, the server's clock
 * and what the user saved; components only format.
 */
import type { AgentCounts, DrillFigure, Figures, LiveQueue, LiveQueueRules } from '@callboard/api/wire';
import { formulaFor, type Formula } from './formula';
import { longestWaitNowOf } from './longestWait';
import { scopeSlTarget } from './targets';
import { resolveThresholds, tileLevel, type SavedTileThresholds, type Thresholds, type TileLevel, type TileMetric } from './thresholds';

export type TileUnit = 'count' | 'rate' | 'seconds' | 'duration' | 'signed';

export interface TileModel {
  metric: TileMetric;
  value: number | null;
  unit: TileUnit;
  level: TileLevel;
  thresholds: Thresholds | null;
  /** What the figure is held to, where the rules set something (rates: fraction; times: seconds). */
  target: { value: number; mixed: boolean } | null;
  /** SPEC §3 with today's counts, for the rates and averages. */
  formula: Formula | null;
  /** The calls behind the figure (`GET /api/v1/live/calls?figure=…`). */
  drill: DrillFigure | null;
}

export interface StaffingSummary {
  /** Agents needed now for the target (Erlang C), summed over the queues; null before any traffic. */
  required: number | null;
  /** Same with abandonment taken into account (Erlang A). */
  requiredErlangA: number | null;
  /** Logged in and not in not-ready. */
  staffed: number;
  /** staffed − required; negative when short. */
  gap: number | null;
}

export interface ScopeTilesInput {
  queues: readonly LiveQueue[];
  totals: Figures;
  agents: AgentCounts;
  /** The server's clock, ms: the longest wait ticks by it. */
  serverNowMs: number;
  saved: SavedTileThresholds;
}

const minOf = (values: readonly (number | null)[]): number | null => {
  const set = values.filter((v): v is number => v !== null);
  return set.length ? Math.min(...set) : null;
};

/**
 * The rules tiles of several queues are coloured by: the three-ring target
 * weighted by calls offered (`scopeSlTarget`), and for ceilings (threshold,
 * ASA and abandon targets) the strictest queue's, so no queue's miss is hidden
 * by a laxer one. Null without queues.
 */
export function scopeRules(queues: readonly Pick<LiveQueue, 'rules' | 'today'>[]): (LiveQueueRules & { slTargetMixed: boolean }) | null {
  const first = queues[0];
  const target = scopeSlTarget(queues);
  if (!first || !target) return null;
  return {
    ...first.rules,
    slThresholdS: Math.min(...queues.map((q) => q.rules.slThresholdS)),
    slTarget: target.target,
    slTargetMixed: target.mixed,
    asaTargetS: minOf(queues.map((q) => q.rules.asaTargetS)),
    abandonTarget: minOf(queues.map((q) => q.rules.abandonTarget)),
  };
}

/**
 * Agents needed against agents on hand. One queue: its own Erlang figures.
 * Several: each queue's requirement added up (queues are served apart, so
 * pooling would understate it), against the scope's agents working now.
 */
export function scopeStaffing(queues: readonly Pick<LiveQueue, 'staffing'>[], agents: AgentCounts): StaffingSummary {
  if (queues.length === 1) {
    const s = queues[0]!.staffing;
    return { required: s.requiredErlangC, requiredErlangA: s.requiredErlangA, staffed: s.staffed, gap: s.gapErlangC };
  }
  const sum = (values: (number | null)[]) => (values.some((v) => v !== null) ? values.reduce<number>((a, v) => a + (v ?? 0), 0) : null);
  const required = sum(queues.map((q) => q.staffing.requiredErlangC));
  const requiredErlangA = sum(queues.map((q) => q.staffing.requiredErlangA));
  const staffed = agents.loggedIn - agents.notReady;
  return { required, requiredErlangA, staffed, gap: required === null ? null : staffed - required };
}

/** The tiles in the order a wallboard shows them. */
export const TILE_ORDER = [
  'waiting',
  'longestWaitS',
  'threeRingRate',
  'asaS',
  'abandonRate',
  'ahtS',
  'offered',
  'answered',
  'abandoned',
  'staffingGap',
] as const satisfies readonly TileMetric[];

/** The service-level variants shown beside the three-ring rate on demand (SPEC §3). */
export const SL_VARIANTS = ['threeRingRate', 'slAnsweredOnly', 'slAbandonNeutral'] as const satisfies readonly TileMetric[];

type Shown = (typeof TILE_ORDER)[number] | (typeof SL_VARIANTS)[number];

/** The unit each tile's figure is shown in. */
export const TILE_UNITS: Record<Shown, TileUnit> = {
  waiting: 'count',
  longestWaitS: 'duration',
  threeRingRate: 'rate',
  slAnsweredOnly: 'rate',
  slAbandonNeutral: 'rate',
  asaS: 'seconds',
  abandonRate: 'rate',
  ahtS: 'duration',
  offered: 'count',
  answered: 'count',
  abandoned: 'count',
  staffingGap: 'signed',
};

const DRILLS: Record<Shown, DrillFigure | null> = {
  waiting: 'waiting',
  longestWaitS: 'waiting',
  threeRingRate: 'answered_late',
  slAnsweredOnly: 'answered_late',
  slAbandonNeutral: 'answered_late',
  asaS: 'answered',
  abandonRate: 'abandoned',
  ahtS: 'answered',
  offered: 'offered',
  answered: 'answered',
  abandoned: 'abandoned',
  staffingGap: null,
};

/** One tile of the scope (the SL variants too); `rules` is `scopeRules(input.queues)`, passed in when several tiles share it. */
export function scopeTile(metric: Shown, input: ScopeTilesInput, rules = scopeRules(input.queues)): TileModel {
  const { queues, totals, serverNowMs, saved } = input;
  let value: number | null;
  let formula: Formula | null = null;
  let target: TileModel['target'] = null;
  switch (metric) {
    case 'waiting':
      value = queues.reduce((sum, q) => sum + q.waiting, 0);
      break;
    case 'longestWaitS':
      value = longestWaitNowOf(queues, serverNowMs);
      if (rules) target = { value: rules.slThresholdS, mixed: queues.some((q) => q.rules.slThresholdS !== rules.slThresholdS) };
      break;
    case 'threeRingRate':
    case 'slAnsweredOnly':
    case 'slAbandonNeutral':
    case 'asaS':
    case 'abandonRate':
    case 'ahtS':
      formula = formulaFor(metric, totals);
      value = formula.value;
      if (rules && metric === 'threeRingRate') target = { value: rules.slTarget, mixed: rules.slTargetMixed };
      if (rules && metric === 'asaS' && rules.asaTargetS !== null) target = { value: rules.asaTargetS, mixed: false };
      if (rules && metric === 'abandonRate' && rules.abandonTarget !== null) target = { value: rules.abandonTarget, mixed: false };
      break;
    case 'offered':
    case 'answered':
    case 'abandoned':
      value = totals[metric];
      break;
    case 'staffingGap':
      value = scopeStaffing(queues, input.agents).gap;
      break;
  }
  const thresholds = rules ? resolveThresholds(metric, rules, saved.tiles[metric]) : null;
  return {
    metric,
    value,
    unit: TILE_UNITS[metric],
    level: tileLevel(value, thresholds),
    thresholds,
    target,
    formula,
    drill: DRILLS[metric],
  };
}

/** The tiles of `metrics` (by default the wallboard's), sharing one reading of the scope's rules. */
export function scopeTiles(input: ScopeTilesInput, metrics: readonly Shown[] = TILE_ORDER, rules = scopeRules(input.queues)): TileModel[] {
  return metrics.map((metric) => scopeTile(metric, input, rules));
}
