/**
 * The settings forms without the DOM: what an admin types (targets as
 * percentages, limits in minutes) to and from what the API takes (fractions,
 * seconds), checked against the same bounds as the server so a slip is caught
 * before it is sent.
 */
import type { LiveQueueRules, NotReadyLimit, UpdateNotReadyLimitsRequest, UpdateQueueRulesRequest } from './api/settings';

/** An input's value: `v-model.number` gives '' for an empty field. */
export type Entry = number | '';

export interface QueueRulesDraft {
  rings: Entry;
  ringCycleS: Entry;
  shortAbandonS: Entry;
  /** Percent, 0..100. */
  slTargetPct: Entry;
  /** Empty: no target. */
  asaTargetS: Entry;
  /** Percent, 0..100; empty: no target. */
  abandonTargetPct: Entry;
}

export type QueueRulesField = keyof UpdateQueueRulesRequest;

/** A field the form refuses, in the units the admin typed. */
export type Problem = { kind: 'required' } | { kind: 'whole' } | { kind: 'range'; min: number; max: number };

/** The server's bounds (api/src/settings/settings.schemas.ts), in the form's units. */
export const QUEUE_BOUNDS = {
  rings: [1, 20],
  ringCycleS: [1, 30],
  shortAbandonS: [0, 60],
  slTarget: [0, 100],
  asaTargetS: [1, 3600],
  abandonTarget: [0, 100],
} as const satisfies Record<QueueRulesField, readonly [number, number]>;

/** Limits are typed in minutes: 1 min to 24 h (the server takes 60..86400 s). */
export const LIMIT_BOUNDS_MIN = [1, 1440] as const;

/** A fraction as a percentage with at most one decimal: 0.85 → 85, 0.0525 → 5.3. */
export const toPercent = (fraction: number): number => Math.round(fraction * 1000) / 10;

export function draftFrom(rules: LiveQueueRules): QueueRulesDraft {
  return {
    rings: rules.rings,
    ringCycleS: rules.ringCycleS,
    shortAbandonS: rules.shortAbandonS,
    slTargetPct: toPercent(rules.slTarget),
    asaTargetS: rules.asaTargetS ?? '',
    abandonTargetPct: rules.abandonTarget === null ? '' : toPercent(rules.abandonTarget),
  };
}

/** rings × ring cycle, while both are filled in. */
export function thresholdOf(d: Pick<QueueRulesDraft, 'rings' | 'ringCycleS'>): number | null {
  return typeof d.rings === 'number' && typeof d.ringCycleS === 'number' ? d.rings * d.ringCycleS : null;
}

function check(value: Entry, [min, max]: readonly [number, number], { optional = false, whole = false } = {}): Problem | null {
  if (value === '') return optional ? null : { kind: 'required' };
  if (!Number.isFinite(value) || value < min || value > max) return { kind: 'range', min, max };
  if (whole && !Number.isInteger(value)) return { kind: 'whole' };
  return null;
}

export type Checked<R, F extends PropertyKey> = { ok: true; request: R } | { ok: false; problems: Partial<Record<F, Problem>> };

/** The body of `PUT /api/v1/settings/queues/{queue}`, or what is wrong with the draft. */
export function queueRequestFrom(d: QueueRulesDraft): Checked<UpdateQueueRulesRequest, QueueRulesField> {
  const problems: Partial<Record<QueueRulesField, Problem>> = {};
  const found = (field: QueueRulesField, problem: Problem | null) => {
    if (problem) problems[field] = problem;
  };
  found('rings', check(d.rings, QUEUE_BOUNDS.rings, { whole: true }));
  found('ringCycleS', check(d.ringCycleS, QUEUE_BOUNDS.ringCycleS));
  found('shortAbandonS', check(d.shortAbandonS, QUEUE_BOUNDS.shortAbandonS));
  found('slTarget', check(d.slTargetPct, QUEUE_BOUNDS.slTarget));
  found('asaTargetS', check(d.asaTargetS, QUEUE_BOUNDS.asaTargetS, { optional: true }));
  found('abandonTarget', check(d.abandonTargetPct, QUEUE_BOUNDS.abandonTarget, { optional: true }));
  if (Object.keys(problems).length > 0) return { ok: false, problems };
  const n = (v: Entry) => v as number;
  return {
    ok: true,
    request: {
      rings: n(d.rings),
      ringCycleS: n(d.ringCycleS),
      shortAbandonS: n(d.shortAbandonS),
      slTarget: n(d.slTargetPct) / 100,
      asaTargetS: d.asaTargetS === '' ? null : d.asaTargetS,
      abandonTarget: d.abandonTargetPct === '' ? null : d.abandonTargetPct / 100,
    },
  };
}

export interface LimitDraft {
  reason: string;
  /** Empty: no limit. */
  minutes: Entry;
  /** What is stored now (seconds); undefined for a reason added in this form. */
  storedS?: number | null;
}

export function limitDraftsFrom(limits: readonly NotReadyLimit[]): LimitDraft[] {
  return limits.map((l) => ({
    reason: l.reason,
    minutes: l.limitS === null ? '' : Math.round((l.limitS / 60) * 10) / 10,
    storedS: l.limitS,
  }));
}

/** The body of `PUT /api/v1/settings/not-ready-limits` with only what changed (null if nothing did), or the rows that are wrong, by index. */
export function limitsRequestFrom(drafts: readonly LimitDraft[]): Checked<UpdateNotReadyLimitsRequest | null, number> {
  const problems: Partial<Record<number, Problem>> = {};
  const limits: UpdateNotReadyLimitsRequest['limits'] = [];
  drafts.forEach((d, i) => {
    const problem = check(d.minutes, LIMIT_BOUNDS_MIN, { optional: true });
    if (problem) {
      problems[i] = problem;
      return;
    }
    const limitS = d.minutes === '' ? null : Math.round(d.minutes * 60);
    if (d.storedS === undefined || d.storedS !== limitS) limits.push({ reason: d.reason, limitS });
  });
  if (Object.keys(problems).length > 0) return { ok: false, problems };
  return { ok: true, request: limits.length > 0 ? { limits } : null };
}
