/**
 * Trends (SPEC §3, §6): the figures of every local bucket of a range of days,
 * read from the coarsest continuous aggregate that fits (15 minutes → calls_15m,
 * hours → calls_hourly, days, weeks and months → calls_daily summed per local
 * bucket), or from the calls themselves when a filter needs them (agent, team)
 * or local times repeat (a DST fall-back merges them in local 15-minute and
 * hourly buckets). Rates come from the summed raw counts, never from averaged
 * rates; a comparison is the same computation over another range.
 */
import { Inject, Injectable } from '@nestjs/common';
import { type Counts, emptyCounts } from '../calls/counts.js';
import { occupancy as occupancyOf, ratio, roundMs } from '../calls/formulas.js';
import { ApiError } from '../common/errors.js';
import { type AppConfig, CONFIG } from '../config/config.js';
import { callFiguresOf } from '../live/figures.js';
import {
  type Bucket,
  type DayRange,
  MAX_DAYS,
  assign,
  bucketsOf,
  comparedRange,
  daysIn,
  rangeInstants,
  repeatedDays,
  weekdayHour,
} from './trend-buckets.js';
import { type CountsSource, type TrendCountsRow, type TrendFilter, TrendsRepository } from './trends.repository.js';

type AggregateSource = Exclude<CountsSource, 'calls'>;
import type { TrendComparison, TrendGranularity, TrendMetric } from './trends.schemas.js';
import type { TrendRow, TrendsHeatmapResponse, TrendsResponse } from './trends.wire.js';

export interface TrendsRequest extends DayRange {
  metric: TrendMetric;
  granularity: TrendGranularity;
  filter: TrendFilter;
  compare?: TrendComparison;
}

/** The earliest day a trend reads: back-fills start at 2000-01-01. */
const FIRST_DAY = '2000-01-01';

/** The aggregates of each granularity: by queue and call type, by queue, and the center's totals. */
const AGGREGATES: Record<TrendGranularity, { typed: AggregateSource; queue: AggregateSource; total: AggregateSource }> = {
  '15m': { typed: 'calls_15m', queue: 'calls_15m', total: 'calls_15m' },
  hour: { typed: 'calls_hourly', queue: 'calls_hourly_queue', total: 'calls_hourly_total' },
  day: { typed: 'calls_daily', queue: 'calls_daily_queue', total: 'calls_daily_total' },
  week: { typed: 'calls_daily', queue: 'calls_daily_queue', total: 'calls_daily_total' },
  month: { typed: 'calls_daily', queue: 'calls_daily_queue', total: 'calls_daily_total' },
};

function countsOf(rows: readonly TrendCountsRow[]): Counts {
  const c = emptyCounts();
  for (const r of rows) {
    c.offered += r.offered;
    c.answered += r.answered;
    c.answeredInThreshold += r.answered_in_threshold;
    c.abandoned += r.abandoned;
    c.abandonedInThreshold += r.abandoned_in_threshold;
    c.shortAbandoned += r.short_abandoned;
    c.timedOut += r.timed_out;
    c.handled += r.handled;
    c.answeredWaitS += r.answered_wait_s;
    c.handleS += r.handle_s;
  }
  return c;
}

/** A bucket's row with the SPEC §3 figures of its counts; `value` and the metric-specific fields are filled in after. */
function trendRow(bucket: string, c: Counts): TrendRow {
  return { bucket, value: null, ...callFiguresOf(c), occupancy: null };
}

function valueOf(metric: TrendMetric, row: Omit<TrendRow, 'value'>): number | null {
  switch (metric) {
    case 'offered':
    case 'answered':
    case 'abandoned':
    case 'threeRingRate':
    case 'slAnsweredOnly':
    case 'slAbandonNeutral':
    case 'abandonRate':
    case 'occupancy':
      return row[metric];
    case 'asa':
      return row.asaS;
    case 'aht':
      return row.ahtS;
    case 'breaches':
      return Object.values(row.breachesByRule ?? {}).reduce((a, b) => a + b, 0);
    case 'qaScore':
      return row.qaScore ?? null;
  }
}

