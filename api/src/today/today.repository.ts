/** Today's SQL: counts per queue from the 15-minute aggregate, and the calls waiting now. */
import { Inject, Injectable } from '@nestjs/common';
import type { Db } from '@callboard/db';
import { DB } from '../database/database.module.js';

export interface TodayCountsRow {
  queue: string;
  offered: number;
  answered: number;
  answered_in_threshold: number;
  abandoned: number;
  short_abandoned: number;
  timed_out: number;
  answered_wait_s: number;
}

@Injectable()
export class TodayRepository {
  constructor(@Inject(DB) private readonly db: Db) {}

  /** Counts per queue of calls offered in [from, to) (the aggregate is real-time: it includes the newest calls); `queues` null for all. */
  async countsBetween(from: Date, to: Date, queues: readonly string[] | null): Promise<TodayCountsRow[]> {
    const r = await this.db.query<TodayCountsRow>(
      `SELECT queue, sum(offered) AS offered, sum(answered) AS answered, sum(answered_in_threshold) AS answered_in_threshold,
              sum(abandoned) AS abandoned, sum(short_abandoned) AS short_abandoned, sum(timed_out) AS timed_out,
              sum(answered_wait_s) AS answered_wait_s
         FROM calls_15m WHERE bucket >= $1 AND bucket < $2 AND ($3::text[] IS NULL OR queue = ANY($3::text[]))
        GROUP BY queue ORDER BY queue`,
      [from, to, queues],
    );
    return r.rows;
  }

  /** Calls offered since `since` still waiting or ringing, per queue; `queues` null for all. */
  async waitingNow(since: Date, queues: readonly string[] | null): Promise<Map<string, number>> {
    const r = await this.db.query<{ queue: string; n: number }>(
      `SELECT queue, count(*) AS n FROM calls
        WHERE outcome IN ('waiting', 'ringing') AND offered_at >= $1 AND ($2::text[] IS NULL OR queue = ANY($2::text[]))
        GROUP BY queue`,
      [since, queues],
    );
    return new Map(r.rows.map((x) => [x.queue, x.n]));
  }
}
