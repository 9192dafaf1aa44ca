/**
 * Trends' SQL: counts per bucket from the continuous aggregates (real-time:
 * the newest calls included) or from the calls themselves, SLA breaches per
 * rule, and QA scores. Counts come back as one JSON text of compact arrays:
 * the embedded database hands over thousands of rows far faster that way than
 * row by row.
 */
import { Inject, Injectable } from '@nestjs/common';
import type { Db } from '@callboard/db';
import { DB } from '../database/database.module.js';
import type { TrendSource } from './trends.constants.js';

export type CountsSource = TrendSource;

/** Sums of a bucket; `at` is the aggregate's bucket, or for `calls` the UTC quarter-hour the calls were offered in. */
export interface TrendCountsRow {
  at: Date;
  offered: number;
  answered: number;
  answered_in_threshold: number;
  abandoned: number;
  abandoned_in_threshold: number;
  short_abandoned: number;
  timed_out: number;
  handled: number;
  answered_wait_s: number;
  handle_s: number;
}

export interface TrendFilter {
  queues: readonly string[] | null;
  callTypes: readonly string[] | null;
  agents: readonly string[] | null;
  teams: readonly string[] | null;
}

const SUMS = `sum(offered)::int AS offered, sum(answered)::int AS answered, sum(answered_in_threshold)::int AS answered_in_threshold,
  sum(abandoned)::int AS abandoned, sum(abandoned_in_threshold)::int AS abandoned_in_threshold,
  sum(short_abandoned)::int AS short_abandoned, sum(timed_out)::int AS timed_out, sum(handled)::int AS handled,
  sum(answered_wait_s)::float8 AS answered_wait_s, (sum(talk_s) + sum(hold_s) + sum(wrap_s))::float8 AS handle_s`;
/** The same of one aggregate row, when it is the bucket's only one. */
const COLUMNS = `offered::int AS offered, answered::int AS answered, answered_in_threshold::int AS answered_in_threshold,
  abandoned::int AS abandoned, abandoned_in_threshold::int AS abandoned_in_threshold, short_abandoned::int AS short_abandoned,
  timed_out::int AS timed_out, handled::int AS handled, answered_wait_s::float8 AS answered_wait_s,
  (talk_s + hold_s + wrap_s)::float8 AS handle_s`;
const COUNT_FIELDS = [
  'offered',
  'answered',
  'answered_in_threshold',
  'abandoned',
  'abandoned_in_threshold',
  'short_abandoned',
  'timed_out',
  'handled',
  'answered_wait_s',
  'handle_s',
] as const satisfies readonly Exclude<keyof TrendCountsRow, 'at'>[];

/** Rows `at, …COUNT_FIELDS` of a query as one JSON text of arrays `[epochMs, …COUNT_FIELDS]`, in order of `at`. */
const asJson = (sql: string) =>
  `SELECT json_agg(json_build_array((extract(epoch FROM c.at) * 1000)::float8, ${COUNT_FIELDS.map((f) => `c.${f}`).join(', ')})
                   ORDER BY c.at)::text AS rows
     FROM (${sql}) c`;

/** The rows of one JSON text of arrays `[epochMs, …COUNT_FIELDS]`. */
function countsRows(json: string | null | undefined): TrendCountsRow[] {
  const arrays = JSON.parse(json ?? '[]') as number[][];
  return arrays.map((a) => {
    const row = { at: new Date(a[0]!) } as TrendCountsRow;
    COUNT_FIELDS.forEach((field, i) => (row[field] = a[i + 1]!));
    return row;
  });
}

/** A UTC quarter-hour: inside exactly one local 15-minute bucket in every zone whose offset is a whole number of quarter-hours. */
const quarterOf = (col: string) => `to_timestamp(floor(extract(epoch FROM ${col}) / 900) * 900)`;

/** The agent's latest stated team before the end of the range ($2). */
const teamOf = (agentCol: string) =>
  `(SELECT t.team FROM agent_states t WHERE t.agent_id = ${agentCol} AND t.team IS NOT NULL AND t.started_at < $2
     ORDER BY t.started_at DESC LIMIT 1)`;

@Injectable()
export class TrendsRepository {
  constructor(@Inject(DB) private readonly db: Db) {}

  /** Each aggregate's materialization hypertable, looked up once: it stays the same while the view exists. */
  private readonly materializations = new Map<string, Promise<{ table: string; id: number }>>();

  private materializationOf(view: string): Promise<{ table: string; id: number }> {
    let found = this.materializations.get(view);
    if (!found) {
      found = this.db
        .query<{ table: string; id: number }>(
          `SELECT format('%I.%I', h.schema_name, h.table_name) AS table, h.id
             FROM timescaledb_information.continuous_aggregates c
             JOIN _timescaledb_catalog.hypertable h
               ON h.schema_name = c.materialization_hypertable_schema AND h.table_name = c.materialization_hypertable_name
            WHERE c.view_name = $1`,
          [view],
        )
        .then((r) => {
          if (!r.rows[0]) throw new Error(`no continuous aggregate named ${view}`);
          return r.rows[0];
        });
      found.catch(() => this.materializations.delete(view));
      this.materializations.set(view, found);
    }
    return found;
  }

