/**
 * The calls behind a live figure (`GET /api/v1/live/calls`): the same call legs
 * the wallboard's figures count, newest offer first, a page at a time. Caller
 * numbers arrive already masked for everyone but admins; the app shows them as
 * given and never writes them anywhere else.
 */
import type { LiveCallRow, LiveCallsPage } from '@callboard/api/wire';
import { http } from './http';

export type { LiveCallRow, LiveCallsPage } from '@callboard/api/wire';

export const LIVE_CALLS_URL = '/api/v1/live/calls';

import {
  DRILL_DEFAULT_LIMIT as DEFAULT_LIVE_CALLS_LIMIT,
  DRILL_FIGURES as LIVE_CALL_FIGURES,
  DRILL_MAX_LIMIT as MAX_LIVE_CALLS_LIMIT,
  type DrillFigure as LiveCallFigure,
} from '@callboard/api/wire';

/** The figures a wallboard can be drilled into, and the server's page sizes. */
export { DEFAULT_LIVE_CALLS_LIMIT, LIVE_CALL_FIGURES, MAX_LIVE_CALLS_LIMIT, type LiveCallFigure };

export interface LiveCallsQuery {
  figure: LiveCallFigure;
  /** One queue or several; absent (or empty) means every queue the session may see. */
  queue?: string | readonly string[] | null;
  callType?: string | null;
  limit?: number;
  /** The `next` cursor of the previous page. */
  before?: string | null;
}

export function fetchLiveCalls({ figure, queue, callType, limit, before }: LiveCallsQuery): Promise<LiveCallsPage> {
  const queues = typeof queue === 'string' ? queue : queue?.join(',');
  return http.get<LiveCallsPage>(LIVE_CALLS_URL, {
    figure,
    queue: queues,
    callType,
    limit,
    before,
  });
}

/** talk + hold + wrap-up, the handle time AHT averages; null until the call has been answered. */
export function handleTimeS(row: Pick<LiveCallRow, 'talkS' | 'holdS' | 'wrapS'>): number | null {
  return row.talkS === null ? null : row.talkS + row.holdS + (row.wrapS ?? 0);
}
