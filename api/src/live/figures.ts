/** The wire `Figures` of a set of counts: the counts and sums as held, with every SPEC §3 rate beside them. */
import type { Counts } from '../calls/counts.js';
import { abandonRate, ahtS, asaS, occupancy, roundMs, slAbandonNeutral, slAnsweredOnly, threeRingRate } from '../calls/formulas.js';
import type { Figures } from './live.wire.js';

/** The figures of calls alone — no transfers, no agents' time — as a trend's bucket or a heatmap cell carries them. */
export type CallFigures = Omit<Figures, 'transferredOut' | 'occupancy' | 'busyS' | 'availableS'>;

export function callFiguresOf(c: Counts): CallFigures {
  return {
    offered: c.offered,
    answered: c.answered,
    answeredInThreshold: c.answeredInThreshold,
    abandoned: c.abandoned,
    shortAbandoned: c.shortAbandoned,
    abandonedInThreshold: c.abandonedInThreshold,
    timedOut: c.timedOut,
    handled: c.handled,
    threeRingRate: threeRingRate(c),
    slAnsweredOnly: slAnsweredOnly(c),
    slAbandonNeutral: slAbandonNeutral(c),
    asaS: asaS(c),
    abandonRate: abandonRate(c),
    ahtS: ahtS(c),
    answeredWaitS: roundMs(c.answeredWaitS),
    handleS: roundMs(c.handleS),
  };
}

export function figuresOf(c: Counts, time: { busyS: number; availableS: number }): Figures {
  return {
    ...callFiguresOf(c),
    transferredOut: c.transferredOut,
    occupancy: occupancy(time),
    busyS: roundMs(time.busyS),
    availableS: roundMs(time.availableS),
  };
}
