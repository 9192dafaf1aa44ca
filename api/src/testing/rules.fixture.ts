/**
 * Queue rules for unit tests: the '*' row of a center that kept SPEC §3's
 * defaults (3 rings × 5 s, a short abandon under 5 s, three-ring target 80 %,
 * no ASA or abandon target), in force since ever.
 */
import { RulesBook, type NotReadyLimitRow, type QueueRulesRow } from '../settings/rules-book.js';

export const defaultRulesRow = (overrides: Partial<QueueRulesRow> = {}): QueueRulesRow => ({
  queue: '*',
  effectiveFromMs: -Infinity,
  rings: 3,
  ringCycleS: 5,
  shortAbandonS: 5,
  slTarget: 0.8,
  asaTargetS: null,
  abandonTarget: null,
  ...overrides,
});

/** A book of the default rules (and any further rows), with a 15-minute limit on breaks unless limits are given. */
export const defaultRulesBook = (
  rows: QueueRulesRow[] = [],
  limits: NotReadyLimitRow[] = [{ reason: 'break', effectiveFromMs: -Infinity, limitS: 900 }],
): RulesBook => new RulesBook([defaultRulesRow(), ...rows], limits);
