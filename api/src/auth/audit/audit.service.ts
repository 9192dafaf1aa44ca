/**
 * The audit log: sign-ins, refused requests and changes to users, keys, kiosk
 * tokens and settings. Entries are written in small batches so a burst of
 * refused requests costs one insert, and are flushed before every read, so an
 * admin always sees what has happened in this process. Refusals and failed
 * sign-ins beyond a few a minute per sender and route are counted into one
 * summary entry instead (refusal-budget.ts).
 */
import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { Logger } from 'nestjs-pino';
import { ApiError } from '../../common/errors.js';
import { type Principal, clientIp, principalOf } from '../access/principal.js';
import { AuditRepository, type AuditRow } from './audit.repository.js';
import type { AuditQuery } from './audit.schemas.js';
import type { AuditOutcome, AuditPage } from './audit.wire.js';
import { RefusalBudget } from './refusal-budget.js';

export type AuditActor = Principal | { kind: 'anonymous' | 'system'; id?: null; name?: string | null };

export interface AuditRecord {
  action: string;
  outcome?: AuditOutcome;
  actor?: AuditActor;
  target?: string | null;
  ip?: string | null;
  detail?: Record<string, unknown>;
}

/** Who makes a change, as the audit log records it: a request's principal and address, or the shell. */
export type ChangedBy = Pick<AuditRecord, 'actor' | 'ip'>;

export const changedBy = (req: FastifyRequest): ChangedBy => ({ actor: principalOf(req), ip: clientIp(req) });

export function auditRow(r: AuditRecord, now = new Date()): AuditRow {
  const actor = r.actor ?? { kind: 'anonymous' as const };
  return {
    ts: now,
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

/** `next` of a page: the last entry's time and sequence number. */
export function parseCursor(cursor: string): { ts: Date; seq: number } {
  const m = /^(.+)~(\d+)$/.exec(cursor);
  const ts = new Date(m?.[1] ?? '');
  if (!m || Number.isNaN(ts.getTime()))
    throw new ApiError(400, 'BAD_REQUEST', 'before must be the "next" value of a previous page', 'before');
  return { ts, seq: Number(m[2]) };
}

export const FLUSH_MS = 500;
export const MAX_BUFFER = 200;

@Injectable()
export class AuditService implements OnApplicationShutdown {
  private buffer: AuditRow[] = [];
  private flushing: Promise<void> = Promise.resolve();
  private timer: NodeJS.Timeout | undefined;
  private rollTimer: NodeJS.Timeout | undefined;
  readonly refusals = new RefusalBudget();

  constructor(
    private readonly audit: AuditRepository,
    @Inject(Logger) private readonly logger: Pick<Logger, 'error'>,
  ) {}

  record(r: AuditRecord): void {
    const row = auditRow(r);
    if (row.outcome === 'ok') this.buffer.push(row);
    else {
      const { write, rolled } = this.refusals.admit(row);
      this.buffer.push(...rolled);
      if (write) this.buffer.push(row);
      // The summary of a flood is written when its minute ends, even if nothing else comes.
      if (this.refusals.pending && !this.rollTimer) {
        this.rollTimer = setTimeout(() => this.rollOver(), Math.max(0, this.refusals.windowEnd - Date.now()));
        this.rollTimer.unref();
      }
    }
    if (this.buffer.length >= MAX_BUFFER) void this.write();
    else if (this.buffer.length > 0) this.timer ??= setTimeout(() => void this.write(), FLUSH_MS);
  }

  private rollOver(): void {
    this.rollTimer = undefined;
    this.buffer.push(...this.refusals.drain(new Date()));
    void this.write();
  }

  /** A request refused with 403: who, which route, why. */
  denied(req: FastifyRequest, code: string, message: string): void {
    this.record({
      action: 'access.denied',
      outcome: 'denied',
      actor: principalOf(req),
      target: `${req.method} ${req.routeOptions?.url ?? req.url.split('?')[0]}`,
      ip: clientIp(req),
      detail: { code, message },
    });
  }

  /** Writes what is buffered, with the summaries of the refusals counted so far (before a read, at shutdown). */
  async flush(): Promise<void> {
    if (this.refusals.pending) {
      clearTimeout(this.rollTimer);
      this.rollTimer = undefined;
      this.buffer.push(...this.refusals.drain(new Date()));
    }
    await this.write();
  }

  private async write(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    const rows = this.buffer;
    this.buffer = [];
    const previous = this.flushing;
    this.flushing = (async () => {
      await previous;
      if (rows.length === 0) return;
      try {
        await this.audit.insert(rows);
      } catch (err) {
        // The audit log must not take the API down; the entries go to the process log instead.
        this.logger.error({
          msg: 'audit log write failed',
          err: (err as Error).message,
          entries: rows.map((r) => `${r.action}:${r.outcome}:${r.actor_id ?? '-'}`),
        });
      }
    })();
    await this.flushing;
  }

  async list(q: AuditQuery): Promise<AuditPage> {
    await this.flush();
    const { before, limit, ...filters } = q;
    // One entry more than asked tells whether there is a following page.
    const rows = await this.audit.find({ ...filters, before: before === undefined ? undefined : parseCursor(before), limit: limit + 1 });
    const page = rows.slice(0, limit);
    const last = page.at(-1);
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
      next: rows.length > limit && last ? `${last.ts.toISOString()}~${last.seq}` : null,
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.flush();
  }
}
