/** What the call-facts panel derives from the call's record. */

export interface CallRecord {
  offeredAt: string;
  answeredAt: string | null;
  endedAt: string | null;
  transferred: boolean;
}

export type CallOutcome = 'answered' | 'transferred' | 'unanswered';

/** Seconds from offer to answer; null for a call never answered or an unreadable time. */
export function waitSeconds(call: CallRecord): number | null {
  if (!call.answeredAt) return null;
  const s = (Date.parse(call.answeredAt) - Date.parse(call.offeredAt)) / 1000;
  return Number.isFinite(s) && s >= 0 ? s : null;
}

/** A transfer wins over a plain answer: the agent under review did not finish the call. */
export function callOutcome(call: CallRecord): CallOutcome {
  if (call.transferred) return 'transferred';
  return call.answeredAt ? 'answered' : 'unanswered';
}

/** The calendar day (YYYY-MM-DD) of an instant in `timeZone`; null for an unreadable instant or zone. */
export function localDay(iso: string | null, timeZone: string): string | null {
  if (!iso) return null;
  const instant = new Date(iso);
  if (Number.isNaN(instant.getTime())) return null;
  try {
    return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(instant);
  } catch {
    return null;
  }
}

/** Whether a later moment of the call falls on the day it was offered, so its time alone says enough. */
export function sameDayAsOffer(call: CallRecord, iso: string | null, timeZone: string): boolean {
  const day = localDay(iso, timeZone);
  return day !== null && day === localDay(call.offeredAt, timeZone);
}
