/**
 * Today's figures per queue, as served by `GET /api/v1/today`: the wire types
 * are the API's own (`@callboard/api/wire`), so the two cannot drift apart.
 */
import type { TodayResponse } from '@callboard/api/wire';
import { ApiError, request } from './http';

export type { TodayFigures, TodayQueue, TodayResponse } from '@callboard/api/wire';
export { ApiError } from './http';

export const TODAY_URL = '/api/v1/today';

export interface FetchTodayOptions {
  /** A wallboard must never hang on one request: give up after this long. */
  timeoutMs?: number;
}

export async function fetchToday({ timeoutMs = 10_000 }: FetchTodayOptions = {}): Promise<TodayResponse> {
  const body = await request<unknown>(TODAY_URL, { timeoutMs });
  if (!isTodayResponse(body)) {
    throw new ApiError(`GET ${TODAY_URL} answered an unexpected shape`, { status: 200 });
  }
  return body;
}

/** A shallow check at the edge; field types inside are trusted. */
function isTodayResponse(body: unknown): body is TodayResponse {
  if (typeof body !== 'object' || body === null) return false;
  const candidate = body as Partial<TodayResponse>;
  return (
    typeof candidate.asOf === 'string' &&
    typeof candidate.tz === 'string' &&
    Array.isArray(candidate.queues) &&
    typeof candidate.totals === 'object' &&
    candidate.totals !== null
  );
}