  /**
   * Counts of calls offered in [from, to) per bucket of an aggregate, filtered
   * by queue and call type (where it has them); in order. What the real-time
   * view would answer, in two parts: the buckets materialised so far read
   * straight from the materialization hypertable (planning the view's union
   * over the whole hierarchy costs more than reading a year of buckets), and
   * only when the range reaches past the watermark, the newer buckets from the
   * view itself.
   */
  async aggregateCounts(
    source: Exclude<CountsSource, 'calls'>,
    from: Date,
    to: Date,
    f: Pick<TrendFilter, 'queues' | 'callTypes'>,
  ): Promise<TrendCountsRow[]> {
    const filters: string[] = [];
    const params: unknown[] = [from, to];
    if (!source.endsWith('_total')) {
      params.push(f.queues);
      filters.push(`AND ($${params.length}::text[] IS NULL OR queue = ANY($${params.length}::text[]))`);
    }
    if (!source.endsWith('_total') && !source.endsWith('_queue')) {
      params.push(f.callTypes);
      filters.push(`AND ($${params.length}::text[] IS NULL OR call_type = ANY($${params.length}::text[]))`);
    }
    const { table, id } = await this.materializationOf(source);
    // A materialised bucket is one row per group: with one queue (and one call type where there are types) nothing is left to sum.
    const single = (list: readonly string[] | null) => list !== null && list.length === 1;
    const oneRowPerBucket = source.endsWith('_total') || (single(f.queues) && (source.endsWith('_queue') || single(f.callTypes)));
    const materialised = oneRowPerBucket
      ? `SELECT bucket AS at, ${COLUMNS} FROM ${table} WHERE bucket >= $1 AND bucket < $2 AND bucket < (SELECT t FROM w) ${filters.join(' ')}`
      : `SELECT bucket AS at, ${SUMS} FROM ${table} WHERE bucket >= $1 AND bucket < $2 AND bucket < (SELECT t FROM w) ${filters.join(' ')} GROUP BY bucket`;
    const stored = await this.db.query<{ watermark: number; rows: string | null }>(
      `WITH w AS (SELECT coalesce(_timescaledb_functions.to_timestamp(_timescaledb_functions.cagg_watermark(${Number(id)})), '-infinity') AS t)
       SELECT (SELECT extract(epoch FROM t) * 1000 FROM w)::float8 AS watermark, (${asJson(materialised)}) AS rows`,
      params,
    );
    const watermark = stored.rows[0]!.watermark;
    const rows = countsRows(stored.rows[0]!.rows);
    if (watermark >= to.getTime()) return rows;
    const newer = await this.db.query<{ rows: string | null }>(
      asJson(`SELECT bucket AS at, ${SUMS} FROM ${source} WHERE bucket >= $1 AND bucket < $2 ${filters.join(' ')} GROUP BY bucket`),
      [new Date(Math.max(from.getTime(), watermark)), ...params.slice(1)],
    );
    return [...rows, ...countsRows(newer.rows[0]?.rows)];
  }

  /** The same counts from the calls themselves per UTC quarter-hour, with every filter (an agent's team from their agent states); in order. */
  async callCounts(from: Date, to: Date, f: TrendFilter): Promise<TrendCountsRow[]> {
    const r = await this.db.query<{ rows: string | null }>(
      asJson(`SELECT at, ${SUMS}
         FROM (
           SELECT ${quarterOf('c.offered_at')} AS at,
                  1 AS offered,
                  (c.answered_at IS NOT NULL)::int AS answered,
                  c.answered_in_threshold::int AS answered_in_threshold,
                  (c.outcome = 'abandoned')::int AS abandoned,
                  c.abandoned_in_threshold::int AS abandoned_in_threshold,
                  c.short_abandon::int AS short_abandoned,
                  (c.outcome = 'timed_out')::int AS timed_out,
                  (c.answered_at IS NOT NULL AND c.ended_at IS NOT NULL)::int AS handled,
                  CASE WHEN c.answered_at IS NOT NULL THEN coalesce(c.wait_s, 0) ELSE 0 END AS answered_wait_s,
                  CASE WHEN c.ended_at IS NOT NULL THEN coalesce(c.talk_s, 0) ELSE 0 END AS talk_s,
                  CASE WHEN c.ended_at IS NOT NULL AND c.answered_at IS NOT NULL THEN c.hold_s ELSE 0 END AS hold_s,
                  CASE WHEN c.ended_at IS NOT NULL THEN coalesce(c.wrap_s, 0) ELSE 0 END AS wrap_s
             FROM calls c
            WHERE c.offered_at >= $1 AND c.offered_at < $2
              AND ($3::text[] IS NULL OR c.queue = ANY($3::text[])) AND ($4::text[] IS NULL OR c.call_type = ANY($4::text[]))
              AND ($5::text[] IS NULL OR c.agent_id = ANY($5::text[]))
              AND ($6::text[] IS NULL OR ${teamOf('c.agent_id')} = ANY($6::text[]))
         ) legs
        GROUP BY at`),
      [from, to, f.queues, f.callTypes, f.agents, f.teams],
    );
    return countsRows(r.rows[0]?.rows);
  }