const refuse = (field: string, message: string) => new ApiError(400, 'BAD_REQUEST', `${field}: ${message}`, field);

@Injectable()
export class TrendsService {
  constructor(
    private readonly repo: TrendsRepository,
    @Inject(CONFIG) private readonly config: AppConfig,
  ) {}

  /** Refuses a range the granularity does not cover, naming the field. */
  private assertRange(req: TrendsRequest, field = 'granularity'): void {
    if (req.from > req.to) throw refuse('from', `the first day ${req.from} is after the last day ${req.to}`);
    if (req.from < FIRST_DAY) throw refuse('from', `trends start on ${FIRST_DAY}; asked for ${req.from}`);
    const days = daysIn(req);
    const max = MAX_DAYS[req.granularity];
    if (days > max) throw refuse(field, `${req.granularity} buckets cover at most ${max} days; ${req.from} … ${req.to} is ${days} days`);
  }

  /**
   * The weekday × hour grid of a range: the hourly counts of the range (read
   * as for granularity=hour) summed per local weekday and hour of day, each
   * cell's rates computed from its sums.
   */
  async heatmap(req: DayRange & { filter: TrendFilter }): Promise<TrendsHeatmapResponse> {
    const hourly: TrendsRequest = { ...req, metric: 'offered', granularity: 'hour' };
    this.assertRange(hourly, 'to');
    const tz = this.config.CALLBOARD_TZ;
    const buckets = bucketsOf(req, 'hour', tz);
    const source = this.sourceOf(hourly, req);
    const byBucket = assign(buckets, await this.countsOf(hourly, req, source));
    const cells = Array.from({ length: 7 * 24 }, () => ({ hours: 0, rows: [] as TrendCountsRow[] }));
    buckets.forEach((b, i) => {
      const { weekday, hour } = weekdayHour(b.label);
      const cell = cells[weekday * 24 + hour]!;
      cell.hours++;
      cell.rows.push(...byBucket[i]!);
    });
    return {
      tz,
      from: req.from,
      to: req.to,
      source,
      cells: cells.map((c, k) => ({ weekday: Math.floor(k / 24), hour: k % 24, hours: c.hours, ...callFiguresOf(countsOf(c.rows)) })),
    };
  }

  async trends(req: TrendsRequest): Promise<TrendsResponse> {
    this.assertRange(req);
    const main = await this.rowsOf(req, req);
    const response: TrendsResponse = {
      metric: req.metric,
      granularity: req.granularity,
      tz: this.config.CALLBOARD_TZ,
      from: req.from,
      to: req.to,
      source: main.source,
      rows: main.rows,
    };
    if (req.compare) {
      const range = comparedRange(req, req.compare);
      if (range.from < FIRST_DAY) throw refuse('compare', `the compared range would start on ${range.from}, before ${FIRST_DAY}`);
      response.compare = { ...range, rows: (await this.rowsOf(req, range)).rows };
    }
    return response;
  }

  /**
   * Where the counts of a request come from: agent and team filters need the
   * calls; so do the 15-minute and hourly buckets of a day whose local times
   * repeat (read from the calls for those days only, the aggregate for the rest).
   * Otherwise the aggregate of the granularity with the fewest rows that still
   * has the filter's columns: without a call-type filter the per-queue one, and
   * without a queue filter either the center's totals.
   */
  sourceOf(req: TrendsRequest, range: DayRange): CountsSource {
    if (req.filter.agents !== null || req.filter.teams !== null) return 'calls';
    if (this.repeatedDays(req, range).length === daysIn(range)) return 'calls';
    const aggregates = AGGREGATES[req.granularity];
    if (req.filter.callTypes !== null) return aggregates.typed;
    return req.filter.queues !== null ? aggregates.queue : aggregates.total;
  }

