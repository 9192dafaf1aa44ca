/** Liveness and readiness in one: every part of the pipeline, healthy when the database and the log answer. */
import { Inject, Injectable } from '@nestjs/common';
import { can } from '../auth/access/roles.js';
import { ApiKeyVerifier } from '../auth/credentials/api-key.verifier.js';
import { SessionsService } from '../auth/sessions/sessions.service.js';
import { LiveService } from '../live/live.service.js';
import { EVENT_LOG, type EventLog } from '../log/event-log.js';
import { HealthRepository } from './health.repository.js';
import type { Health, HealthCaller, PublicHealth } from './health.wire.js';

@Injectable()
export class HealthService {
  constructor(
    private readonly database: HealthRepository,
    @Inject(EVENT_LOG) private readonly log: EventLog,
    private readonly live: LiveService,
    @Inject(ApiKeyVerifier) private readonly keys: ApiKeyVerifier,
    private readonly sessions: SessionsService,
  ) {}

  /** The full report for those who may read metrics, whether each part answers for anyone else. */
  async report(caller: HealthCaller): Promise<Health | PublicHealth> {
    const health = await this.check();
    if (await this.mayReadDetails(caller)) return health;
    return { status: health.status, database: { ok: health.database.ok }, log: { ok: health.log.ok } };
  }

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

  /**
   * The route is public, so a missing, wrong or expired credential is no
   * error here: it only means the short answer. So does a database that
   * cannot check the credential: the probe still gets its 503, not a 500.
   * The session is not renewed (a probe must not keep a session alive).
   */
  private async mayReadDetails({ bearer, sessionToken }: HealthCaller): Promise<boolean> {
    try {
      if (bearer) {
        const key = await this.keys.principal(bearer);
        return key !== null && can(key.role, 'metrics');
      }
      if (!sessionToken) return false;
      const check = await this.sessions.check(sessionToken);
      return check.ok && can(check.session.principal.role, 'metrics');
    } catch {
      return false;
    }
  }
}
