/**
 * The SPEC §3 formulas, once: every figure the live engine, today's figures
 * and trends show is one of these over raw counts. Rates are fractions 0..1 and
 * null when their denominator is 0; times are in seconds.
 */
import type { Counts } from './counts.js';

export const ratio = (n: number, d: number): number | null => (d > 0 ? n / d : null);

/** Sums of seconds are rounded to the millisecond so adding and removing legs leaves no float dust. */
export const roundMs = (s: number): number => Math.round(s * 1000) / 1000;

/** Three-ring rate (the primary service level): answered within three rings ÷ (answered + abandoned − short abandoned + timed out). */
export const threeRingRate = (
  c: Pick<Counts, 'answeredInThreshold' | 'answered' | 'abandoned' | 'shortAbandoned' | 'timedOut'>,
): number | null => ratio(c.answeredInThreshold, c.answered + c.abandoned - c.shortAbandoned + c.timedOut);

/** Service level, answered-only (Asterisk SL): answered within three rings ÷ answered. */
export const slAnsweredOnly = (c: Pick<Counts, 'answeredInThreshold' | 'answered'>): number | null =>
  ratio(c.answeredInThreshold, c.answered);

/** Service level, abandon-neutral (Asterisk SL2): (answered + abandoned, each within threshold) ÷ (answered + abandoned). */
export const slAbandonNeutral = (
  c: Pick<Counts, 'answeredInThreshold' | 'abandonedInThreshold' | 'answered' | 'abandoned'>,
): number | null => ratio(c.answeredInThreshold + c.abandonedInThreshold, c.answered + c.abandoned);

/** ASA: mean wait of answered calls. */
export const asaS = (c: Pick<Counts, 'answeredWaitS' | 'answered'>): number | null => ratio(roundMs(c.answeredWaitS), c.answered);

/** Abandon rate: (abandoned − short abandoned) ÷ (offered − short abandoned). */
export const abandonRate = (c: Pick<Counts, 'abandoned' | 'shortAbandoned' | 'offered'>): number | null =>
  ratio(c.abandoned - c.shortAbandoned, c.offered - c.shortAbandoned);

/** AHT: (talk + hold + wrap-up) ÷ handled calls. */
export const ahtS = (c: Pick<Counts, 'handleS' | 'handled'>): number | null => ratio(roundMs(c.handleS), c.handled);

/** Occupancy: time on call or wrap-up ÷ (that + available time). */
export const occupancy = (t: { busyS: number; availableS: number }): number | null => ratio(t.busyS, t.busyS + t.availableS);
