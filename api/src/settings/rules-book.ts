/**
 * The queue rules and not-ready limits with their history (tables queue_rules
 * and not_ready_limits), and the one place that picks the row in force: the
 * row with the latest effective_from at or before the instant asked about —
 * a call's offer, a not-ready spell's start. A change made at T therefore
 * applies to calls offered at or after T and never rewrites earlier ones
 * (SPEC §3). Pure: built from rows, read by the writer and the live engine.
 */
import type { Queryable } from '@callboard/db';
import type { LiveQueueRules } from '../live/live.wire.js';
import type { QueueRules } from '../calls/call-state.js';
import { readRulesRows } from './settings.repository.js';

export interface QueueRulesRow {
  queue: string;
  /** Epoch ms; −Infinity for the default that has always applied. */
  effectiveFromMs: number;
  rings: number;
  ringCycleS: number;
  shortAbandonS: number;
  slTarget: number;
  asaTargetS: number | null;
  abandonTarget: number | null;
}

export interface NotReadyLimitRow {
  reason: string;
  effectiveFromMs: number;
  /** null: no limit from effectiveFromMs on. */
  limitS: number | null;
}

/** The queue whose rows apply to every queue without rows of its own. */
export const DEFAULT_QUEUE = '*';
/** The reason whose rows apply to reasons without rows of their own (and to not-ready without a reason). */
export const ANY_REASON = '*';

/** SPEC §3 defaults, for a database without even a '*' row. */
const BUILT_IN: LiveQueueRules = {
  rings: 3,
  ringCycleS: 5,
  slThresholdS: 15,
  shortAbandonS: 5,
  slTarget: 0.8,
  asaTargetS: null,
  abandonTarget: null,
};

/** A queue's rules at an instant, and where they come from. */
export interface RulesInForce {
  rules: LiveQueueRules;
  /** effective_from of the row that applies; −Infinity for the built-in defaults. */
  effectiveFromMs: number;
  /** `queue`: a row of the queue's own; `default`: a '*' row; `built-in`: no row at all. */
  source: 'queue' | 'default' | 'built-in';
}

export interface LimitInForce {
  reason: string;
  limitS: number | null;
  effectiveFromMs: number;
}

function byEffectiveFrom<R extends { effectiveFromMs: number }>(rows: readonly R[], key: (r: R) => string): Map<string, R[]> {
  const out = new Map<string, R[]>();
  for (const r of rows) out.set(key(r), [...(out.get(key(r)) ?? []), r]);
  for (const list of out.values()) list.sort((a, b) => a.effectiveFromMs - b.effectiveFromMs);
  return out;
}

/** The last row of a sorted history that took effect at or before `atMs`. */
function inForceAt<R extends { effectiveFromMs: number }>(history: readonly R[] | undefined, atMs: number): R | undefined {
  let found: R | undefined;
  for (const r of history ?? []) {
    if (r.effectiveFromMs > atMs) break;
    found = r;
  }
  return found;
}

const rulesOf = (r: QueueRulesRow): LiveQueueRules => ({
  rings: r.rings,
  ringCycleS: r.ringCycleS,
  slThresholdS: r.rings * r.ringCycleS,
  shortAbandonS: r.shortAbandonS,
  slTarget: r.slTarget,
  asaTargetS: r.asaTargetS,
  abandonTarget: r.abandonTarget,
});

export class RulesBook {
  private readonly rules: Map<string, QueueRulesRow[]>;
  private readonly limits: Map<string, NotReadyLimitRow[]>;
  /** Equal for books built from the same rows: tells a reload whether anything changed. */
  readonly fingerprint: string;

  constructor(rules: QueueRulesRow[], limits: NotReadyLimitRow[]) {
    this.rules = byEffectiveFrom(rules, (r) => r.queue);
    this.limits = byEffectiveFrom(limits, (r) => r.reason);
    // JSON has no −Infinity: it would print null, which still sorts and compares consistently.
    const sorted = <R>(m: Map<string, R[]>) => [...m.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    this.fingerprint = JSON.stringify([sorted(this.rules), sorted(this.limits)]);
  }

  /** The rules in force for a queue at an instant, with the row they come from. */
  inForce(queue: string, atMs: number): RulesInForce {
    const own = queue === DEFAULT_QUEUE ? undefined : inForceAt(this.rules.get(queue), atMs);
    if (own) return { rules: rulesOf(own), effectiveFromMs: own.effectiveFromMs, source: 'queue' };
    const fallback = inForceAt(this.rules.get(DEFAULT_QUEUE), atMs);
    if (fallback) return { rules: rulesOf(fallback), effectiveFromMs: fallback.effectiveFromMs, source: 'default' };
    return { rules: { ...BUILT_IN }, effectiveFromMs: -Infinity, source: 'built-in' };
  }

  /** Rules in force for a queue at an instant (the queue's own rows, else '*', else 3 rings × 5 s, short 5 s, target 0.8). */
  queue(queue: string, atMs: number): LiveQueueRules {
    return this.inForce(queue, atMs).rules;
  }

  /** The writer's view, stored on each call row. */
  thresholds(queue: string, atMs: number): QueueRules {
    const r = this.queue(queue, atMs);
    return { slThresholdS: r.slThresholdS, shortAbandonS: r.shortAbandonS };
  }

  /** Seconds a not-ready spell of `reason` that began at `atMs` may last; null: no limit. */
  notReadyLimitS(reason: string | null, atMs: number): number | null {
    const own = reason === null ? undefined : inForceAt(this.limits.get(reason), atMs);
    return (own ?? inForceAt(this.limits.get(ANY_REASON), atMs))?.limitS ?? null;
  }

  /** Every reason with a row in force at `atMs` (those whose limit was lifted included), by reason. */
  limitsInForce(atMs: number): LimitInForce[] {
    const out: LimitInForce[] = [];
    for (const [reason, history] of this.limits) {
      const row = inForceAt(history, atMs);
      if (row) out.push({ reason, limitS: row.limitS, effectiveFromMs: row.effectiveFromMs });
    }
    return out.sort((a, b) => (a.reason < b.reason ? -1 : a.reason > b.reason ? 1 : 0));
  }

  /** Queues with rows of their own (not '*'). */
  configuredQueues(): string[] {
    return [...this.rules.keys()].filter((q) => q !== DEFAULT_QUEUE).sort();
  }
}

/** Reads both tables (in one transaction when `q` is one). */
export async function loadRulesBook(q: Queryable): Promise<RulesBook> {
  const { rules, limits } = await readRulesRows(q);
  return new RulesBook(rules, limits);
}
