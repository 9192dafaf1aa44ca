import type { Figures, LiveQueueRules } from '@callboard/api/wire';
import { describe, expect, it } from 'vitest';
import { scopeSlTarget } from './targets';

const queue = (slTarget: number, offered: number) => ({
  rules: { slTarget } as LiveQueueRules,
  today: { offered } as Figures,
});

describe('scopeSlTarget', () => {
  it('is the common target when the queues share it', () => {
    expect(scopeSlTarget([queue(0.8, 300), queue(0.8, 0)])).toEqual({ target: 0.8, mixed: false });
  });

  it('weights differing targets by calls offered today', () => {
    // (0.8 × 300 + 0.9 × 100) ÷ 400 = 330 ÷ 400
    const scope = scopeSlTarget([queue(0.8, 300), queue(0.9, 100)])!;
    expect(scope.mixed).toBe(true);
    expect(scope.target).toBeCloseTo(0.825, 12);
  });

  it('weighs every queue the same before the first call', () => {
    expect(scopeSlTarget([queue(0.8, 0), queue(0.9, 0)])!.target).toBeCloseTo(0.85, 12);
  });

  it('has no target without queues', () => {
    expect(scopeSlTarget([])).toBeNull();
  });
});
