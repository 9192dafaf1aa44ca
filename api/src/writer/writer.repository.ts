/**
 * The writer's SQL. Every statement of a batch runs in the one transaction
 * `transaction` opens, so each method takes it as `q`. Inserts use unnest()
 * over column arrays (events on the embedded database: COPY) — one statement
 * per batch whatever its size (the wire
 * protocol caps a statement at 65,535 parameters, so a VALUES list would not
 * scale). Reads of many calls or agents join their ids with unnest() (an index
 * probe per id; OFFSET 0 keeps the planner from turning the probes into a
 * hash join): the embedded database never gathers statistics, and with
 * `= ANY(ids)` its planner scanned the whole day and filtered it, a cost that
 * grew with every event stored.
 */
import { Inject, Injectable } from '@nestjs/common';
import { type Db, type Queryable, copyRow } from '@callboard/db';
import type { CanonicalEvent } from '../events/event.schema.js';
import { DB } from '../database/database.module.js';
import { eventKeys } from '../events/event.schema.js';
import { type RulesBook, loadRulesBook } from '../settings/rules-book.js';
import type { AgentInterval } from '../calls/agent-intervals.js';
import { type Anomaly, type CallRow, callTypeOf } from '../calls/call-state.js';
import { AGENT_STATE_COLUMNS, type AgentStateRow, agentIntervalOf } from '../database/agent-states.table.js';

/** The columns the writer fills in `events` (received_at takes its default). */
const EVENT_COLUMNS = ['id', 'ts', 'type', 'source', 'call_id', 'agent_id', 'queue', 'case_id', 'payload'] as const;

export interface StoredEvent {
  id: string;
  ts: Date;
  type: string;
  source: string;
  payload: Record<string, unknown>;
}

/** A stored event with the call it belongs to. */
export interface StoredCallEvent extends StoredEvent {
  callId: string;
}

/** Back to the canonical shape, with the ISO timestamp the schema uses. */
export function toCanonical(e: StoredEvent): CanonicalEvent {
  return { id: e.id, type: e.type, ts: e.ts.toISOString(), source: e.source, payload: e.payload } as CanonicalEvent;
}

@Injectable()
export class WriterRepository {
  constructor(@Inject(DB) private readonly db: Db) {}

  /** Runs `fn` in one transaction: commits when it resolves, rolls back when it throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
    return this.db.transaction(fn);
  }

  /** The queue rules as committed before this transaction: a change applies to every call offered since it took effect. */
  rulesBook(q: Queryable): Promise<RulesBook> {
    return loadRulesBook(q);
  }

  /**
   * Stores the events whose id is new; returns those ids. Each id is claimed in
   * `event_ids` first (one B-tree lookup per event): an id stored before, with
   * any ts, is a duplicate, and only the claimed events reach `events`, which
   * therefore holds each id once. Within the batch the first occurrence wins;
   * later ones are left out here, so the claim sees each id once. The embedded
   * database loads the claimed events with COPY (no parameter arrays to encode
   * and parse); a server gets one INSERT over unnest().
   */
  async insertEvents(q: Queryable, events: CanonicalEvent[]): Promise<Set<string>> {
    if (events.length === 0) return new Set();
    const rows: CanonicalEvent[] = [];
    const ids = new Set<string>();
    for (const e of events) {
      if (ids.has(e.id)) continue;
      ids.add(e.id);
      rows.push(e);
    }
    if (q.copyFrom) return this.copyEvents(q, rows);
    const cols = {
      id: [] as string[],
      ts: [] as string[],
      type: [] as string[],
      source: [] as string[],
      callId: [] as (string | null)[],
      agentId: [] as (string | null)[],
      queue: [] as (string | null)[],
      caseId: [] as (string | null)[],
      payload: [] as string[],
    };
    for (const e of rows) {
      const k = eventKeys(e);
      cols.id.push(e.id);
      cols.ts.push(e.ts);
      cols.type.push(e.type);
      cols.source.push(e.source);
      cols.callId.push(k.callId ?? null);
      cols.agentId.push(k.agentId ?? null);
      cols.queue.push(k.queue ?? null);
      cols.caseId.push(k.caseId ?? null);
      cols.payload.push(JSON.stringify(e.payload));
    }
    const r = await q.query<{ id: string }>(
      `WITH claimed AS (
         INSERT INTO event_ids (id, ts) SELECT * FROM unnest($1::text[], $2::timestamptz[])
         ON CONFLICT (id) DO NOTHING
         RETURNING id
       )
       INSERT INTO events (id, ts, type, source, call_id, agent_id, queue, case_id, payload)
       SELECT t.id, t.ts, t.type, t.source, t.call_id, t.agent_id, t.queue, t.case_id, t.payload::jsonb
         FROM unnest($1::text[], $2::timestamptz[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[])
           AS t(id, ts, type, source, call_id, agent_id, queue, case_id, payload)
         JOIN claimed USING (id)
       RETURNING id`,
      [cols.id, cols.ts, cols.type, cols.source, cols.callId, cols.agentId, cols.queue, cols.caseId, cols.payload],
    );
    return new Set(r.rows.map((row) => row.id));
  }

