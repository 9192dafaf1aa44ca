/**
 * What the trends page shows, kept in its address so a link opens the same
 * view: `?metric=abandonRate&preset=lastMonth&granularity=week&queue=billing,sales&compare=last_year`,
 * `?preset=custom&from=2026-03-01&to=2026-03-14`. Anything unknown or invalid
 * falls back to the default: offered calls of the last 7 days by hour.
 */
import { COMPARISONS, GRANULARITIES, TREND_METRICS, type Comparison, type Granularity, type TrendMetric } from '../api/trends';
import { RANGE_PRESETS, fitGranularity, presetRange, rangeProblem, type DayRange, type RangePreset } from './range';

export interface TrendsFilters {
  queues: string[];
  callTypes: string[];
  agents: string[];
  teams: string[];
}

export interface TrendsState {
  metric: TrendMetric;
  preset: RangePreset;
  range: DayRange;
  granularity: Granularity;
  filters: TrendsFilters;
  compare: Comparison | null;
}

export const DEFAULT_METRIC: TrendMetric = 'offered';
export const DEFAULT_PRESET: Exclude<RangePreset, 'custom'> = 'last7Days';

type Query = Record<string, unknown>;

const texts = (value: unknown): string[] =>
  typeof value === 'string' ? [value] : Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
const one = (value: unknown): string | undefined => texts(value)[0];

function pick<T extends string>(allowed: readonly T[], value: unknown): T | undefined {
  const text = one(value);
  return allowed.includes(text as T) ? (text as T) : undefined;
}

/** A list from `?queue=a,b` or `?queue=a&queue=b`: trimmed, without blanks or repeats, in the order given. */
export function listFrom(value: unknown): string[] {
  const names = texts(value).flatMap((text) => text.split(',').map((name) => name.trim()));
  return [...new Set(names.filter((name) => name.length > 0))];
}

export function stateFromQuery(query: Query, today: string): TrendsState {
  const metric = pick(TREND_METRICS, query.metric) ?? DEFAULT_METRIC;
  let preset: RangePreset = pick(RANGE_PRESETS, query.preset) ?? DEFAULT_PRESET;
  let range: DayRange;
  if (preset === 'custom') {
    range = { from: one(query.from) ?? '', to: one(query.to) ?? '' };
    if (rangeProblem(range)) {
      preset = DEFAULT_PRESET;
      range = presetRange(preset, today);
    }
  } else {
    range = presetRange(preset, today);
  }
  return {
    metric,
    preset,
    range,
    granularity: fitGranularity(pick(GRANULARITIES, query.granularity), range),
    filters: {
      queues: listFrom(query.queue),
      callTypes: listFrom(query.callType),
      agents: listFrom(query.agent),
      teams: listFrom(query.team),
    },
    compare: pick(COMPARISONS, query.compare) ?? null,
  };
}

/** The address's query for a state: the metric, preset and granularity always, days only for a custom range, filters when set. */
export function queryFromState(state: TrendsState): Record<string, string> {
  const query: Record<string, string> = { metric: state.metric, preset: state.preset };
  if (state.preset === 'custom') {
    query.from = state.range.from;
    query.to = state.range.to;
  }
  query.granularity = state.granularity;
  const list = (name: string, values: readonly string[]) => {
    if (values.length > 0) query[name] = values.join(',');
  };
  list('queue', state.filters.queues);
  list('callType', state.filters.callTypes);
  list('agent', state.filters.agents);
  list('team', state.filters.teams);
  if (state.compare) query.compare = state.compare;
  return query;
}
