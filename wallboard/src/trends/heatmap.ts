/**
 * The week at a glance: a weekday × hour grid of the range, from hourly rows.
 * Each cell sums the counts of every hour of the range that fell on that
 * weekday and hour (local wall clock, Monday first); its three-ring rate is
 * computed from those sums, never averaged from hourly rates.
 */
import type { TrendRow } from '../api/trends';
import { wallTime } from './buckets';

export interface HeatCell {
  /** 0 Monday … 6 Sunday */
  weekday: number;
  /** 0 … 23, local */
  hour: number;
  offered: number;
  answered: number;
  answeredInThreshold: number;
  abandoned: number;
  shortAbandoned: number;
  timedOut: number;
  /** answeredInThreshold ÷ (answered + abandoned − shortAbandoned + timedOut) of the sums; null when that is 0. */
  threeRingRate: number | null;
}

export type HeatmapMeasure = 'offered' | 'threeRingRate';

/** 7 × 24 cells, weekday-major (Monday 00:00 first, Sunday 23:00 last). */
export function heatmapCells(rows: readonly TrendRow[]): HeatCell[] {
  const cells: HeatCell[] = [];
  for (let weekday = 0; weekday < 7; weekday++) {
    for (let hour = 0; hour < 24; hour++) {
      cells.push({
        weekday,
        hour,
        offered: 0,
        answered: 0,
        answeredInThreshold: 0,
        abandoned: 0,
        shortAbandoned: 0,
        timedOut: 0,
        threeRingRate: null,
      });
    }
  }
  for (const row of rows) {
    const wall = wallTime(row.bucket);
    if (!wall) continue;
    const cell = cells[wall.weekday * 24 + wall.hour]!;
    cell.offered += row.offered;
    cell.answered += row.answered;
    cell.answeredInThreshold += row.answeredInThreshold;
    cell.abandoned += row.abandoned;
    cell.shortAbandoned += row.shortAbandoned;
    cell.timedOut += row.timedOut;
  }
  for (const cell of cells) {
    const denominator = cell.answered + cell.abandoned - cell.shortAbandoned + cell.timedOut;
    cell.threeRingRate = denominator > 0 ? cell.answeredInThreshold / denominator : null;
  }
  return cells;
}
