import { describe, expect, it } from 'vitest';
import { NO_AGENTS, SALES_MORNING, figures, queue } from '../testing/live.fixture';
import { scopeRules, scopeStaffing, scopeTile, scopeTiles, TILE_ORDER } from './scopeTiles';
import { NO_SAVED_THRESHOLDS } from './thresholds';

const NOW = Date.parse('2026-03-02T10:00:00.000+08:00');

const staffing = (requiredErlangC: number | null, staffed: number) => ({
  ...queue('x').staffing,
  requiredErlangC,
  requiredErlangA: requiredErlangC === null ? null : requiredErlangC - 1,
  staffed,
  gapErlangC: requiredErlangC === null ? null : staffed - requiredErlangC,
});

const sales = queue('sales', {
  today: SALES_MORNING,
  waiting: 3,
  oldestOfferedAt: '2026-03-02T09:59:47.000+08:00',
  longestWaitS: 12,
  staffing: staffing(6, 5),
});

const input = (over: Partial<Parameters<typeof scopeTiles>[0]> = {}) => ({
  queues: [sales],
  totals: SALES_MORNING,
  agents: NO_AGENTS,
  serverNowMs: NOW,
  saved: NO_SAVED_THRESHOLDS,
  ...over,
});

const tile = (metric: Parameters<typeof scopeTile>[0], over: Partial<Parameters<typeof scopeTiles>[0]> = {}) =>
  scopeTile(metric, input(over));

describe('scopeTiles', () => {
  it('shows the tiles in wallboard order', () => {
    expect(scopeTiles(input()).map((t) => t.metric)).toEqual([...TILE_ORDER]);
  });

  it('computes the three-ring rate from the SPEC definition and colours it against the target', () => {
    // 24 ÷ (30 + 8 − 3 + 2) = 24 ÷ 37 = 0.6486…, more than 5 points under 80 %: red.
    const rate = tile('threeRingRate');
    expect(rate.value).toBeCloseTo(24 / 37, 12);
    expect(rate.target).toEqual({ value: 0.8, mixed: false });
    expect(rate.level).toBe('bad');
    expect(rate.formula?.denominator.map((term) => [term.term, term.sign, term.value])).toEqual([
      ['answered', 1, 30],
      ['abandoned', 1, 8],
      ['shortAbandoned', -1, 3],
      ['timedOut', 1, 2],
    ]);
    expect(rate.drill).toBe('answered_late');
  });

  it('turns amber within five points of the target and green at it', () => {
    // 30 ÷ 37 = 0.8108 ≥ 0.8: green; 28 ÷ 37 = 0.7568, within 5 points: amber.
    expect(tile('threeRingRate', { totals: { ...SALES_MORNING, answeredInThreshold: 30 } }).level).toBe('ok');
    expect(tile('threeRingRate', { totals: { ...SALES_MORNING, answeredInThreshold: 28 } }).level).toBe('warn');
  });

  it('gives the two other service-level variants their own definitions', () => {
    // answered-only 24 ÷ 30; abandon-neutral (24 + 4) ÷ (30 + 8).
    expect(tile('slAnsweredOnly').value).toBeCloseTo(0.8, 12);
    expect(tile('slAbandonNeutral').value).toBeCloseTo(28 / 38, 12);
    // No target is configured for them: no colour rather than the three-ring target's.
    expect(tile('slAnsweredOnly').level).toBe('none');
  });

  it('averages ASA and AHT and holds ASA and the abandon rate to their targets', () => {
    // ASA 330 ÷ 30 = 11 s against 20 s: amber from 16 s, so green.
    const asa = tile('asaS');
    expect(asa.value).toBe(11);
    expect(asa.target).toEqual({ value: 20, mixed: false });
    expect(asa.level).toBe('ok');
    // AHT 5,040 ÷ 28 = 180 s.
    expect(tile('ahtS').value).toBe(180);
    // Abandon rate (8 − 3) ÷ (40 − 3) = 5 ÷ 37 = 13.5 % against 5 %: red.
    const abandon = tile('abandonRate');
    expect(abandon.value).toBeCloseTo(5 / 37, 12);
    expect(abandon.level).toBe('bad');
  });

  it('ticks the longest wait on the server clock and warns from 80 % of the threshold', () => {
    // Offered 09:59:47; at 10:00:00 it has waited 13 s: past 12 s (80 % of 15), amber.
    expect(tile('longestWaitS').value).toBe(13);
    expect(tile('longestWaitS').level).toBe('warn');
    // Three seconds later 16 s > 15 s: red.
    expect(tile('longestWaitS', { serverNowMs: NOW + 3_000 }).level).toBe('bad');
    expect(tile('longestWaitS', { queues: [queue('sales')] }).value).toBeNull();
  });

  it('counts the calls waiting in every queue shown', () => {
    const support = queue('support', { waiting: 4, oldestOfferedAt: '2026-03-02T09:59:30.000+08:00' });
    expect(tile('waiting', { queues: [sales, support] }).value).toBe(7);
    expect(tile('longestWaitS', { queues: [sales, support] }).value).toBe(30);
  });

  it('applies what the user saved for a tile, and no colour when switched off', () => {
    const saved = { version: 1 as const, tiles: { asaS: { green: 5, amber: 5, red: 10 }, threeRingRate: { off: true } } };
    // 11 s > 10 s: red under the user's edges.
    expect(tile('asaS', { saved }).level).toBe('bad');
    expect(tile('threeRingRate', { saved }).level).toBe('none');
    // A count colours only once the user gives it edges: waiting 3 > 2 is red.
    expect(tile('waiting').level).toBe('none');
    expect(tile('waiting', { saved: { version: 1, tiles: { waiting: { green: 0, amber: 0, red: 2 } } } }).level).toBe('bad');
  });

  it('shows one queue’s staffing gap, and across queues the summed need against the agents working', () => {
    expect(tile('staffingGap').value).toBe(-1);
    expect(tile('staffingGap').level).toBe('warn');
    const support = queue('support', { staffing: staffing(4, 4) });
    const agents = { ...NO_AGENTS, loggedIn: 9, notReady: 2 };
    // Need 6 + 4 = 10, working 9 − 2 = 7: 3 short, red.
    expect(scopeStaffing([sales, support], agents)).toEqual({ required: 10, requiredErlangA: 8, staffed: 7, gap: -3 });
    expect(tile('staffingGap', { queues: [sales, support], agents }).level).toBe('bad');
    expect(scopeStaffing([queue('a'), queue('b')], agents).gap).toBeNull();
  });
});

describe('scopeRules', () => {
  it('weights the three-ring target by calls offered and takes the strictest ceilings', () => {
    const a = queue('a', {
      today: figures({ offered: 30 }),
      rules: { ...sales.rules, slTarget: 0.9, slThresholdS: 20, asaTargetS: 30, abandonTarget: null },
    });
    const b = queue('b', {
      today: figures({ offered: 10 }),
      rules: { ...sales.rules, slTarget: 0.7, slThresholdS: 15, asaTargetS: null, abandonTarget: 0.08 },
    });
    const rules = scopeRules([a, b])!;
    // (0.9 × 30 + 0.7 × 10) ÷ 40 = 0.85.
    expect(rules.slTarget).toBeCloseTo(0.85, 12);
    expect(rules.slTargetMixed).toBe(true);
    expect(rules.slThresholdS).toBe(15);
    expect(rules.asaTargetS).toBe(30);
    expect(rules.abandonTarget).toBe(0.08);
    expect(scopeRules([])).toBeNull();
  });
});
