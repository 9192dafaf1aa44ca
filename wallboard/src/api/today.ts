/**
 * Today's figures per queue, as served by `GET /api/v1/today`.
 *
 * "Today" is the current day in the center's time zone (`tz`); a call belongs
 * to the day it was offered. Rates are fractions 0..1 and `null` when their
 * denominator is 0 (SPEC §3, §6).
 */
export interface TodayFigures {
  offered: number;
  answered: number;
  /** Answered with wait ≤ rings × ringCycleS (the three-ring threshold). */
  answeredInThreshold: number;
  abandoned: number;
  /** Abandoned with wait < shortAbandonS; included in `abandoned`. */
  shortAbandoned: number;
  timedOut: number;
  /** Calls in the queue right now. */
  waiting: number;
  /** answeredInThreshold ÷ (answered + abandoned − shortAbandoned + timedOut). */
  threeRingRate: number | null;
  /** Mean wait of answered calls, in seconds. */
  asaS: number | null;
  /** (abandoned − shortAbandoned) ÷ (offered − shortAbandoned). */
  abandonRate: number | null;
}

export interface TodayQueue extends TodayFigures {
  queue: string;
}

export interface TodayResponse {
  /** When the figures were computed, ISO 8601. */
  asOf: string;
  /** The center's IANA time zone, e.g. `Asia/Shanghai`. */
  tz: string;
  /** The local day the figures cover, `YYYY-MM-DD`. */
  day: string;
  /** True while the figures come from the built-in simulator. */
  demo: boolean;
  queues: TodayQueue[];
  totals: TodayFigures;
}

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
