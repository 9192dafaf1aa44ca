import { Inject, Injectable } from '@nestjs/common';
import { ApiError } from '../common/errors.js';
import { type AppConfig, CONFIG } from '../config/config.js';
import { LiveService } from '../live/live.service.js';
import { type AppendResult, EVENT_LOG, type EventLog } from '../log/event-log.js';
import { MetricsService } from '../metrics/metrics.service.js';
import { capDistinctNames } from './distinct-names.js';
import { type IngestResult, MAX_EVENTS_PER_REQUEST } from './ingest.wire.js';
import { validateBatch } from './validate.js';

@Injectable()
export class IngestService {
  constructor(
    @Inject(EVENT_LOG) private readonly log: EventLog,
    private readonly metrics: MetricsService,
    private readonly live: LiveService,
    @Inject(CONFIG) private readonly config: AppConfig,
  ) {}

  /** Validates each item, appends the valid ones and resolves once they are in the log. */
  async ingest(body: unknown): Promise<IngestResult> {
    if (!Array.isArray(body)) throw new ApiError(400, 'NOT_AN_ARRAY', 'the body must be a JSON array of events', 'body');
    if (body.length > MAX_EVENTS_PER_REQUEST) {
      throw new ApiError(413, 'TOO_MANY_EVENTS', `at most ${MAX_EVENTS_PER_REQUEST} events per request (got ${body.length})`, 'body');
    }
    const valid = validateBatch(body);
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
    if (events.length > 0) {
      let r: AppendResult;
      try {
        r = await this.log.append(events);
      } catch {
        throw new ApiError(503, 'LOG_UNAVAILABLE', 'the event log is unavailable; nothing from this request was accepted, retry later');
      }
      accepted = r.accepted;
      duplicates = r.duplicateIndexes.length;
      // Events the database refused (embedded log), reported at their index in the body.
      const refused = r.refused ?? [];
      if (refused.length > 0) {
        const indexOf = new Map(valid.events.map((e, i) => [e, valid.indexes[i]!]));
        for (const f of refused) rejected.push({ index: indexOf.get(events[f.index]!)!, error: f.reason });
        rejected.sort((a, b) => a.index - b.index);
        this.metrics.rejected.inc({ reason: 'refused' }, refused.length);
      }
    }
    this.metrics.accepted.inc(accepted);
    this.metrics.duplicates.inc(duplicates);
    return { accepted, duplicates, rejected };
  }
}
