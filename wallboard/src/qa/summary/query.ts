/**
 * What the summary shows, kept in the page's address so a link or a bookmark
 * opens the same period, view and grouping: `?period=lastMonth&view=items`,
 * `?period=custom&from=2026-11-01&to=2026-11-15`. Anything unknown or invalid
 * falls back to this week's mean scores by agent.
 */
import { PERIOD_PRESETS, presetRange, rangeProblem, type DayRange, type PeriodPreset } from './period';
import type { SummaryView } from './table';

export const SUMMARY_VIEWS = ['means', 'items', 'trend'] as const satisfies readonly SummaryView[];
export const SUMMARY_BYS = ['agent', 'team'] as const;
export type SummaryBy = (typeof SUMMARY_BYS)[number];

export interface SummaryState {
  preset: PeriodPreset;
  range: DayRange;
  view: SummaryView;
  by: SummaryBy;
}

type Query = Record<string, unknown>;

const one = (value: unknown): string | undefined =>
  typeof value === 'string' ? value : Array.isArray(value) && typeof value[0] === 'string' ? value[0] : undefined;

function pick<T extends string>(allowed: readonly T[], value: unknown, fallback: T): T {
  const text = one(value);
  return allowed.includes(text as T) ? (text as T) : fallback;
}

export function stateFromQuery(query: Query, today: string): SummaryState {
  const view = pick(SUMMARY_VIEWS, query.view, 'means');
  const by = pick(SUMMARY_BYS, query.by, 'agent');
  const preset = pick(PERIOD_PRESETS, query.period, 'thisWeek');
  if (preset === 'custom') {
    const range = { from: one(query.from) ?? '', to: one(query.to) ?? '' };
    if (!rangeProblem(range)) return { preset, range, view, by };
    return { preset: 'thisWeek', range: presetRange('thisWeek', today), view, by };
  }
  return { preset, range: presetRange(preset, today), view, by };
}

/** The address's query for a state: only what differs from the defaults, days only for a custom period. */
export function queryFromState(state: SummaryState): Record<string, string> {
  const query: Record<string, string> = {};
  if (state.preset !== 'thisWeek') query.period = state.preset;
  if (state.preset === 'custom') {
    query.from = state.range.from;
    query.to = state.range.to;
  }
  if (state.view !== 'means') query.view = state.view;
  if (state.by !== 'agent') query.by = state.by;
  return query;
}
