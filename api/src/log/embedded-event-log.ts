/**
 * The in-process log used with the embedded database: an append is
 * acknowledged only after its events are committed to the database, so nothing
 * accepted is lost on a crash. Appends that arrive while a commit is running
 * are grouped into the next transaction (group commit), which is what lets one
 * process sustain thousands of small posts per second.
 */
import type { CanonicalEvent } from '../events/event.schema.js';
import type { AppendResult, BatchWriter, EventLog, LogHealth, LogListener } from './event-log.js';

interface Pending {
  events: CanonicalEvent[];
  enqueuedAt: number;
  resolve: (r: AppendResult) => void;
  reject: (e: unknown) => void;
}

export interface GroupCommitOptions {
  /** Most events in one transaction (an append is never split). */
  maxBatch: number;
  onBatch?: (size: number, ms: number) => void;
}

/** A follower's failure must never fail an append that is already committed. */
export function notify(listener: LogListener, events: CanonicalEvent[]): void {
  try {
    listener(events);
  } catch {
    // The follower reports its own errors.
  }
}

export class EmbeddedEventLog implements EventLog {
  readonly kind = 'embedded' as const;
  private queue: Pending[] = [];
  private draining: Promise<void> | undefined;
  private closed = false;
  private readonly listeners: LogListener[] = [];

  constructor(
    private readonly write: BatchWriter,
    private readonly opts: GroupCommitOptions,
  ) {}

  append(events: CanonicalEvent[]): Promise<AppendResult> {
    if (this.closed) return Promise.reject(new Error('the event log is closed'));
    if (events.length === 0) return Promise.resolve({ accepted: 0, duplicateIndexes: [] });
    return new Promise((resolve, reject) => {
      this.queue.push({ events, enqueuedAt: Date.now(), resolve, reject });
      this.draining ??= this.drain().finally(() => {
        this.draining = undefined;
      });
    });
  }

  follow(_sinceMs: number, listener: LogListener): void {
    this.listeners.push(listener);
  }

  private async drain(): Promise<void> {
    while (this.queue.length > 0) {
      const group: Pending[] = [];
      let size = 0;
      while (this.queue.length > 0 && (group.length === 0 || size + this.queue[0]!.events.length <= this.opts.maxBatch)) {
        const p = this.queue.shift()!;
        group.push(p);
        size += p.events.length;
      }
      const all = group.flatMap((p) => p.events);
      const started = Date.now();
      try {
        const { inserted } = await this.write(all);
        this.opts.onBatch?.(all.length, Date.now() - started);
        // Followers see what is now in the log before its senders hear 202.
        const fresh = all.filter((e) => inserted.has(e.id));
        if (fresh.length > 0) for (const l of this.listeners) notify(l, fresh);
        // The first occurrence of a newly stored id is the accepted one; every other is a duplicate.
        const claimed = new Set<string>();
        for (const p of group) {
          const duplicateIndexes: number[] = [];
          p.events.forEach((e, i) => {
            if (inserted.has(e.id) && !claimed.has(e.id)) claimed.add(e.id);
            else duplicateIndexes.push(i);
          });
          p.resolve({ accepted: p.events.length - duplicateIndexes.length, duplicateIndexes });
        }
      } catch (err) {
        for (const p of group) p.reject(err);
      }
    }
  }

  async health(): Promise<LogHealth> {
    const oldest = this.queue[0]?.enqueuedAt;
    return {
      ok: !this.closed,
      kind: 'embedded',
      lagEntries: this.queue.reduce((n, p) => n + p.events.length, 0),
      lagSeconds: oldest ? (Date.now() - oldest) / 1000 : 0,
    };
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.draining;
  }
}
