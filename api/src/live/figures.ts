/**
 * SPEC §3 figures from raw counts. Counts add and subtract, so a call whose
 * derivation changes (a late event) is taken out and put back in; the rates are
 * computed from the counts only when a view is built.
 */
import type { CallRow } from '../writer/call-state.js';
import type { Figures } from './live.wire.js';

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

export const ratio = (n: number, d: number): number | null => (d > 0 ? n / d : null);

/** Sums of seconds are rounded to the millisecond so adding and removing legs leaves no float dust. */
const ms3 = (s: number) => Math.round(s * 1000) / 1000;

export function figuresOf(c: Counts, occupancy: { busyS: number; availableS: number }): Figures {
  const answeredWaitS = ms3(c.answeredWaitS);
  const handle = ms3(c.handleS);
  return {
    offered: c.offered,
    answered: c.answered,
    answeredInThreshold: c.answeredInThreshold,
    abandoned: c.abandoned,
    shortAbandoned: c.shortAbandoned,
    abandonedInThreshold: c.abandonedInThreshold,
    timedOut: c.timedOut,
    transferredOut: c.transferredOut,
    handled: c.handled,
    // answered within three rings ÷ (answered + abandoned − short abandoned + timed out)
    threeRingRate: ratio(c.answeredInThreshold, c.answered + c.abandoned - c.shortAbandoned + c.timedOut),
    // answered within three rings ÷ answered (Asterisk SL)
    slAnsweredOnly: ratio(c.answeredInThreshold, c.answered),
    // (answered + abandoned, each within threshold) ÷ (answered + abandoned) (Asterisk SL2)
    slAbandonNeutral: ratio(c.answeredInThreshold + c.abandonedInThreshold, c.answered + c.abandoned),
    asaS: ratio(answeredWaitS, c.answered),
    // (abandoned − short abandoned) ÷ (offered − short abandoned)
    abandonRate: ratio(c.abandoned - c.shortAbandoned, c.offered - c.shortAbandoned),
    // (talk + hold + wrap-up) ÷ handled calls
    ahtS: ratio(handle, c.handled),
    // time on call or wrap-up ÷ (that + available time)
    occupancy: ratio(occupancy.busyS, occupancy.busyS + occupancy.availableS),
    answeredWaitS,
    handleS: handle,
    busyS: ms3(occupancy.busyS),
    availableS: ms3(occupancy.availableS),
  };
}
