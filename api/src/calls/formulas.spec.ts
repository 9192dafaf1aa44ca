/** The SPEC §3 formulas over the general queue of the live scenario (`testing/live.scenario.ts`), worked out by hand. */
import { describe, expect, it } from 'vitest';
import { type Counts, emptyCounts } from './counts.js';
import { abandonRate, ahtS, asaS, occupancy, slAbandonNeutral, slAnsweredOnly, threeRingRate } from './formulas.js';

/**
 * c1, c2, c8 answered within 15 s (waits 10, 15, 5); c4 abandoned at 4.999 s (short), c5 at 5 s and
 * c6 at 40 s; c9, c10 waiting. Handle times: c1 180 + 30 wrap-up, c2 120, c8 120 talk before its transfer.
 */
const general: Counts = {
  ...emptyCounts(),
  offered: 8,
  answered: 3,
  answeredInThreshold: 3,
  abandoned: 3,
  shortAbandoned: 1,
  abandonedInThreshold: 2,
  handled: 3,
  answeredWaitS: 30,
  abandonedWaitS: 49.999,
  handleS: 450,
};

describe('SPEC §3 formulas', () => {
  it('takes short abandons out of the three-ring rate and counts time-outs against it', () => {
    // 3 ÷ (3 + 3 − 1 + 0)
    expect(threeRingRate(general)).toBe(0.6);
    // 3 ÷ (3 + 3 − 1 + 2 timed out)
    expect(threeRingRate({ ...general, timedOut: 2 })).toBe(3 / 7);
  });

  it('gives the two other service levels side by side', () => {
    // 3 ÷ 3
    expect(slAnsweredOnly(general)).toBe(1);
    // (3 + 2) ÷ (3 + 3)
    expect(slAbandonNeutral(general)).toBe(5 / 6);
  });

  it('averages waits over answered calls and handle time over handled calls', () => {
    // 30 s ÷ 3
    expect(asaS(general)).toBe(10);
    // (210 + 120 + 120) ÷ 3
    expect(ahtS(general)).toBe(150);
  });

  it('leaves short abandons out of both sides of the abandon rate', () => {
    // (3 − 1) ÷ (8 − 1)
    expect(abandonRate(general)).toBe(2 / 7);
  });

  it('measures occupancy against available time only', () => {
    // a1: 180 s on call + 30 s wrap-up + 120 s on call = 330 s busy, 3322 s available
    expect(occupancy({ busyS: 330, availableS: 3322 })).toBe(330 / 3652);
  });

  it('is null, not zero, when nothing could be measured', () => {
    const none = emptyCounts();
    expect([threeRingRate(none), slAnsweredOnly(none), slAbandonNeutral(none), asaS(none), abandonRate(none), ahtS(none)]).toEqual([
      null,
      null,
      null,
      null,
      null,
      null,
    ]);
    expect(occupancy({ busyS: 0, availableS: 0 })).toBeNull();
  });

  it('rounds sums of seconds to the millisecond before dividing', () => {
    // 0.1 + 0.2 is 0.30000000000000004 in floating point: a wait of 300 ms.
    expect(asaS({ answeredWaitS: 0.1 + 0.2, answered: 1 })).toBe(0.3);
  });
});
