import type { TodayFigures, TodayResponse } from '../api/today';

/**
 * A consistent day at a center in Asia/Shanghai: rates follow the SPEC §3
 * formulas from the counts (worked out in the comments), so tests can state
 * the expected display by hand. Queues are deliberately out of name order.
 */
export function todayFixture(overrides: Partial<TodayResponse> = {}): TodayResponse {
  return {
    asOf: '2025-03-04T02:05:09.000Z', // 10:05:09 in Asia/Shanghai (UTC+8)
    tz: 'Asia/Shanghai',
    day: '2025-03-04',
    demo: false,
    queues: [
      {
        queue: 'support',
        offered: 1500,
        answered: 1400,
        answeredInThreshold: 1330,
        abandoned: 60,
        shortAbandoned: 20,
        timedOut: 0,
        waiting: 7,
        threeRingRate: 1330 / 1440, // 1330 ÷ (1400 + 60 − 20 + 0) = 0.92361…
        asaS: 6.06,
        abandonRate: 40 / 1480, // (60 − 20) ÷ (1500 − 20) = 0.02702…
      },
      {
        queue: 'vip',
        offered: 1,
        answered: 0,
        answeredInThreshold: 0,
        abandoned: 0,
        shortAbandoned: 0,
        timedOut: 0,
        waiting: 1,
        threeRingRate: null, // 0 ÷ 0: the only call is still waiting
        asaS: null,
        abandonRate: 0, // 0 ÷ (1 − 0)
      },
      {
        queue: 'sales',
        offered: 120,
        answered: 100,
        answeredInThreshold: 80,
        abandoned: 15,
        shortAbandoned: 5,
        timedOut: 2,
        waiting: 3,
        threeRingRate: 80 / 112, // 80 ÷ (100 + 15 − 5 + 2) = 0.71428…
        asaS: 12.34,
        abandonRate: 10 / 115, // (15 − 5) ÷ (120 − 5) = 0.08695…
      },
    ],
    totals: {
      offered: 1621,
      answered: 1500,
      answeredInThreshold: 1410,
      abandoned: 75,
      shortAbandoned: 25,
      timedOut: 2,
      waiting: 11,
      threeRingRate: 1410 / 1552, // 1410 ÷ (1500 + 75 − 25 + 2) = 0.90850…
      asaS: 9718 / 1500, // (100 × 12.34 + 1400 × 6.06) ÷ 1500 = 6.4786…
      abandonRate: 50 / 1596, // (75 − 25) ÷ (1621 − 25) = 0.03132…
    },
    ...overrides,
  };
}

export const ZERO_FIGURES: TodayFigures = {
  offered: 0,
  answered: 0,
  answeredInThreshold: 0,
  abandoned: 0,
  shortAbandoned: 0,
  timedOut: 0,
  waiting: 0,
  threeRingRate: null,
  asaS: null,
  abandonRate: null,
};

export function jsonResponse(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json' },
  });
}
