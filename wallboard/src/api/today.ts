/**
 * Today's figures per queue, as served by `GET /api/v1/today`: the wire types
 * are the API's own (`@callboard/api/wire`), so the two cannot drift apart.
 */
import type { TodayResponse } from '@callboard/api/wire';

export type { TodayFigures, TodayQueue, TodayResponse } from '@callboard/api/wire';

export const TODAY_URL = '/api/v1/today';

/** A failed request: `status` is the HTTP status, absent for network errors and timeouts. */
export class ApiError extends Error {
  readonly status: number | undefined;

  constructor(message: string, status?: number, options?: ErrorOptions) {
    super(message, options);
    this.name = 'ApiError';
    this.status = status;
  }
}

export interface FetchTodayOptions {
  /** A wallboard must never hang on one request: give up after this long. */
  timeoutMs?: number;
}

export async function fetchToday({ timeoutMs = 10_000 }: FetchTodayOptions = {}): Promise<TodayResponse> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    const response = await fetch(TODAY_URL, {
      headers: { Accept: 'application/json' },
      credentials: 'same-origin',
      signal: controller.signal,
    });
    if (!response.ok) {
      throw new ApiError(`GET ${TODAY_URL} answered ${response.status}`, response.status);
    }
    const body: unknown = await response.json();
    if (!isTodayResponse(body)) {
      throw new ApiError(`GET ${TODAY_URL} answered an unexpected shape`, response.status);
    }
    return body;
  } catch (error) {
    if (error instanceof ApiError) throw error;
    throw new ApiError(`GET ${TODAY_URL} failed`, undefined, { cause: error });
  } finally {
    clearTimeout(timer);
  }
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
