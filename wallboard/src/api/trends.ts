/**
 * History by bucket, as served by `GET /api/v1/trends` (SPEC §6): one row per
 * local bucket of the range, each with the SPEC §3 `Figures` behind its value,
 * and optionally the same for a comparison period; and the range's weekday ×
 * hour grid (`GET /api/v1/trends/heatmap`).
 */
import type {
  TrendComparison as Comparison,
  TrendGranularity as Granularity,
  TrendMetric,
  TrendsHeatmapResponse,
  TrendsResponse,
} from '@callboard/api/wire';
import { ApiError, http } from './http';

export const TRENDS_URL = '/api/v1/trends';
export const TRENDS_HEATMAP_URL = '/api/v1/trends/heatmap';

export { TREND_METRICS, TREND_GRANULARITIES as GRANULARITIES, TREND_COMPARISONS as COMPARISONS } from '@callboard/api/wire';
export type {
  TrendMetric,
  TrendGranularity as Granularity,
  TrendComparison as Comparison,
  TrendRow,
  TrendsResponse,
  TrendsHeatCell as HeatCell,
  TrendsHeatmapResponse,
} from '@callboard/api/wire';
export type TrendSource = TrendsResponse['source'];

/** The range and filters of a trend: local days YYYY-MM-DD in the center's zone, both included. */
export interface TrendsRange {
  from: string;
  to: string;
  queues?: readonly string[];
  callTypes?: readonly string[];
  agents?: readonly string[];
  teams?: readonly string[];
}

export interface TrendsQuery extends TrendsRange {
  metric: TrendMetric;
  granularity: Granularity;
  compare?: Comparison | null;
}

/** The query string of a range: lists comma-separated, empty filters left out. */
function rangeParams(query: TrendsRange): Record<string, string> {
  const params: Record<string, string> = { from: query.from, to: query.to };
  const list = (name: string, values: readonly string[] | undefined) => {
    if (values && values.length > 0) params[name] = values.join(',');
  };
  list('queue', query.queues);
  list('callType', query.callTypes);
  list('agent', query.agents);
  list('team', query.teams);
  return params;
}

/** The query string of a request: lists comma-separated, empty filters left out. */
export function trendsParams(query: TrendsQuery): Record<string, string> {
  const { from, to, ...filters } = rangeParams(query);
  const params: Record<string, string> = { metric: query.metric, from: from!, to: to!, granularity: query.granularity, ...filters };
  if (query.compare) params.compare = query.compare;
  return params;
}

export async function fetchTrends(query: TrendsQuery, timeoutMs = 30_000): Promise<TrendsResponse> {
  const body = await http.get<unknown>(TRENDS_URL, trendsParams(query), timeoutMs);
  if (!isTrendsResponse(body)) throw new ApiError(`GET ${TRENDS_URL} answered an unexpected shape`, { status: 200 });
  return body;
}

/** The weekday × hour grid of a range: 168 cells, Monday 00:00 first. */
export async function fetchTrendsHeatmap(query: TrendsRange, timeoutMs = 30_000): Promise<TrendsHeatmapResponse> {
  const body = await http.get<unknown>(TRENDS_HEATMAP_URL, rangeParams(query), timeoutMs);
  const cells = (body as Partial<TrendsHeatmapResponse> | null)?.cells;
  if (!Array.isArray(cells) || cells.length !== 7 * 24)
    throw new ApiError(`GET ${TRENDS_HEATMAP_URL} answered an unexpected shape`, { status: 200 });
  return body as TrendsHeatmapResponse;
}

/** A shallow check at the edge; field types inside the rows are trusted. */
function isTrendsResponse(body: unknown): body is TrendsResponse {
  if (typeof body !== 'object' || body === null) return false;
  const candidate = body as Partial<TrendsResponse>;
  return typeof candidate.metric === 'string' && typeof candidate.tz === 'string' && Array.isArray(candidate.rows);
}
