import { emptyCounts, figuresOf } from '../live/figures.js';

/**
 * Today's figures per queue (SPEC §3, §6). "Today" is the current day in the
 * center's time zone; a call belongs to the day it was offered. Rates are
 * fractions 0..1 and null when their denominator is 0.
 */
export interface TodayFigures {
  offered: number;
  answered: number;
  /** Answered with wait ≤ rings × ringCycleS (the three-ring threshold). */
  answeredInThreshold: number;
  abandoned: number;
  /** Abandoned with wait < shortAbandonS; included in `abandoned`. */
  shortAbandoned: number;
  timedOut: number;
  /** Calls in the queue right now. */
  waiting: number;
  /** answeredInThreshold ÷ (answered + abandoned − shortAbandoned + timedOut). */
  threeRingRate: number | null;
  /** Mean wait of answered calls, in seconds. */
  asaS: number | null;
  /** (abandoned − shortAbandoned) ÷ (offered − shortAbandoned). */
  abandonRate: number | null;
}

/** The raw counts the rates are computed from. */
export type TodayCounts = Omit<TodayFigures, 'threeRingRate' | 'asaS' | 'abandonRate'> & { answeredWaitS: number };

export type TodayQueue = TodayFigures & { queue: string };

export interface TodayResponse {
  /** When the figures were computed, ISO 8601 with the center's offset. */
  asOf: string;
  /** The center's IANA time zone, e.g. `Asia/Shanghai`. */
  tz: string;
  /** The local day the figures cover, `YYYY-MM-DD`. */
  day: string;
  /** True while the figures come from the built-in simulator. */
  demo: boolean;
  queues: TodayQueue[];
  totals: TodayFigures;
}
/** The rates by the same formulas as the live figures (SPEC §3). */
export function todayFigures(c: TodayCounts): TodayFigures {
  const f = figuresOf({ ...emptyCounts(), ...c }, { busyS: 0, availableS: 0 });
  return {
    offered: c.offered,
    answered: c.answered,
    answeredInThreshold: c.answeredInThreshold,
    abandoned: c.abandoned,
    shortAbandoned: c.shortAbandoned,
    timedOut: c.timedOut,
    waiting: c.waiting,
    threeRingRate: f.threeRingRate,
    asaS: f.asaS,
    abandonRate: f.abandonRate,
  };
}
