/** The agent's reason for a dispute, checked as the server checks it (SPEC §5: the agent disputes, a QA lead resolves). */

/** The longest reason the server takes, in characters (UTF-16 code units, as the server counts). */
export const DISPUTE_REASON_MAX = 2000;

export type ReasonProblem = 'required' | 'tooLong';

/** What is wrong with a reason, `null` when it can be sent: the server trims it, then wants 1 to 2,000 characters. */
export function reasonProblem(reason: string): ReasonProblem | null {
  const trimmed = reason.trim();
  if (trimmed.length === 0) return 'required';
  if (trimmed.length > DISPUTE_REASON_MAX) return 'tooLong';
  return null;
}
