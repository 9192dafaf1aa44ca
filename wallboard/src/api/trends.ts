/**
 * History by bucket, as served by `GET /api/v1/trends` (SPEC §6): one row per
 * local bucket of the range, each with the SPEC §3 `Figures` behind its value,
 * and optionally the same for a comparison period.
 */
import type { Figures } from '@callboard/api/wire';
import { ApiError, http } from './http';

export const TRENDS_URL = '/api/v1/trends';

export const TREND_METRICS = [
  'offered',
  'answered',
  'abandoned',
  'threeRingRate',
  'slAnsweredOnly',
  'slAbandonNeutral',
  'asa',
  'abandonRate',
  'aht',
  'occupancy',
  'breaches',
  'qaScore',
] as const;
export type TrendMetric = (typeof TREND_METRICS)[number];

export const GRANULARITIES = ['15m', 'hour', 'day', 'week', 'month'] as const;
export type Granularity = (typeof GRANULARITIES)[number];

export const COMPARISONS = ['previous', 'last_year'] as const;
export type Comparison = (typeof COMPARISONS)[number];

export type TrendSource = 'calls_15m' | 'calls_hourly' | 'calls_daily' | 'calls';

export interface TrendRow extends Figures {
  /** The local start of the bucket, ISO 8601 with the zone's offset: `2026-03-08T00:00:00-05:00`. */
  bucket: string;
  /** The chosen metric's value for the bucket; null when its denominator is 0. */
  value: number | null;
  /** SLA breaches by rule, with the `breaches` metric. */
  breachesByRule?: Record<string, number>;
  /** Scored QA evaluations behind a `qaScore` value. */
  n?: number;
}

export interface TrendsResponse {
  metric: TrendMetric;
  granularity: Granularity;
  tz: string;
  from: string;
  to: string;
  source: TrendSource;
  rows: TrendRow[];
  compare?: { from: string; to: string; rows: TrendRow[] };
}

export interface TrendsQuery {
  metric: TrendMetric;
  /** Local days YYYY-MM-DD in the center's zone, both included. */
  from: string;
  to: string;
  granularity: Granularity;
  queues?: readonly string[];
  callTypes?: readonly string[];
  agents?: readonly string[];
  teams?: readonly string[];
  compare?: Comparison | null;
}

/** The query string of a request: lists comma-separated, empty filters left out. */
export function trendsParams(query: TrendsQuery): Record<string, string> {
  const params: Record<string, string> = {
    metric: query.metric,
    from: query.from,
    to: query.to,
    granularity: query.granularity,
  };
  const list = (name: string, values: readonly string[] | undefined) => {
    if (values && values.length > 0) params[name] = values.join(',');
  };
  list('queue', query.queues);
  list('callType', query.callTypes);
  list('agent', query.agents);
  list('team', query.teams);
  if (query.compare) params.compare = query.compare;
  return params;
}

export async function fetchTrends(query: TrendsQuery, timeoutMs = 30_000): Promise<TrendsResponse> {
  const body = await http.get<unknown>(TRENDS_URL, trendsParams(query), timeoutMs);
  if (!isTrendsResponse(body)) throw new ApiError(`GET ${TRENDS_URL} answered an unexpected shape`, { status: 200 });
  return body;
}

/** A shallow check at the edge; field types inside the rows are trusted. */
function isTrendsResponse(body: unknown): body is TrendsResponse {
  if (typeof body !== 'object' || body === null) return false;
  const candidate = body as Partial<TrendsResponse>;
  return typeof candidate.metric === 'string' && typeof candidate.tz === 'string' && Array.isArray(candidate.rows);
}
