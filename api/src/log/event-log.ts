import type { CanonicalEvent } from '../events/event.schema.js';

export interface AppendResult {
  /** Events newly in the log. */
  accepted: number;
  /** Indexes (into the appended array) of events whose id the log already holds. */
  duplicateIndexes: number[];
}

export interface LogHealth {
  ok: boolean;
  kind: 'redis' | 'embedded';
  /** Entries in the log not yet committed to the database. */
  lagEntries: number;
  /** Age of the oldest such entry, in seconds (0 when none). */
  lagSeconds: number;
  detail?: string;
}

/** Commits a batch to the database; resolves once committed. */
export type BatchWriter = (events: CanonicalEvent[]) => Promise<{ inserted: Set<string> }>;

/**
 * The event log, the system's truth (ARCHITECTURE.md). `append` resolves only
 * once the events are durable in the log: only then may a sender be told 202.
 */
export interface EventLog {
  readonly kind: 'redis' | 'embedded';
  append(events: CanonicalEvent[]): Promise<AppendResult>;
  health(): Promise<LogHealth>;
  close(): Promise<void>;
}

export const EVENT_LOG = Symbol('EVENT_LOG');
