import { describe, expect, it } from 'vitest';
import { itemRates, listedPeriod, meanScore, momentLink, resultsOrder, reviewerComments } from './myResults';
import { FIRST_ANSWERS, detail, summary } from './results.fixture';

describe('resultsOrder', () => {
  it('puts scores waiting for acknowledgement first, each group newest call first', () => {
    const list = [
      summary({ id: 'old-ack', status: 'acknowledged', offeredAt: '2026-03-01T01:00:00.000Z' }),
      summary({ id: 'old-wait', status: 'submitted', offeredAt: '2026-03-01T02:00:00.000Z' }),
      summary({ id: 'new-res', status: 'resolved', offeredAt: '2026-03-05T01:00:00.000Z' }),
      summary({ id: 'new-wait', status: 'submitted', offeredAt: '2026-03-04T01:00:00.000Z' }),
      summary({ id: 'b-tie', status: 'disputed', offeredAt: '2026-03-03T01:00:00.000Z' }),
      summary({ id: 'a-tie', status: 'acknowledged', offeredAt: '2026-03-03T01:00:00.000Z' }),
    ];
    expect(resultsOrder(list).map((e) => e.id)).toEqual(['new-wait', 'old-wait', 'new-res', 'a-tie', 'b-tie', 'old-ack']);
  });
});

describe('meanScore', () => {
  it('gives the mean with the 95 % Student t margin, unscored evaluations left out', () => {
    const list = [summary({ score: 80 }), summary({ score: 90 }), summary({ score: 70 }), summary({ score: null })];
    // mean 80; s = √((0² + 10² + 10²) / 2) = 10; t(0.975, 2) = 4.3027; margin = 4.3027 · 10 / √3 = 24.841
    const { n, mean, marginOfError } = meanScore(list);
    expect(n).toBe(3);
    expect(mean).toBe(80);
    expect(marginOfError).toBeCloseTo(24.841, 3);
  });

  it('has no margin for a single score', () => {
    expect(meanScore([summary({ score: 64 })])).toEqual({ n: 1, mean: 64, marginOfError: null });
  });
});

describe('listedPeriod', () => {
  it('reaches from the earliest call to the latest', () => {
    const list = [summary({ offeredAt: '2026-03-04T01:00:00.000Z' }), summary({ offeredAt: '2026-02-27T09:30:00+08:00' })];
    expect(listedPeriod(list)).toEqual({ from: '2026-02-27T01:30:00.000Z', to: '2026-03-04T01:00:00.000Z' });
    expect(listedPeriod([])).toBeNull();
  });
});

describe('itemRates', () => {
  it('counts how often each item earned full points, N/A left out, in form order', () => {
    const details = [
      detail({ id: 'e1' }), // greet yes, identity no, polite 2/4, patience yes
      detail({
        id: 'e2',
        answers: [
          { itemId: 'greet', value: true },
          { itemId: 'identity', value: 'na' },
          { itemId: 'polite', value: 4 },
          { itemId: 'patience', value: false },
        ],
      }),
    ];
    const rates = itemRates(details).map(({ itemId, answered, full, rate }) => ({ itemId, answered, full, rate }));
    expect(rates).toEqual([
      { itemId: 'greet', answered: 2, full: 2, rate: 1 },
      { itemId: 'identity', answered: 1, full: 0, rate: 0 },
      { itemId: 'polite', answered: 2, full: 1, rate: 0.5 },
      { itemId: 'patience', answered: 2, full: 1, rate: 0.5 },
    ]);
  });
});

describe('reviewerComments', () => {
  it('lists comments newest evaluation first, by moment in the recording, blank ones left out', () => {
    const details = [
      detail({ id: 'older', offeredAt: '2026-03-01T01:00:00.000Z' }),
      detail({
        id: 'newer',
        offeredAt: '2026-03-02T01:00:00.000Z',
        answers: [
          { itemId: 'greet', value: true, comment: 'No moment' },
          { itemId: 'polite', value: 4, comment: '  ' },
          { itemId: 'patience', value: true, comment: 'Calm throughout', atS: 130 },
        ],
      }),
    ];
    expect(reviewerComments(details).map((c) => [c.evaluationId, c.itemId, c.atS, c.comment])).toEqual([
      ['newer', 'patience', 130, 'Calm throughout'],
      ['newer', 'greet', null, 'No moment'],
      ['older', 'identity', 12.4, FIRST_ANSWERS[1]!.comment],
      ['older', 'polite', 75, FIRST_ANSWERS[2]!.comment],
    ]);
  });

  it('links a comment to its moment of the recording', () => {
    expect(momentLink('ev-9', 12.44)).toEqual({ name: 'qa-evaluation', params: { id: 'ev-9' }, query: { t: '12.4' } });
    expect(momentLink('ev-9', null)).toEqual({ name: 'qa-evaluation', params: { id: 'ev-9' }, query: {} });
  });
});
