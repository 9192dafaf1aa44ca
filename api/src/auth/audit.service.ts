/**
 * The audit log (a hypertable): sign-ins, refused requests and changes to
 * users, keys and kiosk tokens. Entries are written in small batches so a
 * burst of refused requests costs one insert, and are flushed before every
 * read, so an admin always sees what has happened in this process.
 */
import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import type { Db, Queryable } from '@callboard/db';
import type { FastifyRequest } from 'fastify';
import { Logger } from 'nestjs-pino';
import { ApiError } from '../common/errors.js';
import { DB } from '../database/database.module.js';
import type { AuditEntry, AuditOutcome, AuditPage } from './auth.wire.js';
import { type Principal, clientIp, principalOf } from './principal.js';

export interface AuditRecord {
  action: string;
  outcome?: AuditOutcome;
  actor?: Principal | { kind: 'anonymous' | 'system'; id?: null; name?: string | null };
  target?: string | null;
  ip?: string | null;
  detail?: Record<string, unknown>;
}

export interface AuditQuery {
  from?: Date;
  to?: Date;
  action?: string;
  actor?: string;
  outcome?: AuditOutcome;
  limit: number;
  /** Cursor from a previous page. */
  before?: string;
}

interface Row {
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

export function auditRow(r: AuditRecord): Row {
  const actor = r.actor ?? { kind: 'anonymous' as const };
  return {
    ts: new Date(),
    action: r.action,
    outcome: r.outcome ?? 'ok',
    actor_kind: actor.kind,
    actor_id: actor.id ?? null,
    actor_name: actor.name ?? null,
    target: r.target ?? null,
    ip: r.ip ?? null,
    detail: r.detail ?? {},
  };
}

/** Appends entries to the audit log in one statement (the app's batches, the CLI's single changes). */
export async function writeAudit(db: Queryable, rows: readonly Row[]): Promise<void> {
  if (rows.length === 0) return;
  await db.query(
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

/** `next` of a page: the last entry's time and sequence number. */
export function parseCursor(cursor: string): { ts: Date; seq: number } {
  const m = /^(.+)~(\d+)$/.exec(cursor);
  const ts = new Date(m?.[1] ?? '');
  if (!m || Number.isNaN(ts.getTime())) throw new ApiError(400, 'BAD_REQUEST', 'before must be the "next" value of a previous page', 'before');
  return { ts, seq: Number(m[2]) };
}

const FLUSH_MS = 500;
const MAX_BUFFER = 200;

@Injectable()
export class AuditService implements OnApplicationShutdown {
  private buffer: Row[] = [];
  private flushing: Promise<void> = Promise.resolve();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    @Inject(DB) private readonly db: Db,
    private readonly logger: Logger,
  ) {}

  record(r: AuditRecord): void {
    this.buffer.push(auditRow(r));
    if (this.buffer.length >= MAX_BUFFER) void this.flush();
    else this.timer ??= setTimeout(() => void this.flush(), FLUSH_MS);
  }

  /** A request refused with 403: who, which route, why. */
  denied(req: FastifyRequest, code: string, message: string): void {
    const principal = principalOf(req);
    this.record({
      action: 'access.denied',
      outcome: 'denied',
      actor: principal,
      target: `${req.method} ${req.routeOptions?.url ?? req.url.split('?')[0]}`,
      ip: clientIp(req),
      detail: { code, message },
    });
  }

  async flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    const rows = this.buffer;
    this.buffer = [];
    const previous = this.flushing;
    this.flushing = (async () => {
      await previous;
      if (rows.length === 0) return;
      try {
        await writeAudit(this.db, rows);
      } catch (err) {
        // The audit log must not take the API down; the entries go to the process log instead.
        this.logger.error({ err: (err as Error).message, entries: rows.map((r) => `${r.action}:${r.outcome}:${r.actor_id ?? '-'}`) }, 'audit log write failed');
      }
    })();
    await this.flushing;
  }

  async list(q: AuditQuery): Promise<AuditPage> {
    await this.flush();
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      where.push(sql.replaceAll('?', `$${params.length}`));
    };
    if (q.from) add('ts >= ?', q.from);
    if (q.to) add('ts < ?', q.to);
    if (q.action) add(`action LIKE ?`, q.action.endsWith('*') ? `${q.action.slice(0, -1)}%` : q.action);
    if (q.actor) add('(actor_id = ? OR actor_name = ?)', q.actor);
    if (q.outcome) add('outcome = ?', q.outcome);
    if (q.before) {
      const cursor = parseCursor(q.before);
      params.push(cursor.ts, cursor.seq);
      where.push(`(ts, seq) < ($${params.length - 1}, $${params.length})`);
    }
    const sql = `SELECT ts, seq, action, outcome, actor_kind, actor_id, actor_name, target, ip, detail FROM audit_log
      ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY ts DESC, seq DESC LIMIT ${q.limit + 1}`;
    const rows = (await this.db.query<Row & { seq: number }>(sql, params)).rows;
    const page = rows.slice(0, q.limit);
    return {
      entries: page.map((r) => ({
        ts: r.ts.toISOString(),
        action: r.action,
        outcome: r.outcome,
        actorKind: r.actor_kind,
        actorId: r.actor_id,
        actorName: r.actor_name,
        target: r.target,
        ip: r.ip,
        detail: typeof r.detail === 'string' ? (JSON.parse(r.detail) as Record<string, unknown>) : r.detail,
      })),
      next: rows.length > q.limit ? `${page[page.length - 1]!.ts.toISOString()}~${page[page.length - 1]!.seq}` : null,
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.flush();
  }
}
