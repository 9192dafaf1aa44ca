/** Rates from raw counts, exactly as SPEC §3 defines them; null when the denominator is 0. */
export interface TodayCounts {
  offered: number;
  answered: number;
  answeredInThreshold: number;
  abandoned: number;
  shortAbandoned: number;
  timedOut: number;
  answeredWaitS: number;
  waiting: number;
}

export interface TodayFigures {
  offered: number;
  answered: number;
  answeredInThreshold: number;
  abandoned: number;
  shortAbandoned: number;
  timedOut: number;
  waiting: number;
  threeRingRate: number | null;
  asaS: number | null;
  abandonRate: number | null;
}

export type TodayQueue = TodayFigures & { queue: string };

export interface TodayResponse {
  asOf: string;
  tz: string;
  day: string;
  demo: boolean;
  queues: TodayQueue[];
  totals: TodayFigures;
}

const ratio = (n: number, d: number): number | null => (d > 0 ? n / d : null);

export function todayFigures(c: TodayCounts): TodayFigures {
  return {
    offered: c.offered,
    answered: c.answered,
    answeredInThreshold: c.answeredInThreshold,
    abandoned: c.abandoned,
    shortAbandoned: c.shortAbandoned,
    timedOut: c.timedOut,
    waiting: c.waiting,
    // answered within three rings ÷ (answered + abandoned − short abandoned + timed out)
    threeRingRate: ratio(c.answeredInThreshold, c.answered + c.abandoned - c.shortAbandoned + c.timedOut),
    // mean wait of answered calls
    asaS: ratio(c.answeredWaitS, c.answered),
    // (abandoned − short abandoned) ÷ (offered − short abandoned)
    abandonRate: ratio(c.abandoned - c.shortAbandoned, c.offered - c.shortAbandoned),
  };
}
