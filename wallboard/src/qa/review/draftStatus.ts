/** What the reviewer reads about their draft, and whether a failed save is worth trying again. */
import { isApiError } from '../../api/http';
import type { DraftState } from '../form/draftSaver';

/**
 * A save refused for what it is (not allowed, no such evaluation, already
 * submitted, a bad answer) fails the same way every time; only a failure to
 * reach the server, a timeout, a server error or a rate limit may pass.
 */
export function isRetryable(error: unknown): boolean {
  if (!isApiError(error)) return false;
  return error.status === undefined || error.status >= 500 || error.status === 429;
}

export type DraftStatus = { key: 'idle' | 'saving' } | { key: 'saved'; at: Date } | { key: 'failed' | 'failedFinal'; reason: string };

export function draftStatus(state: DraftState): DraftStatus {
  switch (state.kind) {
    case 'idle':
    case 'saving':
      return { key: state.kind };
    case 'saved':
      return { key: 'saved', at: state.at };
    case 'failed':
      return {
        key: isRetryable(state.error) ? 'failed' : 'failedFinal',
        reason: state.error instanceof Error ? state.error.message : String(state.error),
      };
  }
}

/** Hours and minutes of an instant in the center's zone: "14:02". */
export function formatHourMinute(at: Date, timeZone: string, locale: string): string {
  try {
    return new Intl.DateTimeFormat(locale, { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(at);
  } catch {
    return at.toISOString().slice(11, 16);
  }
}
