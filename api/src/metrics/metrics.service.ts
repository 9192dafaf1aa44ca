import { Injectable } from '@nestjs/common';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Prometheus figures of the pipeline, on a registry of this app's own. */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();
  readonly accepted = new Counter({
    name: 'callboard_events_accepted_total',
    help: 'Events accepted into the log',
    registers: [this.registry],
  });
  readonly duplicates = new Counter({
    name: 'callboard_events_duplicate_total',
    help: 'Events whose id the log already held',
    registers: [this.registry],
  });
  readonly rejected = new Counter({
    name: 'callboard_events_rejected_total',
    help: 'Events rejected at ingest, by reason',
    labelNames: ['reason'] as const,
    registers: [this.registry],
  });
  readonly deadLettered = new Counter({
    name: 'callboard_events_dead_lettered_total',
    help: 'Log entries the database refused, moved to the dead-letter stream',
    registers: [this.registry],
  });
  readonly batchSize = new Histogram({
    name: 'callboard_writer_batch_size',
    help: 'Events per writer transaction',
    buckets: [1, 10, 50, 100, 500, 1000, 2000, 5000, 10000],
    registers: [this.registry],
  });
  readonly batchSeconds = new Histogram({
    name: 'callboard_writer_batch_seconds',
    help: 'Time to commit one writer batch',
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });
  readonly lagEntries = new Gauge({
    name: 'callboard_writer_lag_entries',
    help: 'Log entries not yet committed to the database',
    registers: [this.registry],
  });
  readonly lagSeconds = new Gauge({
    name: 'callboard_writer_lag_seconds',
    help: 'Age of the oldest log entry not yet committed',
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'callboard_' });
  }

  recordBatch(size: number, ms: number): void {
    this.batchSize.observe(size);
    this.batchSeconds.observe(ms / 1000);
  }
}
