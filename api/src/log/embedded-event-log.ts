/**
 * The in-process log used with the embedded database: an append is
 * acknowledged only after its events are committed to the database, so nothing
 * accepted is lost on a crash. Appends that arrive while a commit is running
 * are grouped into the next transaction (group commit), which is what lets one
 * process sustain thousands of small posts per second.
 *
 * A group whose transaction the database refuses for its data (a data error,
 * `writer/refusals.ts`) is taken apart: each append is written on its own, and
 * an append that is refused again is bisected down to the refused events,
 * which are reported to their sender per item while the rest is stored. Other
 * senders in the group never hear of it. An availability error fails the whole
 * group: nothing of it was stored.
 */
import { AsyncResource } from 'node:async_hooks';
import type { CanonicalEvent } from '../events/event.schema.js';
import { type Refusal, isDataError, writeIsolating } from '../writer/refusals.js';
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
  /** Called once per event the database refused (its id and SQLSTATE may be logged; its values never). */
  onRefused?: (refusal: Refusal) => void;
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
  /** Commits run in the log's own context, not in that of the request that happened to start them (its log lines say so). */
  private readonly scope = new AsyncResource('EmbeddedEventLog');

  constructor(
    private readonly write: BatchWriter,
    private readonly opts: GroupCommitOptions,
  ) {}

  append(events: CanonicalEvent[]): Promise<AppendResult> {
    if (this.closed) return Promise.reject(new Error('the event log is closed'));
    if (events.length === 0) return Promise.resolve({ accepted: 0, duplicateIndexes: [] });
    return new Promise((resolve, reject) => {
      this.queue.push({ events, enqueuedAt: Date.now(), resolve, reject });
      this.draining ??= this.scope
        .runInAsyncScope(() => this.drain())
        .finally(() => {
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
        this.settle(group, inserted, new Map());
      } catch (err) {
        if (isDataError(err)) await this.isolate(group, started);
        else for (const p of group) p.reject(err);
      }
    }
  }

  /** Writes each append of a refused group on its own, bisecting the ones the database refuses again. */
  private async isolate(group: Pending[], started: number): Promise<void> {
    const inserted = new Set<string>();
    const refused = new Map<Pending, Refusal[]>();
    const written: Pending[] = [];
    for (const p of group) {
      try {
        const r = await writeIsolating(this.write, p.events);
        for (const id of r.inserted) inserted.add(id);
        for (const f of r.refused) this.opts.onRefused?.(f);
        refused.set(p, r.refused);
        written.push(p);
      } catch (err) {
        // The database became unavailable: this sender hears 503; what was written stays, and a resend finds it stored.
        p.reject(err);
      }
    }
    this.opts.onBatch?.(
      written.reduce((n, p) => n + p.events.length, 0),
      Date.now() - started,
    );
    this.settle(written, inserted, refused);
  }

  /**
   * Tells followers, then senders, what became of each event: the first
   * occurrence of a newly stored id is the accepted one (the one the database
   * stored); every other occurrence is a duplicate, unless it was refused.
   */
  private settle(group: Pending[], inserted: Set<string>, refused: Map<Pending, Refusal[]>): void {
    const claimed = new Set<string>();
    const fresh: CanonicalEvent[] = [];
    const results = group.map((p) => {
      const refusedAt = new Map((refused.get(p) ?? []).map((f) => [f.index, f.reason]));
      const duplicateIndexes: number[] = [];
      p.events.forEach((e, i) => {
        if (refusedAt.has(i)) return;
        if (inserted.has(e.id) && !claimed.has(e.id)) {
          claimed.add(e.id);
          fresh.push(e);
        } else duplicateIndexes.push(i);
      });
      const result: AppendResult = { accepted: p.events.length - duplicateIndexes.length - refusedAt.size, duplicateIndexes };
      if (refusedAt.size > 0) result.refused = [...refusedAt].map(([index, reason]) => ({ index, reason }));
      return result;
    });
    // Followers see what is now in the log before its senders hear 202.
    if (fresh.length > 0) for (const l of this.listeners) notify(l, fresh);
    group.forEach((p, i) => p.resolve(results[i]!));
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
