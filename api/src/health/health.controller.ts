import { Controller, Get, Inject, Res } from '@nestjs/common';
import type { Db } from '@callboard/db';
import type { FastifyReply } from 'fastify';
import { Public } from '../auth/access/policy.js';
import { DB } from '../database/database.module.js';
import { LiveService } from '../live/live.service.js';
import { EVENT_LOG, type EventLog } from '../log/event-log.js';

/** Liveness and readiness in one: 200 when database and log answer, 503 otherwise. */
@Controller('health')
export class HealthController {
  constructor(
    @Inject(DB) private readonly db: Db,
    @Inject(EVENT_LOG) private readonly log: EventLog,
    private readonly live: LiveService,
  ) {}

  /** Open to load balancers and orchestrators: no personal data, no secrets. */
  @Get()
  @Public()
  async health(@Res({ passthrough: true }) reply: FastifyReply) {
    const started = Date.now();
    let database: { ok: boolean; kind: string; latencyMs?: number; detail?: string };
    try {
      await this.db.query('SELECT 1');
      database = { ok: true, kind: this.db.kind, latencyMs: Date.now() - started };
    } catch (err) {
      database = { ok: false, kind: this.db.kind, detail: (err as Error).message };
    }
    const log = await this.log.health();
    const ok = database.ok && log.ok;
    void reply.status(ok ? 200 : 503);
    return {
      status: ok ? 'ok' : 'degraded',
      database,
      log: { ok: log.ok, kind: log.kind, ...(log.detail ? { detail: log.detail } : {}) },
      writer: { lagEntries: log.lagEntries, lagSeconds: Math.round(log.lagSeconds * 1000) / 1000 },
      live: this.live.health(),
    };
  }
}
