import { describe, expect, it } from 'vitest';
import { rulesLookup } from './writer.service.js';

describe('rulesLookup', () => {
  const rules = rulesLookup([
    { queue: '*', effectiveFromMs: -Infinity, rules: { slThresholdS: 15, shortAbandonS: 5 } },
    { queue: 'vip', effectiveFromMs: Date.parse('2026-03-01T00:00:00Z'), rules: { slThresholdS: 10, shortAbandonS: 3 } },
    { queue: 'vip', effectiveFromMs: Date.parse('2026-03-10T00:00:00Z'), rules: { slThresholdS: 20, shortAbandonS: 4 } },
  ]);

  it('uses the default for a queue without rules of its own', () => {
    expect(rules('general', new Date('2026-03-05T00:00:00Z'))).toEqual({ slThresholdS: 15, shortAbandonS: 5 });
  });

  it('applies the rules in force when the call was offered', () => {
    expect(rules('vip', new Date('2026-02-28T23:59:59Z'))).toEqual({ slThresholdS: 15, shortAbandonS: 5 });
    expect(rules('vip', new Date('2026-03-01T00:00:00Z'))).toEqual({ slThresholdS: 10, shortAbandonS: 3 });
    expect(rules('vip', new Date('2026-03-12T08:00:00Z'))).toEqual({ slThresholdS: 20, shortAbandonS: 4 });
  });
});