  /** Claims the ids, then COPYs the claimed events into `events`; both in the caller's transaction. */
  private async copyEvents(q: Queryable, rows: CanonicalEvent[]): Promise<Set<string>> {
    const claimed = await q.query<{ id: string }>(
      `INSERT INTO event_ids (id, ts) SELECT * FROM unnest($1::text[], $2::timestamptz[])
       ON CONFLICT (id) DO NOTHING
       RETURNING id`,
      [rows.map((e) => e.id), rows.map((e) => e.ts)],
    );
    const inserted = new Set(claimed.rows.map((row) => row.id));
    if (inserted.size === 0) return inserted;
    let text = '';
    for (const e of rows) {
      if (!inserted.has(e.id)) continue;
      const k = eventKeys(e);
      text += copyRow([e.id, e.ts, e.type, e.source, k.callId, k.agentId, k.queue, k.caseId, JSON.stringify(e.payload)]);
    }
    const stored = await q.copyFrom!('events', EVENT_COLUMNS, text);
    // Every claimed id is new, so each of its rows is stored; anything else is a broken claim, and the transaction must not commit.
    if (stored !== inserted.size) throw new Error(`the events COPY stored ${stored} rows for ${inserted.size} claimed ids`);
    return inserted;
  }

  /** All events of the given calls within a window around the batch (a call lasts far less than a day). */
  async callEvents(q: Queryable, callIds: string[], from: Date, to: Date): Promise<StoredCallEvent[]> {
    if (callIds.length === 0) return [];
    const r = await q.query<StoredCallEvent>(
      `SELECT e.id, e.ts, e.type, e.source, e.payload, e.call_id AS "callId"
         FROM unnest($1::text[]) AS c(call_id)
         CROSS JOIN LATERAL (SELECT * FROM events
                              WHERE call_id = c.call_id
                                AND ts >= $2::timestamptz - INTERVAL '1 day' AND ts <= $3::timestamptz + INTERVAL '1 day'
                              OFFSET 0) e
        ORDER BY e.ts, e.id`,
      [callIds, from, to],
    );
    return r.rows;
  }

