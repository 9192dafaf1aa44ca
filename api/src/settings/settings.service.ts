/**
 * The rules book every part of this process reads (the live engine, the
 * settings routes), kept current: loaded at start, reloaded after a change
 * made here, when another API process announces one (Redis channel
 * `<prefix>:settings:changed`), and every minute in case an announcement was
 * lost. The writer does not use it: it reads the rules inside each batch's
 * transaction, so a committed change can never be missed there.
 */
import { randomUUID } from 'node:crypto';
import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { DateTime } from 'luxon';
import { Logger } from 'nestjs-pino';
import { AuditService, type ChangedBy } from '../auth/audit/audit.service.js';
import { type AppConfig, CONFIG } from '../config/config.js';
import type { Broadcast } from '../infra/broadcast.js';
import { DEFAULT_QUEUE, type LimitInForce, RulesBook, type RulesInForce } from './rules-book.js';
import { type RulesRows, SettingsRepository } from './settings.repository.js';
import type { UpdateNotReadyLimitsRequest, UpdateQueueRulesRequest } from './settings.schemas.js';
import type { NotReadyLimit, QueueSettings } from './settings.wire.js';

export const SETTINGS_BUS = Symbol('SETTINGS_BUS');

/** What goes over the channel: only who made a change; every process reads the rules from the database. */
export interface SettingsChanged {
  origin: string;
}

export const RELOAD_EVERY_MS = 60_000;

/** For logs and `effectiveFrom`: −Infinity (always applied) is null. */
export const isoOrNull = (ms: number): string | null => (Number.isFinite(ms) ? new Date(ms).toISOString() : null);

export const queueSettingsView = (queue: string, r: RulesInForce): QueueSettings => ({
  queue,
  source: r.source,
  rules: r.rules,
  effectiveFrom: isoOrNull(r.effectiveFromMs),
});

export const limitView = (l: LimitInForce): NotReadyLimit => ({
  reason: l.reason,
  limitS: l.limitS,
  effectiveFrom: isoOrNull(l.effectiveFromMs),
});

const bookOf = (rows: RulesRows): RulesBook => new RulesBook(rows.rules, rows.limits);

/** Calls offered from now on get the latest rows: every row was written with the database's clock, none is in the future. */
const FROM_NOW_ON = Infinity;

@Injectable()
export class SettingsService implements OnApplicationShutdown {
  private current: RulesBook = new RulesBook([], []);
  private readonly listeners = new Set<(book: RulesBook) => void>();
  /** Reloads run one after the other, so an older read never replaces a newer one. */
  private loading: Promise<unknown> = Promise.resolve();
  private timer: NodeJS.Timeout | undefined;
  /** Tells this process's own announcements apart from other processes'. */
  private readonly origin = randomUUID();

  constructor(
    private readonly settings: SettingsRepository,
    @Inject(SETTINGS_BUS) private readonly bus: Broadcast<SettingsChanged>,
    @Inject(CONFIG) private readonly config: Pick<AppConfig, 'CALLBOARD_TZ'>,
    @Inject(Logger) private readonly logger: Pick<Logger, 'error' | 'warn'>,
    private readonly audit: AuditService,
  ) {}

  /** Loads the book (a failure stops start-up: nothing can be measured without it), then listens for changes. */
  async start(): Promise<void> {
    await this.reload();
    this.bus.on((m) => {
      if (m.origin !== this.origin) void this.reloadQuietly('announced by another process');
    });
    this.timer = setInterval(() => void this.reloadQuietly('periodic reload'), RELOAD_EVERY_MS);
    this.timer.unref();
  }

  /** The rules book in force in this process. */
  book(): RulesBook {
    return this.current;
  }

