import type { CanonicalEvent } from '../events/event.schema.js';

export interface AppendResult {
  /** Events newly in the log. */
  accepted: number;
  /** Indexes (into the appended array) of events whose id the log already holds. */
  duplicateIndexes: number[];
  /**
   * Events the database refused (embedded log only: it commits before it
   * acknowledges), by index into the appended array, with a reason that
   * quotes no value. The Redis log acknowledges before the database sees the
   * events; its writer moves refused entries to the dead-letter stream.
   */
  refused?: { index: number; reason: string }[];
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

export type LogListener = (events: CanonicalEvent[]) => void;

/** Commits a batch to the database; resolves once committed. */
export type BatchWriter = (events: CanonicalEvent[]) => Promise<{ inserted: Set<string> }>;

/**
 * The event log, the system's truth (ARCHITECTURE.md). `append` resolves only
 * once the events are durable in the log: only then may a sender be told 202.
 */
export interface EventLog {
  readonly kind: 'redis' | 'embedded';
  append(events: CanonicalEvent[]): Promise<AppendResult>;
  /**
   * Tails the log: `listener` receives every event appended from now on, in log
   * order — on Redis also the entries appended since `sinceMs` (the embedded log
   * commits to the database first, so a rebuild finds those there). Events may
   * come twice (a re-sent entry); consumers de-duplicate by id.
   */
  follow(sinceMs: number, listener: LogListener): void;
  health(): Promise<LogHealth>;
  close(): Promise<void>;
}

export const EVENT_LOG = Symbol('EVENT_LOG');