  /**
   * agent.state events of the given agents from the last change before `from`
   * to the first change after `to`, so the intervals around the new events
   * (including the one that a new event cuts short) are rebuilt completely.
   */
  async agentEvents(
    q: Queryable,
    agentIds: string[],
    from: Date,
    to: Date,
  ): Promise<{ events: StoredEvent[]; windows: Map<string, { from: Date; to: Date }> }> {
    const windows = new Map<string, { from: Date; to: Date }>();
    if (agentIds.length === 0) return { events: [], windows };
    const w = await q.query<{ agent_id: string; from_ts: Date; to_ts: Date }>(
      `SELECT a.agent_id,
              coalesce((SELECT max(ts) FROM events e WHERE e.type = 'agent.state' AND e.agent_id = a.agent_id AND e.ts < $2::timestamptz), $2::timestamptz) AS from_ts,
              coalesce((SELECT min(ts) FROM events e WHERE e.type = 'agent.state' AND e.agent_id = a.agent_id AND e.ts > $3::timestamptz), $3::timestamptz) AS to_ts
         FROM unnest($1::text[]) AS a(agent_id)`,
      [agentIds, from, to],
    );
    for (const row of w.rows) windows.set(row.agent_id, { from: row.from_ts, to: row.to_ts });
    const r = await q.query<StoredEvent>(
      `SELECT e.id, e.ts, e.type, e.source, e.payload
         FROM unnest($1::text[], $2::timestamptz[], $3::timestamptz[]) AS w(agent_id, from_ts, to_ts)
         JOIN events e ON e.type = 'agent.state' AND e.agent_id = w.agent_id AND e.ts >= w.from_ts AND e.ts <= w.to_ts
        ORDER BY e.agent_id, e.ts, e.id`,
      [w.rows.map((x) => x.agent_id), w.rows.map((x) => x.from_ts), w.rows.map((x) => x.to_ts)],
    );
    return { events: r.rows, windows };
  }

  /** Replaces the agents' intervals that start inside each agent's window. */
  async replaceAgentIntervals(q: Queryable, windows: Map<string, { from: Date; to: Date }>, intervals: AgentInterval[]): Promise<void> {
    if (windows.size === 0) return;
    const ids = [...windows.keys()];
    await q.query(
      `DELETE FROM agent_states s USING unnest($1::text[], $2::timestamptz[], $3::timestamptz[]) AS w(agent_id, from_ts, to_ts)
        WHERE s.agent_id = w.agent_id AND s.started_at >= w.from_ts AND s.started_at <= w.to_ts`,
      [ids, ids.map((id) => windows.get(id)!.from), ids.map((id) => windows.get(id)!.to)],
    );
    if (intervals.length === 0) return;
    await q.query(
      `INSERT INTO agent_states (agent_id, started_at, ended_at, state, reason, name, team, event_id)
       SELECT * FROM unnest($1::text[], $2::timestamptz[], $3::timestamptz[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[])
       ON CONFLICT (agent_id, started_at) DO UPDATE SET ended_at = EXCLUDED.ended_at, state = EXCLUDED.state,
         reason = EXCLUDED.reason, name = EXCLUDED.name, team = EXCLUDED.team, event_id = EXCLUDED.event_id`,
      [
        intervals.map((i) => i.agentId),
        intervals.map((i) => i.startedAt),
        intervals.map((i) => i.endedAt),
        intervals.map((i) => i.state),
        intervals.map((i) => i.reason),
        intervals.map((i) => i.name),
        intervals.map((i) => i.team),
        intervals.map((i) => i.eventId),
      ],
    );
  }

  /** Calls of these agents that ended around the new state changes: their wrap-up may have changed. */
  async callIdsEndedNear(q: Queryable, agentIds: string[], from: Date, to: Date): Promise<string[]> {
    if (agentIds.length === 0) return [];
    const r = await q.query<{ call_id: string }>(
      `SELECT DISTINCT call_id FROM calls
        WHERE agent_id = ANY($1::text[]) AND offered_at >= $2::timestamptz - INTERVAL '1 day' AND offered_at <= $3::timestamptz
          AND ended_at >= $2::timestamptz - INTERVAL '2 hours' AND ended_at <= $3::timestamptz + INTERVAL '15 seconds'`,
      [agentIds, from, to],
    );
    return r.rows.map((x) => x.call_id);
  }

  async wrapIntervals(q: Queryable, agentIds: string[], from: Date, to: Date): Promise<AgentInterval[]> {
    if (agentIds.length === 0) return [];
    const r = await q.query<AgentStateRow>(
      `SELECT ${AGENT_STATE_COLUMNS} FROM unnest($1::text[]) AS a(id)
         CROSS JOIN LATERAL (SELECT * FROM agent_states s
                              WHERE s.agent_id = a.id AND s.state = 'wrap_up'
                                AND s.started_at >= $2::timestamptz - INTERVAL '1 day'
                                AND s.started_at <= $3::timestamptz + INTERVAL '1 day'
                              OFFSET 0) s`,
      [agentIds, from, to],
    );
    return r.rows.map(agentIntervalOf);
  }