  private repeatedDays(req: TrendsRequest, range: DayRange): DayRange[] {
    const subDay = req.granularity === '15m' || req.granularity === 'hour';
    return subDay ? repeatedDays(range, this.config.CALLBOARD_TZ) : [];
  }

  /** The counts of the range, in order: from the aggregate, with the days whose local times repeat from the calls. */
  private async countsOf(req: TrendsRequest, range: DayRange, source: CountsSource): Promise<TrendCountsRow[]> {
    const { start, end } = rangeInstants(range, this.config.CALLBOARD_TZ);
    if (source === 'calls') return this.repo.callCounts(start, end, req.filter);
    const days = this.repeatedDays(req, range).map((d) => rangeInstants(d, this.config.CALLBOARD_TZ));
    const [aggregate, ...fromCalls] = await Promise.all([
      this.repo.aggregateCounts(source, start, end, req.filter),
      ...days.map((d) => this.repo.callCounts(d.start, d.end, req.filter)),
    ]);
    if (days.length === 0) return aggregate;
    const inRepeatedDay = (at: Date) => days.some((d) => at >= d.start && at < d.end);
    return [...aggregate.filter((r) => !inRepeatedDay(r.at)), ...fromCalls.flat()].sort((a, b) => a.at.getTime() - b.at.getTime());
  }

  private async rowsOf(req: TrendsRequest, range: DayRange): Promise<{ source: CountsSource; rows: TrendRow[] }> {
    const tz = this.config.CALLBOARD_TZ;
    const { start, end } = rangeInstants(range, tz);
    const buckets = bucketsOf(range, req.granularity, tz);
    const source = this.sourceOf(req, range);
    // Occupancy is time of agents, not of calls: an agent or team filter selects them, a queue or call type cannot.
    const withOccupancy = req.metric === 'occupancy' && req.filter.queues === null && req.filter.callTypes === null;
    const [counts, breaches, scores, occupancy] = await Promise.all([
      this.countsOf(req, range, source),
      req.metric === 'breaches' ? this.repo.breaches(start, end, req.filter) : null,
      req.metric === 'qaScore' ? this.repo.qaScores(start, end, req.filter) : null,
      withOccupancy
        ? this.repo.occupancy(
            start,
            end,
            buckets.map((b) => new Date(Math.max(b.startMs, start.getTime()))),
            buckets.map((b, i) => new Date(buckets[i + 1]?.startMs ?? end.getTime())),
            req.filter,
          )
        : null,
    ]);
    const timeBy = new Map((occupancy ?? []).map((x) => [x.i, x]));
    const byBucket = assign(buckets, counts);
    const breachesBy = breaches && assign(buckets, breaches);
    const scoresBy = scores && assign(buckets, scores);
    const rows = buckets.map((b: Bucket, i): TrendRow => {
      const row = trendRow(b.label, countsOf(byBucket[i]!));
      if (breachesBy) {
        const byRule: Record<string, number> = {};
        for (const x of breachesBy[i]!) byRule[x.rule] = (byRule[x.rule] ?? 0) + x.n;
        row.breachesByRule = byRule;
      }
      if (occupancy) {
        const t = timeBy.get(i) ?? { busy_s: 0, available_s: 0 };
        row.busyS = roundMs(t.busy_s);
        row.availableS = roundMs(t.available_s);
        row.occupancy = occupancyOf({ busyS: t.busy_s, availableS: t.available_s });
      }
      if (scoresBy) {
        const n = scoresBy[i]!.reduce((a, x) => a + x.n, 0);
        row.qaScore = ratio(
          scoresBy[i]!.reduce((a, x) => a + x.total, 0),
          n,
        );
        row.qaScoreN = n;
      }
      row.value = valueOf(req.metric, row);
      return row;
    });
    return { source, rows };
  }
}
