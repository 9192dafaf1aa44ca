/** The wire `Figures` of a set of counts: the counts and sums as held, with every SPEC §3 rate beside them. */
import type { Counts } from '../calls/counts.js';
import { abandonRate, ahtS, asaS, occupancy, roundMs, slAbandonNeutral, slAnsweredOnly, threeRingRate } from '../calls/formulas.js';
import type { Figures } from './live.wire.js';

export function figuresOf(c: Counts, time: { busyS: number; availableS: number }): Figures {
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
    threeRingRate: threeRingRate(c),
    slAnsweredOnly: slAnsweredOnly(c),
    slAbandonNeutral: slAbandonNeutral(c),
    asaS: asaS(c),
    abandonRate: abandonRate(c),
    ahtS: ahtS(c),
    occupancy: occupancy(time),
    answeredWaitS: roundMs(c.answeredWaitS),
    handleS: roundMs(c.handleS),
    busyS: roundMs(time.busyS),
    availableS: roundMs(time.availableS),
  };
}