  /** Replaces every leg of the given calls in the window by the freshly derived rows. */
  async replaceCalls(q: Queryable, callIds: string[], from: Date, to: Date, rows: CallRow[]): Promise<void> {
    if (callIds.length === 0) return;
    await q.query(
      `DELETE FROM calls d
        USING unnest($1::text[]) AS c(id)
        CROSS JOIN LATERAL (SELECT call_id, queue, offered_at FROM calls
                             WHERE call_id = c.id
                               AND offered_at >= $2::timestamptz - INTERVAL '1 day' AND offered_at <= $3::timestamptz + INTERVAL '1 day'
                             OFFSET 0) k
        WHERE d.call_id = k.call_id AND d.queue = k.queue AND d.offered_at = k.offered_at`,
      [callIds, from, to],
    );
    if (rows.length === 0) return;
    const col = <K extends keyof CallRow>(k: K) => rows.map((r) => r[k]);
    await q.query(
      `INSERT INTO calls (call_id, queue, offered_at, call_type, caller_masked, channel, agent_id, answered_at, ended_at, ended_by,
                          outcome, wait_s, talk_s, hold_s, hold_count, wrap_s, ring_count, answered_in_threshold, abandoned_in_threshold,
                          short_abandon, sl_threshold_s, short_abandon_s, category, summary, transferred, transfer_target,
                          recording_url, recording_duration_s)
       SELECT * FROM unnest($1::text[], $2::text[], $3::timestamptz[], $4::text[], $5::text[], $6::text[], $7::text[], $8::timestamptz[],
                            $9::timestamptz[], $10::text[], $11::text[], $12::float8[], $13::float8[], $14::float8[], $15::int[], $16::float8[],
                            $17::int[], $18::bool[], $19::bool[], $20::bool[], $21::float8[], $22::float8[], $23::text[], $24::text[],
                            $25::bool[], $26::text[], $27::text[], $28::float8[])`,
      [
        col('callId'),
        col('queue'),
        col('offeredAt'),
        rows.map(callTypeOf),
        col('callerMasked'),
        col('channel'),
        col('agentId'),
        col('answeredAt'),
        col('endedAt'),
        col('endedBy'),
        col('outcome'),
        col('waitS'),
        col('talkS'),
        col('holdS'),
        col('holdCount'),
        col('wrapS'),
        col('ringCount'),
        col('answeredInThreshold'),
        col('abandonedInThreshold'),
        col('shortAbandon'),
        col('slThresholdS'),
        col('shortAbandonS'),
        col('category'),
        col('summary'),
        col('transferred'),
        col('transferTarget'),
        col('recordingUrl'),
        col('recordingDurationS'),
      ],
    );
  }

  /**
   * Records what could not be placed; anomalies of these subjects that the new
   * derivation no longer reports are marked resolved.
   */
  async syncAnomalies(q: Queryable, subjects: string[], anomalies: Anomaly[]): Promise<void> {
    if (subjects.length === 0) return;
    await q.query(
      `UPDATE ingest_anomalies a SET resolved_at = now()
        WHERE a.subject = ANY($1::text[]) AND a.resolved_at IS NULL
          AND NOT EXISTS (SELECT 1 FROM unnest($2::text[], $3::text[], $4::text[]) AS n(subject, event_id, reason)
                           WHERE n.subject = a.subject AND n.event_id = a.event_id AND n.reason = a.reason)`,
      [subjects, anomalies.map((a) => a.subject), anomalies.map((a) => a.eventId), anomalies.map((a) => a.reason)],
    );
    if (anomalies.length === 0) return;
    await q.query(
      `INSERT INTO ingest_anomalies (subject, event_id, reason)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[])
       ON CONFLICT (subject, event_id, reason) DO UPDATE SET resolved_at = NULL`,
      [anomalies.map((a) => a.subject), anomalies.map((a) => a.eventId), anomalies.map((a) => a.reason)],
    );
  }
}
