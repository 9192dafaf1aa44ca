import type { Queryable } from '@callboard/db';

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

/** Today's counts per queue from the 15-minute aggregate (real-time: includes the newest calls). */
export async function countsSince(q: Queryable, from: Date, to: Date): Promise<TodayCountsRow[]> {
  const r = await q.query<TodayCountsRow>(
    `SELECT queue, sum(offered) AS offered, sum(answered) AS answered, sum(answered_in_threshold) AS answered_in_threshold,
            sum(abandoned) AS abandoned, sum(short_abandoned) AS short_abandoned, sum(timed_out) AS timed_out,
            sum(answered_wait_s) AS answered_wait_s
       FROM calls_15m WHERE bucket >= $1 AND bucket < $2
      GROUP BY queue ORDER BY queue`,
    [from, to],
  );
  return r.rows;
}

export async function waitingNow(q: Queryable, since: Date): Promise<Map<string, number>> {
  const r = await q.query<{ queue: string; n: number }>(
    `SELECT queue, count(*) AS n FROM calls WHERE outcome IN ('waiting', 'ringing') AND offered_at >= $1 GROUP BY queue`,
    [since],
  );
  return new Map(r.rows.map((x) => [x.queue, x.n]));
}
