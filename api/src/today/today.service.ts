/**
 * Today's counts and figures per queue straight from TimescaleDB (SPEC §3, §6),
 * so the pipeline (ingest → log → writer → aggregates) is visible end to end;
 * the live engine serves the full figures. "Today" is the current day in the
 * center's time zone; a call belongs to the day it was offered.
 */
import { Inject, Injectable } from '@nestjs/common';
import { DateTime } from 'luxon';
import { type Counts, emptyCounts, sumCounts } from '../calls/counts.js';
import { abandonRate, asaS, threeRingRate } from '../calls/formulas.js';
import { type AppConfig, CONFIG } from '../config/config.js';
import { type TodayCountsRow, TodayRepository } from './today.repository.js';
import type { TodayFigures, TodayResponse } from './today.wire.js';

const countsOf = (r: TodayCountsRow): Counts => ({
  ...emptyCounts(),
  offered: r.offered,
  answered: r.answered,
  answeredInThreshold: r.answered_in_threshold,
  abandoned: r.abandoned,
  shortAbandoned: r.short_abandoned,
  timedOut: r.timed_out,
  answeredWaitS: r.answered_wait_s,
});

function figuresOf(c: Counts, waiting: number): TodayFigures {
  return {
    offered: c.offered,
    answered: c.answered,
    answeredInThreshold: c.answeredInThreshold,
    abandoned: c.abandoned,
    shortAbandoned: c.shortAbandoned,
    timedOut: c.timedOut,
    waiting,
    threeRingRate: threeRingRate(c),
    asaS: asaS(c),
    abandonRate: abandonRate(c),
  };
}

@Injectable()
export class TodayService {
  constructor(
    private readonly repo: TodayRepository,
    @Inject(CONFIG) private readonly config: AppConfig,
  ) {}

  /** `queues`: the queues to include; null for all. Totals count the calls waiting in every one of them. */
  async today(queues: readonly string[] | null): Promise<TodayResponse> {
    const now = DateTime.now().setZone(this.config.CALLBOARD_TZ);
    const start = now.startOf('day');
    const end = start.plus({ days: 1 });
    const [rows, waiting] = await Promise.all([
      this.repo.countsBetween(start.toJSDate(), end.toJSDate(), queues),
      this.repo.waitingNow(start.toJSDate(), queues),
    ]);
    const total = emptyCounts();
    for (const r of rows) sumCounts(total, countsOf(r));
    return {
      asOf: now.toISO()!,
      tz: this.config.CALLBOARD_TZ,
      day: start.toISODate()!,
      demo: this.config.CALLBOARD_DEMO,
      queues: rows.map((r) => ({ queue: r.queue, ...figuresOf(countsOf(r), waiting.get(r.queue) ?? 0) })),
      totals: figuresOf(
        total,
        [...waiting.values()].reduce((a, b) => a + b, 0),
      ),
    };
  }
}
