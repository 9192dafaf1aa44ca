import { describe, expect, it } from 'vitest';
import { FIRST_ANSWERS, FIRST_SCORE, detail } from './results.fixture';
import { versionHistory } from './versions';

const ADJUSTED = [
  { itemId: 'greet', value: true },
  { itemId: 'identity', value: 'na' as const, comment: 'Known caller: no check needed' },
  { itemId: 'polite', value: 4, comment: 'Twice without 您', atS: 75 },
  { itemId: 'patience', value: true },
];

describe('versionHistory', () => {
  it('shows each version against the one before, with the dispute in between', () => {
    const evaluation = detail({
      status: 'resolved',
      disputedAt: '2026-03-04T01:00:00.000Z',
      disputeReason: 'I asked for the account number at 0:20',
      resolvedAt: '2026-03-05T02:00:00.000Z',
      outcome: 'adjusted',
      versions: [
        // sent out of order: the history sorts by version
        {
          version: 2,
          kind: 'adjusted',
          by: 'u-lead',
          at: '2026-03-05T02:00:00.000Z',
          score: 100,
          rawScore: 100,
          autoFailed: false,
          answers: ADJUSTED,
        },
        detail().versions[0]!,
      ],
    });
    const history = versionHistory(evaluation);
    expect(history.map((e) => e.kind)).toEqual(['version', 'dispute', 'version']);
    const [first, dispute, second] = history;
    expect(first).toMatchObject({ kind: 'version', delta: null, changes: [] });
    expect(dispute).toMatchObject({ reason: 'I asked for the account number at 0:20', outcome: 'adjusted' });
    if (second?.kind !== 'version') throw new Error('expected a version');
    // identity no → N/A leaves opening 1/1 = 100; polite 2 → 4 makes courtesy 100: 100 − 58.33 = +41.67
    expect(second.delta).toBeCloseTo(100 - FIRST_SCORE, 6);
    expect(second.delta).toBeCloseTo(41.667, 3);
    expect(second.changes.map((c) => [c.itemId, c.from, c.to, c.comment])).toEqual([
      ['identity', false, 'na', 'Known caller: no check needed'],
      ['polite', 2, 4, null],
    ]);
    expect(second.changes[0]!.item?.text.en).toBe('Identity question');
  });

  it('puts an open dispute after the last version', () => {
    const history = versionHistory(detail({ status: 'disputed', disputedAt: '2026-03-04T01:00:00.000Z', disputeReason: 'x' }));
    expect(history.map((e) => e.kind)).toEqual(['version', 'dispute']);
    expect(FIRST_ANSWERS).toHaveLength(4);
  });
});
