import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '../auth/access/principal.js';
import { AuditService, type ChangedBy } from '../auth/audit/audit.service.js';
import { ApiError } from '../common/errors.js';
import { type AppConfig, CONFIG } from '../config/config.js';
import type { CanonicalEvent } from '../events/event.schema.js';
import { LiveService } from '../live/live.service.js';
import { type AppendResult, EVENT_LOG, type EventLog } from '../log/event-log.js';
import { MetricsService } from '../metrics/metrics.service.js';
import { capDistinctNames } from './distinct-names.js';
import { type IngestResult, MAX_EVENTS_PER_REQUEST } from './ingest.wire.js';
import { type TsWindow, validateBatch } from './validate.js';

/** Who may post a back-fill: an admin, or an API key created with the back-fill permission. */
export const mayBackfill = (p: Principal | undefined): boolean => p !== undefined && (p.role === 'admin' || p.backfill === true);

@Injectable()
export class IngestService {
  constructor(
    @Inject(EVENT_LOG) private readonly log: EventLog,
    private readonly metrics: MetricsService,
    private readonly live: LiveService,
    private readonly audit: AuditService,
    @Inject(CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Validates each item (its date against the window around `nowMs`, read once
   * per request), appends the valid ones and resolves once they are in the log.
   * A back-fill takes older dates, only from principals allowed to, and is
   * audited with what it added.
   */
  async ingest(body: unknown, opts: { backfill?: boolean; by?: ChangedBy; nowMs?: number } = {}): Promise<IngestResult> {
    const backfill = opts.backfill === true;
    const actor = opts.by?.actor;
    const principal = actor && 'role' in actor ? actor : undefined;
    if (backfill && !mayBackfill(principal)) {
      this.audit.record({ action: 'events.backfill', outcome: 'denied', ...opts.by, detail: { reason: 'no back-fill permission' } });
      throw new ApiError(
        403,
        'BACKFILL_FORBIDDEN',
        'backfill: only an API key created with the back-fill permission (keys create --backfill) may post older history',
        'backfill',
      );
    }
    if (!Array.isArray(body)) throw new ApiError(400, 'NOT_AN_ARRAY', 'the body must be a JSON array of events', 'body');
    if (body.length > MAX_EVENTS_PER_REQUEST) {
      throw new ApiError(413, 'TOO_MANY_EVENTS', `at most ${MAX_EVENTS_PER_REQUEST} events per request (got ${body.length})`, 'body');
    }
    const window: TsWindow = {
      nowMs: opts.nowMs ?? Date.now(),
      maxAgeD: this.config.CALLBOARD_EVENT_MAX_AGE_D,
      maxAheadMin: this.config.CALLBOARD_EVENT_MAX_AHEAD_MIN,
      backfill,
    };
    const valid = validateBatch(body, window);
    const capped = capDistinctNames(valid.events, valid.indexes, this.live.namesToday(), {
      queues: this.config.CALLBOARD_LIVE_MAX_QUEUES,
      agents: this.config.CALLBOARD_LIVE_MAX_AGENTS,
    });
    const events = capped.events;
    const rejected = [...valid.rejected, ...capped.rejected].sort((a, b) => a.index - b.index);
    if (valid.rejected.length > 0) this.metrics.rejected.inc({ reason: 'invalid' }, valid.rejected.length);
    if (capped.rejected.length > 0) this.metrics.rejected.inc({ reason: 'too_many_names' }, capped.rejected.length);
    let accepted = 0;
    let duplicates = 0;
    let added: CanonicalEvent[] = [];
    if (events.length > 0) {
      let r: AppendResult;
      try {
        r = await this.log.append(events);
      } catch {
        if (backfill)
          this.audit.record({
            action: 'events.backfill',
            outcome: 'failed',
            ...opts.by,
            detail: backfillDetail([], body.length, rejected.length, 0),
          });
        throw new ApiError(503, 'LOG_UNAVAILABLE', 'the event log is unavailable; nothing from this request was accepted, retry later');
      }
      accepted = r.accepted;
      duplicates = r.duplicateIndexes.length;
      // Events the database refused (embedded log), reported at their index in the body.
      const refused = r.refused ?? [];
      if (refused.length > 0) {
        for (const f of refused) rejected.push({ index: capped.indexes[f.index]!, error: f.reason });
        rejected.sort((a, b) => a.index - b.index);
        this.metrics.rejected.inc({ reason: 'refused' }, refused.length);
      }
      const notAdded = new Set([...r.duplicateIndexes, ...refused.map((f) => f.index)]);
      added = events.filter((_, i) => !notAdded.has(i));
    }
    this.metrics.accepted.inc(accepted);
    this.metrics.duplicates.inc(duplicates);
    if (backfill) {
      this.audit.record({ action: 'events.backfill', ...opts.by, detail: backfillDetail(added, body.length, rejected.length, duplicates) });
    }
    return { accepted, duplicates, rejected };
  }
}

/** What an audit entry of a back-fill holds: counts, and the earliest and latest ts it added. */
export function backfillDetail(
  added: readonly CanonicalEvent[],
  posted: number,
  rejected: number,
  duplicates: number,
): Record<string, unknown> {
  let earliest: CanonicalEvent | undefined;
  let latest: CanonicalEvent | undefined;
  for (const e of added) {
    const ms = Date.parse(e.ts);
    if (!earliest || ms < Date.parse(earliest.ts)) earliest = e;
    if (!latest || ms > Date.parse(latest.ts)) latest = e;
  }
  return {
    posted,
    accepted: added.length,
    duplicates,
    rejected,
    earliest: earliest ? new Date(earliest.ts).toISOString() : null,
    latest: latest ? new Date(latest.ts).toISOString() : null,
  };
}
