/**
 * Today's counts per queue straight from TimescaleDB, so the pipeline
 * (ingest → log → writer → aggregates) is visible end to end. The live engine
 * will serve the full figures; this endpoint stays as the database's view.
 */
import { Controller, Get, Inject } from '@nestjs/common';
import type { Db } from '@callboard/db';
import { DateTime } from 'luxon';
import { type AppConfig, CONFIG } from '../config/config.js';
import { DB } from '../database/database.module.js';
import { type TodayCounts, type TodayQueue, type TodayResponse, todayFigures } from './today.figures.js';
import { countsSince, waitingNow } from './today.repository.js';

@Controller('api/v1/today')
export class TodayController {
  constructor(
    @Inject(DB) private readonly db: Db,
    @Inject(CONFIG) private readonly config: AppConfig,
  ) {}

  @Get()
  async today(): Promise<TodayResponse> {
    const now = DateTime.now().setZone(this.config.CALLBOARD_TZ);
    const start = now.startOf('day');
    const end = start.plus({ days: 1 });
    const [rows, waiting] = await Promise.all([
      countsSince(this.db, start.toJSDate(), end.toJSDate()),
      waitingNow(this.db, start.toJSDate()),
    ]);
    const counts = rows.map((r) => ({
      queue: r.queue,
      offered: r.offered, answered: r.answered, answeredInThreshold: r.answered_in_threshold, abandoned: r.abandoned,
      shortAbandoned: r.short_abandoned, timedOut: r.timed_out, answeredWaitS: r.answered_wait_s, waiting: waiting.get(r.queue) ?? 0,
    }));
    const queues: TodayQueue[] = counts.map((c) => ({ queue: c.queue, ...todayFigures(c) }));
    const keys = ['offered', 'answered', 'answeredInThreshold', 'abandoned', 'shortAbandoned', 'timedOut', 'answeredWaitS'] as const;
    const total = Object.fromEntries(keys.map((k) => [k, counts.reduce((n, c) => n + c[k], 0)])) as Omit<TodayCounts, 'waiting'>;
    const totals = todayFigures({ ...total, waiting: [...waiting.values()].reduce((a, b) => a + b, 0) });
    return { asOf: now.toISO()!, tz: this.config.CALLBOARD_TZ, day: start.toISODate()!, demo: this.config.CALLBOARD_DEMO, queues, totals };
  }
}
