/** The SQL of the audit log (a hypertable): appends in batches, pages newest first. */
import { Inject, Injectable } from '@nestjs/common';
import type { Queryable } from '@callboard/db';
import { DB } from '../../database/database.module.js';
import type { AuditEntry, AuditOutcome } from './audit.wire.js';

export interface AuditRow {
  ts: Date;
  action: string;
  outcome: AuditOutcome;
  actor_kind: AuditEntry['actorKind'];
  actor_id: string | null;
  actor_name: string | null;
  target: string | null;
  ip: string | null;
  detail: Record<string, unknown> | string;
}

/** A page's filters, as the service has checked them; `after` is the cursor of the previous page. */
export interface AuditFilter {
  from?: Date;
  to?: Date;
  /** Exact, or a prefix ending in `*`. */
  action?: string;
  actor?: string;
  outcome?: AuditOutcome;
  before?: { ts: Date; seq: number };
  limit: number;
}

@Injectable()
export class AuditRepository {
  constructor(@Inject(DB) private readonly db: Queryable) {}

  /** Appends entries in one statement. */
  async insert(rows: readonly AuditRow[]): Promise<void> {
    if (rows.length === 0) return;
    await this.db.query(
      `INSERT INTO audit_log (ts, action, outcome, actor_kind, actor_id, actor_name, target, ip, detail)
       SELECT * FROM unnest($1::timestamptz[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::jsonb[])`,
      [
        rows.map((r) => r.ts),
        rows.map((r) => r.action),
        rows.map((r) => r.outcome),
        rows.map((r) => r.actor_kind),
        rows.map((r) => r.actor_id),
        rows.map((r) => r.actor_name),
        rows.map((r) => r.target),
        rows.map((r) => r.ip),
        rows.map((r) => JSON.stringify(r.detail)),
      ],
    );
  }

  /** Entries matching `f`, newest first, each with its sequence number (the tie-break of the cursor). */
  async find(f: AuditFilter): Promise<(AuditRow & { seq: number })[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      where.push(sql.replaceAll('?', `$${params.length}`));
    };
    if (f.from) add('ts >= ?', f.from);
    if (f.to) add('ts < ?', f.to);
    if (f.action) add(`action LIKE ?`, f.action.endsWith('*') ? `${f.action.slice(0, -1)}%` : f.action);
    if (f.actor) add('(actor_id = ? OR actor_name = ?)', f.actor);
    if (f.outcome) add('outcome = ?', f.outcome);
    if (f.before) {
      params.push(f.before.ts, f.before.seq);
      where.push(`(ts, seq) < ($${params.length - 1}, $${params.length})`);
    }
    params.push(f.limit);
    const sql = `SELECT ts, seq, action, outcome, actor_kind, actor_id, actor_name, target, ip, detail FROM audit_log
      ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY ts DESC, seq DESC LIMIT $${params.length}`;
    return (await this.db.query<AuditRow & { seq: number }>(sql, params)).rows;
  }
}
