/** Today's counts and figures per queue, from TimescaleDB, for the REST route and the socket snapshot. */
import type { Db } from '@callboard/db';
import { DateTime } from 'luxon';
import type { AppConfig } from '../config/config.js';
import { type TodayCounts, type TodayQueue, type TodayResponse, todayFigures } from './today.figures.js';
import { countsSince, waitingNow } from './today.repository.js';

/** `queues`: the queues to include; null for all. */
export async function todayForQueues(db: Db, config: AppConfig, queues: readonly string[] | null): Promise<TodayResponse> {
  const now = DateTime.now().setZone(config.CALLBOARD_TZ);
  const start = now.startOf('day');
  const end = start.plus({ days: 1 });
  const [rows, waiting] = await Promise.all([countsSince(db, start.toJSDate(), end.toJSDate(), queues), waitingNow(db, start.toJSDate(), queues)]);
  const counts = rows.map((r) => ({
    queue: r.queue,
    offered: r.offered,
    answered: r.answered,
    answeredInThreshold: r.answered_in_threshold,
    abandoned: r.abandoned,
    shortAbandoned: r.short_abandoned,
    timedOut: r.timed_out,
    answeredWaitS: r.answered_wait_s,
    waiting: waiting.get(r.queue) ?? 0,
  }));
  const queuesOut: TodayQueue[] = counts.map((c) => ({ queue: c.queue, ...todayFigures(c) }));
  const keys = ['offered', 'answered', 'answeredInThreshold', 'abandoned', 'shortAbandoned', 'timedOut', 'answeredWaitS'] as const;
  const total = Object.fromEntries(keys.map((k) => [k, counts.reduce((n, c) => n + c[k], 0)])) as Omit<TodayCounts, 'waiting'>;
  const totals = todayFigures({ ...total, waiting: [...waiting.values()].reduce((a, b) => a + b, 0) });
  return { asOf: now.toISO()!, tz: config.CALLBOARD_TZ, day: start.toISODate()!, demo: config.CALLBOARD_DEMO, queues: queuesOut, totals };
}
