import { describe, expect, it } from 'vitest';
import { type NotReadyLimitRow, type QueueRulesRow, RulesBook } from './rules-book.js';

const at = (iso: string) => Date.parse(iso);
const row = (queue: string, effectiveFromMs: number, r: Partial<QueueRulesRow> = {}): QueueRulesRow => ({
  queue,
  effectiveFromMs,
  rings: 3,
  ringCycleS: 5,
  shortAbandonS: 5,
  slTarget: 0.8,
  asaTargetS: null,
  abandonTarget: null,
  ...r,
});
const limit = (reason: string, effectiveFromMs: number, limitS: number | null): NotReadyLimitRow => ({ reason, effectiveFromMs, limitS });

const CHANGE = at('2026-03-02T02:00:00.000Z');

describe('RulesBook queue rules', () => {
  const book = new RulesBook(
    [
      // Out of order on purpose: the book sorts each queue's history itself.
      row('billing', CHANGE, { rings: 2, ringCycleS: 5, shortAbandonS: 3, slTarget: 0.9, asaTargetS: 20, abandonTarget: 0.05 }),
      row('*', -Infinity),
      row('billing', at('2026-03-01T00:00:00Z'), { rings: 4, ringCycleS: 5 }),
    ],
    [],
  );

  it('applies a change made at T to a call offered exactly at T and after', () => {
    // 2 rings × 5 s = 10 s.
    expect(book.thresholds('billing', CHANGE)).toEqual({ slThresholdS: 10, shortAbandonS: 3 });
    expect(book.thresholds('billing', CHANGE + 3_600_000)).toEqual({ slThresholdS: 10, shortAbandonS: 3 });
  });

  it('keeps the earlier rules for a call offered a millisecond before the change', () => {
    // 4 rings × 5 s = 20 s, in force since 1 March.
    expect(book.thresholds('billing', CHANGE - 1)).toEqual({ slThresholdS: 20, shortAbandonS: 5 });
  });

  it('falls back to the default row before a queue’s first row of its own, and for queues without rows', () => {
    expect(book.inForce('billing', at('2026-02-28T23:59:59.999Z'))).toEqual({
      rules: { rings: 3, ringCycleS: 5, slThresholdS: 15, shortAbandonS: 5, slTarget: 0.8, asaTargetS: null, abandonTarget: null },
      effectiveFromMs: -Infinity,
      source: 'default',
    });
    expect(book.inForce('general', CHANGE).source).toBe('default');
    expect(book.thresholds('general', CHANGE)).toEqual({ slThresholdS: 15, shortAbandonS: 5 });
  });

  it('gives the targets with the rules, and where they come from', () => {
    expect(book.inForce('billing', CHANGE)).toEqual({
      rules: { rings: 2, ringCycleS: 5, slThresholdS: 10, shortAbandonS: 3, slTarget: 0.9, asaTargetS: 20, abandonTarget: 0.05 },
      effectiveFromMs: CHANGE,
      source: 'queue',
    });
    expect(book.queue('billing', CHANGE)).toEqual(book.inForce('billing', CHANGE).rules);
  });

  it('uses the later default for a queue without rows when the default itself changes', () => {
    const changed = new RulesBook([row('*', -Infinity), row('*', CHANGE, { rings: 4, ringCycleS: 6 })], []);
    expect(changed.thresholds('general', CHANGE - 1).slThresholdS).toBe(15);
    // 4 × 6 s = 24 s.
    expect(changed.thresholds('general', CHANGE).slThresholdS).toBe(24);
  });

  it('measures by SPEC §3 defaults when nothing is stored at all', () => {
    const empty = new RulesBook([], []);
    expect(empty.inForce('any', CHANGE)).toEqual({
      rules: { rings: 3, ringCycleS: 5, slThresholdS: 15, shortAbandonS: 5, slTarget: 0.8, asaTargetS: null, abandonTarget: null },
      effectiveFromMs: -Infinity,
      source: 'built-in',
    });
  });

  it('lists the queues with rows of their own, not the default', () => {
    const more = new RulesBook([row('*', -Infinity), row('vip', CHANGE), row('billing', CHANGE), row('vip', CHANGE + 1)], []);
    expect(more.configuredQueues()).toEqual(['billing', 'vip']);
  });
});

describe('RulesBook not-ready limits', () => {
  const LIFTED = at('2026-03-05T00:00:00Z');
  const book = new RulesBook(
    [],
    [limit('break', -Infinity, 900), limit('break', CHANGE, 1200), limit('training', -Infinity, 3600), limit('training', LIFTED, null)],
  );

  it('applies the limit in force when the spell began', () => {
    expect(book.notReadyLimitS('break', CHANGE - 1)).toBe(900);
    expect(book.notReadyLimitS('break', CHANGE)).toBe(1200);
  });

  it('reads a null limit as no limit from then on, not as a gap to fall back through', () => {
    expect(book.notReadyLimitS('training', LIFTED - 1)).toBe(3600);
    expect(book.notReadyLimitS('training', LIFTED)).toBeNull();
    const withDefault = new RulesBook([], [limit('*', -Infinity, 600), limit('training', LIFTED, null)]);
    expect(withDefault.notReadyLimitS('training', LIFTED)).toBeNull();
  });

  it('has no limit for a reason without rows unless a * row covers other reasons', () => {
    expect(book.notReadyLimitS('personal', CHANGE)).toBeNull();
    expect(book.notReadyLimitS(null, CHANGE)).toBeNull();
    const withDefault = new RulesBook([], [limit('*', -Infinity, 600), limit('break', -Infinity, 900)]);
    expect(withDefault.notReadyLimitS('personal', CHANGE)).toBe(600);
    expect(withDefault.notReadyLimitS(null, CHANGE)).toBe(600);
    expect(withDefault.notReadyLimitS('break', CHANGE)).toBe(900);
  });

  it('lists the limits in force by reason, lifted ones included', () => {
    expect(book.limitsInForce(LIFTED)).toEqual([
      { reason: 'break', limitS: 1200, effectiveFromMs: CHANGE },
      { reason: 'training', limitS: null, effectiveFromMs: LIFTED },
    ]);
  });
});

describe('RulesBook fingerprint', () => {
  it('is equal for the same rows in any order and differs after a change', () => {
    const a = new RulesBook([row('*', -Infinity), row('vip', CHANGE)], [limit('break', -Infinity, 900)]);
    const b = new RulesBook([row('vip', CHANGE), row('*', -Infinity)], [limit('break', -Infinity, 900)]);
    const c = new RulesBook([row('*', -Infinity), row('vip', CHANGE)], [limit('break', -Infinity, 900), limit('break', CHANGE, 1200)]);
    expect(a.fingerprint).toBe(b.fingerprint);
    expect(c.fingerprint).not.toBe(a.fingerprint);
  });
});
