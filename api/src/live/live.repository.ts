/** What the live engine reads from TimescaleDB: today's events to rebuild from, and last week's volume to compare with. */
import { Inject, Injectable } from '@nestjs/common';
import type { Db } from '@callboard/db';
import type { AgentInterval } from '../calls/agent-intervals.js';
import type { CenterClock, CenterDay } from '../calls/center-clock.js';
import { type Counts, emptyCounts } from '../calls/counts.js';
import { DB } from '../database/database.module.js';
import type { CanonicalEvent } from '../events/event.schema.js';
import { type StoredEvent, toCanonical } from '../writer/writer.repository.js';
import { hourVolume } from './live-state.js';
import type { HourVolume } from './live.wire.js';
import { AGENT_STATE_COLUMNS, type AgentStateRow, agentIntervalOf } from '../database/agent-states.table.js';

@Injectable()
export class LiveRepository {
  constructor(@Inject(DB) private readonly db: Db) {}

  /** Call and agent events since `from` (transcripts excluded: they shape no figure). */
  async windowEvents(from: Date): Promise<CanonicalEvent[]> {
    const r = await this.db.query<StoredEvent>(
      `SELECT id, ts, type, source, payload FROM events
        WHERE ts >= $1 AND (type = 'agent.state' OR (type LIKE 'call.%' AND type <> 'call.transcript'))
        ORDER BY ts, id`,
      [from],
    );
    return r.rows.map(toCanonical);
  }

  /** Each agent's state at `at` (the interval running then), except agents who were offline. */
  async statesAt(at: Date): Promise<AgentInterval[]> {
    const r = await this.db.query<AgentStateRow>(
      `SELECT ${AGENT_STATE_COLUMNS} FROM agent_states
        WHERE started_at < $1 AND (ended_at IS NULL OR ended_at > $1) AND state <> 'offline'`,
      [at],
    );
    return r.rows.map(agentIntervalOf);
  }

  /** Latest known name and team per agent over the last five weeks. */
  async agentDirectory(since: Date): Promise<{ agentId: string; name: string | null; team: string | null }[]> {
    const r = await this.db.query<{ agent_id: string; name: string | null; team: string | null }>(
      `SELECT DISTINCT ON (agent_id) agent_id, name, team FROM agent_states
        WHERE started_at >= $1 AND (name IS NOT NULL OR team IS NOT NULL)
        ORDER BY agent_id, started_at DESC`,
      [since],
    );
    return r.rows.map((x) => ({ agentId: x.agent_id, name: x.name, team: x.team }));
  }

  /** Calls offered per local hour and call type over one local day, with the counts behind each hour's three-ring rate, per queue; every hour of the day present. */
  async hourlyVolume(clock: CenterClock, day: CenterDay): Promise<Map<string, HourVolume[]>> {
    const r = await this.db.query<{
      bucket: Date;
      queue: string;
      call_type: string;
      offered: number;
      answered: number;
      answered_in_threshold: number;
      abandoned: number;
      short_abandoned: number;
      timed_out: number;
    }>(
      `SELECT bucket, queue, call_type, sum(offered) AS offered, sum(answered) AS answered, sum(answered_in_threshold) AS answered_in_threshold,
              sum(abandoned) AS abandoned, sum(short_abandoned) AS short_abandoned, sum(timed_out) AS timed_out
         FROM calls_hourly WHERE bucket >= $1 AND bucket < $2 GROUP BY bucket, queue, call_type`,
      [new Date(day.startMs), new Date(day.endMs)],
    );
    type Hour = { types: Record<string, number>; counts: Counts };
    const empty = (): Hour => ({ types: {}, counts: emptyCounts() });
    const byQueue = new Map<string, Map<number, Hour>>();
    for (const row of r.rows) {
      let hours = byQueue.get(row.queue);
      if (!hours) byQueue.set(row.queue, (hours = new Map()));
      const h = clock.hourStartMs(row.bucket.getTime());
      const x = hours.get(h) ?? empty();
      x.types[row.call_type] = (x.types[row.call_type] ?? 0) + Number(row.offered);
      const c = x.counts;
      c.offered += Number(row.offered);
      c.answered += Number(row.answered);
      c.answeredInThreshold += Number(row.answered_in_threshold);
      c.abandoned += Number(row.abandoned);
      c.shortAbandoned += Number(row.short_abandoned);
      c.timedOut += Number(row.timed_out);
      hours.set(h, x);
    }
    const out = new Map<string, HourVolume[]>();
    const all = clock.hours(day.startMs, day.endMs);
    for (const [queue, hours] of byQueue) {
      out.set(
        queue,
        all.map((h) => {
          const x = hours.get(h) ?? empty();
          return hourVolume(clock.iso(h), sortKeys(x.types), x.counts);
        }),
      );
    }
    return out;
  }
}

const sortKeys = (o: Record<string, number>) => Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
