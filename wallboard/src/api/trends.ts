/**
 * History by bucket, as served by `GET /api/v1/trends` (SPEC §6): one row per
 * local bucket of the range, each with the SPEC §3 `Figures` behind its value,
 * and optionally the same for a comparison period.
 */
import type { TrendComparison as Comparison, TrendGranularity as Granularity, TrendMetric, TrendsResponse } from '@callboard/api/wire';
import { ApiError, http } from './http';

export const TRENDS_URL = '/api/v1/trends';

export { TREND_METRICS, TREND_GRANULARITIES as GRANULARITIES, TREND_COMPARISONS as COMPARISONS } from '@callboard/api/wire';
export type {
  TrendMetric,
  TrendGranularity as Granularity,
  TrendComparison as Comparison,
  TrendRow,
  TrendsResponse,
} from '@callboard/api/wire';
export type TrendSource = TrendsResponse['source'];

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
