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
