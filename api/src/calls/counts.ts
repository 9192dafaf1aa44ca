/**
 * The raw counts every SPEC §3 figure is computed from. Counts add and
 * subtract, so a leg whose derivation changes (a late event) is taken out and
 * put back in; the rates (`formulas.ts`) are computed from counts only when a
 * figure is shown. The live engine keeps them per queue, call type and hour;
 * the database's aggregates hold the same counts per bucket.
 */
import type { CallRow } from './call-state.js';

export interface Counts {
  offered: number;
  answered: number;
  answeredInThreshold: number;
  abandoned: number;
  shortAbandoned: number;
  abandonedInThreshold: number;
  timedOut: number;
  transferredOut: number;
  handled: number;
  answeredWaitS: number;
  /** Waiting time of abandoned calls (patience, with answeredWaitS). */
  abandonedWaitS: number;
  /** talk + hold + wrap-up of handled calls. */
  handleS: number;
}

export const emptyCounts = (): Counts => ({
  offered: 0,
  answered: 0,
  answeredInThreshold: 0,
  abandoned: 0,
  shortAbandoned: 0,
  abandonedInThreshold: 0,
  timedOut: 0,
  transferredOut: 0,
  handled: 0,
  answeredWaitS: 0,
  abandonedWaitS: 0,
  handleS: 0,
});

const COUNT_KEYS = Object.keys(emptyCounts()) as (keyof Counts)[];

/** SPEC §3 AHT: a handled call is one answered and ended; its handle time is talk + hold + wrap-up. */
export function isHandled(leg: CallRow): boolean {
  return leg.answeredAt !== null && leg.endedAt !== null;
}

export function handleS(leg: CallRow): number {
  return (leg.talkS ?? 0) + leg.holdS + (leg.wrapS ?? 0);
}

/** Adds (sign 1) or removes (sign −1) one leg. */
export function addLeg(c: Counts, leg: CallRow, sign: 1 | -1): void {
  c.offered += sign;
  if (leg.answeredAt !== null) {
    c.answered += sign;
    c.answeredWaitS += sign * (leg.waitS ?? 0);
    if (leg.answeredInThreshold) c.answeredInThreshold += sign;
    if (isHandled(leg)) {
      c.handled += sign;
      c.handleS += sign * handleS(leg);
    }
  }
  if (leg.outcome === 'abandoned') {
    c.abandoned += sign;
    c.abandonedWaitS += sign * (leg.waitS ?? 0);
    if (leg.shortAbandon) c.shortAbandoned += sign;
    if (leg.abandonedInThreshold) c.abandonedInThreshold += sign;
  }
  if (leg.outcome === 'timed_out') c.timedOut += sign;
  if (leg.outcome === 'transferred_out') c.transferredOut += sign;
}

export function sumCounts(into: Counts, from: Counts): Counts {
  for (const k of COUNT_KEYS) into[k] += from[k];
  return into;
}
