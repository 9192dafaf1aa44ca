/** The live scenario (api/src/testing/live.scenario.ts) and a time zone in which an hour of it before now is today. */
export { SCENARIO_NOW_S, liveScenario } from '@callboard/api/testing';

/**
 * A fixed-offset zone (Etc/GMT±h) in which it is between 10:00 and 14:00 now,
 * so an hour of events before now never crosses local midnight.
 */
export function middayZone(nowMs = Date.now()): string {
  const utcHour = new Date(nowMs).getUTCHours();
  let offset = 12 - utcHour;
  if (offset > 14) offset -= 24;
  if (offset < -12) offset += 24;
  // IANA's Etc zones have the POSIX sign: Etc/GMT-8 is UTC+8.
  return offset === 0 ? 'Etc/GMT' : `Etc/GMT${offset > 0 ? '-' : '+'}${Math.abs(offset)}`;
}
