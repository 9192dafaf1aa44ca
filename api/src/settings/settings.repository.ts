/**
 * The SQL of the settings: queue_rules and not_ready_limits, read whole (a few
 * rows per queue and reason) and appended to, never updated — each change is a
 * row effective from the database's clock, so history stays as it was.
 */
import { Inject, Injectable } from '@nestjs/common';
import type { Db, Queryable } from '@callboard/db';
import { DB } from '../database/database.module.js';
import type { NotReadyLimitRow, QueueRulesRow } from './rules-book.js';

/** Both tables, each queue's and reason's history in order. */
export interface RulesRows {
  rules: QueueRulesRow[];
  limits: NotReadyLimitRow[];
}

/**
 * Changes take effect at the database's now(), cut to the millisecond: the
 * precision of event timestamps and of the `effectiveFrom` the API reports, so
 * a call offered at that reported instant gets the new rules.
 */
const EFFECTIVE_NOW = `date_trunc('milliseconds', now())`;

// Epoch ms as float8: the drivers disagree on how to hand over '-infinity' as a timestamp.
const EFFECTIVE_MS = `extract(epoch FROM effective_from)::float8 * 1000`;

async function readQueueRules(q: Queryable): Promise<QueueRulesRow[]> {
  const r = await q.query<{
    queue: string;
    effective_ms: number;
    rings: number;
    ring_cycle_s: number;
    short_abandon_s: number;
    sl_target: number;
    asa_target_s: number | null;
    abandon_target: number | null;
  }>(
    `SELECT queue, ${EFFECTIVE_MS} AS effective_ms, rings, ring_cycle_s, short_abandon_s, sl_target, asa_target_s, abandon_target
       FROM queue_rules ORDER BY queue, effective_from`,
  );
  return r.rows.map((x) => ({
    queue: x.queue,
    effectiveFromMs: Number(x.effective_ms),
    rings: x.rings,
    ringCycleS: x.ring_cycle_s,
    shortAbandonS: x.short_abandon_s,
    slTarget: x.sl_target,
    asaTargetS: x.asa_target_s,
    abandonTarget: x.abandon_target,
  }));
}

async function readNotReadyLimits(q: Queryable): Promise<NotReadyLimitRow[]> {
  const r = await q.query<{ reason: string; effective_ms: number; limit_s: number | null }>(
    `SELECT reason, ${EFFECTIVE_MS} AS effective_ms, limit_s FROM not_ready_limits ORDER BY reason, effective_from`,
  );
  return r.rows.map((x) => ({ reason: x.reason, effectiveFromMs: Number(x.effective_ms), limitS: x.limit_s }));
}

export type NewQueueRules = Omit<QueueRulesRow, 'effectiveFromMs'>;

/** Appends the queue's rules effective now; returns that instant (epoch ms). */
async function insertQueueRules(q: Queryable, r: NewQueueRules): Promise<number> {
  // A second change within the same millisecond replaces the first.
  const res = await q.query<{ effective_ms: number }>(
    `INSERT INTO queue_rules (queue, effective_from, rings, ring_cycle_s, short_abandon_s, sl_target, asa_target_s, abandon_target)
     VALUES ($1, ${EFFECTIVE_NOW}, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (queue, effective_from) DO UPDATE SET rings = EXCLUDED.rings, ring_cycle_s = EXCLUDED.ring_cycle_s,
       short_abandon_s = EXCLUDED.short_abandon_s, sl_target = EXCLUDED.sl_target, asa_target_s = EXCLUDED.asa_target_s,
       abandon_target = EXCLUDED.abandon_target
     RETURNING ${EFFECTIVE_MS} AS effective_ms`,
    [r.queue, r.rings, r.ringCycleS, r.shortAbandonS, r.slTarget, r.asaTargetS, r.abandonTarget],
  );
  return Number(res.rows[0]!.effective_ms);
}

/** Appends limits effective now, one statement for all. */
async function insertNotReadyLimits(q: Queryable, limits: readonly { reason: string; limitS: number | null }[]): Promise<void> {
  await q.query(
    `INSERT INTO not_ready_limits (reason, effective_from, limit_s)
     SELECT reason, ${EFFECTIVE_NOW}, limit_s FROM unnest($1::text[], $2::float8[]) AS t(reason, limit_s)
     ON CONFLICT (reason, effective_from) DO UPDATE SET limit_s = EXCLUDED.limit_s`,
    [limits.map((l) => l.reason), limits.map((l) => l.limitS)],
  );
}

/** Both tables read with `q`: the writer reads them inside each batch's transaction. */
export async function readRulesRows(q: Queryable): Promise<RulesRows> {
  return { rules: await readQueueRules(q), limits: await readNotReadyLimits(q) };
}

@Injectable()
export class SettingsRepository {
  constructor(@Inject(DB) private readonly db: Db) {}

  rows(): Promise<RulesRows> {
    return readRulesRows(this.db);
  }

  /** Appends a queue's rules effective now; answers the rows as they were just before (one transaction) and that instant. */
  appendQueueRules(r: NewQueueRules): Promise<{ before: RulesRows; effectiveFromMs: number }> {
    return this.db.transaction(async (tx) => {
      const before = await readRulesRows(tx);
      return { before, effectiveFromMs: await insertQueueRules(tx, r) };
    });
  }

  /** Appends not-ready limits effective now; answers the rows as they were just before (one transaction). */
  appendNotReadyLimits(limits: readonly { reason: string; limitS: number | null }[]): Promise<{ before: RulesRows }> {
    return this.db.transaction(async (tx) => {
      const before = await readRulesRows(tx);
      await insertNotReadyLimits(tx, limits);
      return { before };
    });
  }

  /** Queues with calls offered since `since` (the start of the center's day). */
  async queuesOfferedSince(since: Date): Promise<string[]> {
    const r = await this.db.query<{ queue: string }>(`SELECT DISTINCT queue FROM calls WHERE offered_at >= $1 ORDER BY queue`, [since]);
    return r.rows.map((x) => x.queue);
  }
}
