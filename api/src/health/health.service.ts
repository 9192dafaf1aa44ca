/** Liveness and readiness in one: every part of the pipeline, healthy when the database and the log answer. */
import { Inject, Injectable } from '@nestjs/common';
import { LiveService } from '../live/live.service.js';
import { EVENT_LOG, type EventLog } from '../log/event-log.js';
import { HealthRepository } from './health.repository.js';
import type { Health } from './health.wire.js';

@Injectable()
export class HealthService {
  constructor(
    private readonly database: HealthRepository,
    @Inject(EVENT_LOG) private readonly log: EventLog,
    private readonly live: LiveService,
  ) {}

  async check(): Promise<Health> {
    const started = Date.now();
    let database: Health['database'];
    try {
      await this.database.ping();
      database = { ok: true, kind: this.database.kind, latencyMs: Date.now() - started };
    } catch (err) {
      database = { ok: false, kind: this.database.kind, detail: (err as Error).message };
    }
    const log = await this.log.health();
    const ok = database.ok && log.ok;
    return {
      status: ok ? 'ok' : 'degraded',
      database,
      log: { ok: log.ok, kind: log.kind, ...(log.detail ? { detail: log.detail } : {}) },
      writer: { lagEntries: log.lagEntries, lagSeconds: Math.round(log.lagSeconds * 1000) / 1000 },
      live: this.live.health(),
    };
  }
}