  /**
   * SLA breaches (the `sla_breaches` records) that began to be in breach in
   * [from, to), per rule and UTC quarter-hour; in order. A queue or call-type
   * filter keeps the call breaches of those calls, an agent or team filter the
   * breaches of those agents.
   */
  async breaches(from: Date, to: Date, f: TrendFilter): Promise<{ at: Date; rule: string; n: number }[]> {
    const r = await this.db.query<{ at: Date; rule: string; n: number }>(
      `SELECT ${quarterOf('b.breached_at')} AS at, b.rule, count(*)::int AS n
         FROM sla_breaches b
        WHERE b.breached_at >= $1 AND b.breached_at < $2
          AND ($3::text[] IS NULL OR b.queue = ANY($3::text[]))
          AND ($4::text[] IS NULL OR EXISTS (SELECT 1 FROM calls c WHERE 'call:' || c.call_id = b.subject AND c.queue = b.queue
                                                AND c.offered_at = b.started_at AND c.call_type = ANY($4::text[])))
          AND ($5::text[] IS NULL OR b.agent_id = ANY($5::text[]))
          AND ($6::text[] IS NULL OR ${teamOf('b.agent_id')} = ANY($6::text[]))
        GROUP BY 1, 2 ORDER BY 1, 2`,
      [from, to, f.queues, f.callTypes, f.agents, f.teams],
    );
    return r.rows;
  }

  /**
   * Agents' time on call or in wrap-up (busy) and available, in seconds, per
   * bucket [starts[i], ends[i]) (SPEC §3 occupancy), of the agents an agent or
   * team filter selects (all otherwise); a current state counts until now.
   */
  async occupancy(
    from: Date,
    to: Date,
    starts: readonly Date[],
    ends: readonly Date[],
    f: Pick<TrendFilter, 'agents' | 'teams'>,
  ): Promise<{ i: number; busy_s: number; available_s: number }[]> {
    const r = await this.db.query<{ i: number; busy_s: number; available_s: number }>(
      `SELECT (u.ord - 1)::int AS i,
              coalesce(sum(extract(epoch FROM least(coalesce(s.ended_at, now()), u.b_end) - greatest(s.started_at, u.b_start)))
                FILTER (WHERE s.state IN ('on_call', 'wrap_up')), 0)::float8 AS busy_s,
              coalesce(sum(extract(epoch FROM least(coalesce(s.ended_at, now()), u.b_end) - greatest(s.started_at, u.b_start)))
                FILTER (WHERE s.state = 'available'), 0)::float8 AS available_s
         FROM unnest($3::timestamptz[], $4::timestamptz[]) WITH ORDINALITY AS u(b_start, b_end, ord)
         JOIN agent_states s ON s.started_at < u.b_end AND coalesce(s.ended_at, now()) > u.b_start
        WHERE s.state IN ('on_call', 'wrap_up', 'available') AND s.started_at < $2 AND coalesce(s.ended_at, now()) > $1
          AND ($5::text[] IS NULL OR s.agent_id = ANY($5::text[]))
          AND ($6::text[] IS NULL OR ${teamOf('s.agent_id')} = ANY($6::text[]))
        GROUP BY u.ord ORDER BY u.ord`,
      [from, to, starts, ends, f.agents, f.teams],
    );
    return r.rows;
  }

  /** Scored QA evaluations (submitted or later) of calls offered in [from, to): sum and count per UTC quarter-hour; in order. */
  async qaScores(from: Date, to: Date, f: TrendFilter): Promise<{ at: Date; total: number; n: number }[]> {
    const r = await this.db.query<{ at: Date; total: number; n: number }>(
      `SELECT ${quarterOf('e.offered_at')} AS at, sum(e.score)::float8 AS total, count(*)::int AS n
         FROM qa_evaluations e
        WHERE e.offered_at >= $1 AND e.offered_at < $2 AND e.score IS NOT NULL
          AND e.status IN ('submitted', 'acknowledged', 'disputed', 'resolved')
          AND ($3::text[] IS NULL OR e.queue = ANY($3::text[]))
          AND ($4::text[] IS NULL OR EXISTS (SELECT 1 FROM calls c WHERE c.call_id = e.call_id AND c.queue = e.queue
                                                AND c.offered_at = e.offered_at AND c.call_type = ANY($4::text[])))
          AND ($5::text[] IS NULL OR e.agent_id = ANY($5::text[]))
          AND ($6::text[] IS NULL OR e.team = ANY($6::text[]))
        GROUP BY 1 ORDER BY 1`,
      [from, to, f.queues, f.callTypes, f.agents, f.teams],
    );
    return r.rows;
  }
}