  /** Called with the new book whenever it changes; returns a function that stops the calls. */
  onChange(listener: (book: RulesBook) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Reads the rules again; listeners hear of it only when something changed. */
  reload(): Promise<RulesBook> {
    const next = this.loading.catch(() => undefined).then(() => this.load());
    this.loading = next;
    return next;
  }

  /** '*' and every known queue (rules of their own, or calls today) the scope allows, for calls offered from now on. */
  async queueSettings(scopeQueues: readonly string[] | null): Promise<QueueSettings[]> {
    const book = this.current;
    const startOfDay = DateTime.now().setZone(this.config.CALLBOARD_TZ).startOf('day').toJSDate();
    const seen = await this.settings.queuesOfferedSince(startOfDay);
    const known = [...new Set([...book.configuredQueues(), ...seen])]
      .filter((q) => q !== DEFAULT_QUEUE && (scopeQueues === null || scopeQueues.includes(q)))
      .sort();
    return [DEFAULT_QUEUE, ...known].map((q) => queueSettingsView(q, book.inForce(q, FROM_NOW_ON)));
  }

  notReadyLimits(): NotReadyLimit[] {
    return this.current.limitsInForce(FROM_NOW_ON).map(limitView);
  }

  /** Stores a queue's rules (queue '*': the default) effective now, audited; answers what applied before and what applies now. */
  async setQueueRules(
    queue: string,
    input: UpdateQueueRulesRequest,
    by: ChangedBy,
  ): Promise<{ before: QueueSettings; after: QueueSettings }> {
    const { before, effectiveFromMs } = await this.settings.appendQueueRules({
      queue,
      rings: input.rings,
      ringCycleS: input.ringCycleS,
      shortAbandonS: input.shortAbandonS,
      slTarget: input.slTarget,
      asaTargetS: input.asaTargetS ?? null,
      abandonTarget: input.abandonTarget ?? null,
    });
    const book = await this.changed();
    const views = {
      before: queueSettingsView(queue, bookOf(before).inForce(queue, FROM_NOW_ON)),
      after: queueSettingsView(queue, book.inForce(queue, effectiveFromMs)),
    };
    this.audit.record({ action: 'settings.queue', ...by, target: queue, detail: views });
    return views;
  }

  /** Stores the limits of the reasons listed, effective now, audited with both states of those reasons; the others stay. Answers every limit in force. */
  async setNotReadyLimits(input: UpdateNotReadyLimitsRequest, by: ChangedBy): Promise<NotReadyLimit[]> {
    const reasons = new Set(input.limits.map((l) => l.reason));
    const listed = (all: LimitInForce[]) => all.filter((l) => reasons.has(l.reason)).map(limitView);
    const { before } = await this.settings.appendNotReadyLimits(input.limits);
    const book = await this.changed();
    const after = listed(book.limitsInForce(FROM_NOW_ON));
    this.audit.record({
      action: 'settings.not_ready_limits',
      ...by,
      target: after.map((l) => l.reason).join(', '),
      detail: { before: listed(bookOf(before).limitsInForce(FROM_NOW_ON)), after },
    });
    return this.notReadyLimits();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    this.listeners.clear();
    await this.bus.close().catch(() => undefined);
  }

  /** After a change committed here: tell the other processes (never waiting on Redis), then reload. */
  private async changed(): Promise<RulesBook> {
    this.bus
      .publish({ origin: this.origin })
      .catch((err: unknown) => this.logger.error({ msg: 'settings change not announced', err: (err as Error).message }));
    return this.reload();
  }

  private async load(): Promise<RulesBook> {
    const book = bookOf(await this.settings.rows());
    if (book.fingerprint === this.current.fingerprint) return this.current;
    this.current = book;
    for (const listener of [...this.listeners]) {
      try {
        listener(book);
      } catch (err) {
        this.logger.error({ msg: 'settings listener failed', err: (err as Error).message });
      }
    }
    return book;
  }

  private async reloadQuietly(why: string): Promise<void> {
    try {
      await this.reload();
    } catch (err) {
      this.logger.warn({ msg: 'settings reload failed; keeping the rules in force', err: (err as Error).message, why });
    }
  }
}
