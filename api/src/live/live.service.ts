/**
 * The live engine of this API process: rebuilds today from TimescaleDB plus the
 * log's tail on start, then folds every event the log delivers into the
 * `LiveState` and announces what changed, coalesced over a few tens of
 * milliseconds, to the gateway.
 */
import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { Logger } from 'nestjs-pino';
import { CenterClock } from '../calls/center-clock.js';
import { type AppConfig, CONFIG } from '../config/config.js';
import type { CanonicalEvent } from '../events/event.schema.js';
import { EVENT_LOG, type EventLog } from '../log/event-log.js';
import { SettingsService } from '../settings/settings.service.js';
import { type DirtySet, LiveState, carryEvent } from './live-state.js';
import { LiveRepository } from './live.repository.js';
import type { LiveSnapshot, Subscription } from './live.wire.js';

/** What one flush hands the gateway. */
export interface LiveFlush {
  nowMs: number;
  dirty: DirtySet;
  /** The day changed: every client needs a fresh snapshot. */
  reset: boolean;
}

/** The names a set or a map holds, read in place. */
export interface NameSet {
  has(name: string): boolean;
  readonly size: number;
}

export interface DayNames {
  startMs: number;
  endMs: number;
  queues: NameSet;
  agents: NameSet;
}

export type FlushListener = (flush: LiveFlush) => void;

const TICK_MS = 500;
/** Time-dependent figures (occupancy, waits, staffing) are refreshed this often without events. */
const REFRESH_MS = 10_000;
const DIRECTORY_DAYS = 35;

@Injectable()
export class LiveService implements OnApplicationBootstrap, OnApplicationShutdown {
  readonly clock: CenterClock;
  readonly state: LiveState;
  private readonly listeners: FlushListener[] = [];
  private ready = false;
  private buffered: CanonicalEvent[] = [];
  private flushTimer: NodeJS.Timeout | undefined;
  private tickTimer: NodeJS.Timeout | undefined;
  private lastRefresh = Date.now();
  private pendingReset = false;
  /** Flushes so far and the time the engine spent folding events in and building what the flushes sent. */
  private readonly work = { flushes: 0, ms: 0 };
  /** Overridable clock, for tests. */
  now: () => number = Date.now;

  constructor(
    @Inject(CONFIG) private readonly config: AppConfig,
    private readonly repo: LiveRepository,
    @Inject(EVENT_LOG) private readonly log: EventLog,
    private readonly settings: SettingsService,
    private readonly logger: Logger,
  ) {
    this.clock = new CenterClock(config.CALLBOARD_TZ);
    this.state = new LiveState(this.clock, settings.book(), this.now());
  }

  async onApplicationBootstrap(): Promise<void> {
    const started = Date.now();
    // Follow first, load second: whatever is appended meanwhile is buffered, and the overlap is de-duplicated by id.
    this.log.follow(this.state.windowStart, (events) => this.receive(events));
    this.settings.onChange((book) => {
      this.state.setRules(book);
      this.schedule();
    });
    const held = await this.rebuild();
    this.ready = true;
    const buffered = this.buffered;
    this.buffered = [];
    this.receive(buffered);
    this.logger.log({ msg: 'live state rebuilt', events: held + buffered.length, ms: Date.now() - started, day: this.state.today.day });
    void this.loadLastWeek();
    this.tickTimer = setInterval(() => this.tick(), TICK_MS);
    this.tickTimer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.tickTimer);
    clearTimeout(this.flushTimer);
  }

  /** For /health: rebuilt yet, the day held, the newest event, what is in memory, flushes and the engine's time on them. */
  health(): {
    ready: boolean;
    day: string;
    lastEventAt: string | null;
    events: number;
    calls: number;
    agents: number;
    flushes: number;
    workMs: number;
  } {
    return {
      ready: this.ready,
      day: this.state.today.day,
      lastEventAt: this.state.lastEventAt(),
      ...this.state.size(),
      flushes: this.work.flushes,
      workMs: Math.round(this.work.ms * 1000) / 1000,
    };
  }

  /** The queues and agents today's state holds, and today's bounds: what ingest's cap on a day's distinct names counts against. */
  namesToday(): DayNames {
    const day = this.state.today;
    return { startMs: day.startMs, endMs: day.endMs, ...this.state.heldNames() };
  }

  onFlush(listener: FlushListener): void {
    this.listeners.push(listener);
  }

  /** Today's events from the database, each agent's state at the window's start, and names. */
  private async rebuild(): Promise<number> {
    const from = new Date(this.state.windowStart);
    const [carries, events, directory] = await Promise.all([
      this.repo.statesAt(from),
      this.repo.windowEvents(from),
      this.repo.agentDirectory(new Date(from.getTime() - DIRECTORY_DAYS * 86_400_000)),
    ]);
    this.state.setDirectory(directory);
    this.state.apply(carries.map(carryEvent), { carry: true });
    return this.state.apply(events);
  }

  private async loadLastWeek(): Promise<void> {
    const day = this.state.today;
    try {
      const volume = await this.repo.hourlyVolume(this.clock, this.clock.weekBefore(day));
      if (this.state.today.day !== day.day) return;
      this.state.setLastWeek(volume);
      this.schedule();
    } catch (err) {
      this.logger.warn({ msg: "last week's volume could not be read; the comparison line stays empty", err: (err as Error).message });
    }
  }

  private receive(events: CanonicalEvent[]): void {
    if (!this.ready) {
      for (const e of events) this.buffered.push(e);
      return;
    }
    const started = performance.now();
    try {
      if (this.state.apply(events) > 0) this.schedule();
    } catch (err) {
      this.logger.error({ msg: 'live state could not apply events', err: (err as Error).message });
    }
    this.work.ms += performance.now() - started;
  }

  /** A flush within the coalescing window, unless one is already due. */
  private schedule(): void {
    this.flushTimer ??= setTimeout(() => this.flush(), this.config.CALLBOARD_LIVE_COALESCE_MS);
  }

  private tick(): void {
    const now = this.now();
    if (this.state.rollOver(now)) {
      this.pendingReset = true;
      this.logger.log({ msg: 'live state moved to a new day', day: this.state.today.day });
      void this.loadLastWeek();
    }
    if (now - this.lastRefresh >= REFRESH_MS) {
      this.lastRefresh = now;
      this.state.markAllQueuesDirty();
    }
    // At-risk and breached items change with time alone: the gateway compares them per scope on every flush.
    this.schedule();
  }

  private flush(): void {
    this.flushTimer = undefined;
    const started = performance.now();
    const nowMs = this.now();
    const flush: LiveFlush = { nowMs, dirty: this.state.takeDirty(), reset: this.pendingReset };
    this.pendingReset = false;
    for (const l of this.listeners) {
      try {
        l(flush);
      } catch (err) {
        this.logger.error({ msg: 'live flush failed', err: (err as Error).message });
      }
    }
    this.work.flushes++;
    this.work.ms += performance.now() - started;
  }

  /** The snapshot of a subscription (seq set by the caller). */
  snapshot(sub: Subscription, seq: number, nowMs = this.now()): LiveSnapshot {
    const queues = sub.queues ?? this.state.queueNames();
    const totals = this.state.totals(queues, nowMs);
    const breaches = this.state.breaches(nowMs, sub);
    return {
      seq,
      asOf: this.clock.iso(nowMs),
      tz: this.clock.tz,
      day: this.state.today.day,
      demo: this.config.CALLBOARD_DEMO,
      lastEventAt: this.state.lastEventAt(),
      subscription: sub,
      queues: queues.map((q) => this.state.queueView(q, nowMs)),
      totals: totals.figures,
      totalsAgents: totals.agents,
      agents: this.state.agentIds(sub.teams).flatMap((id) => this.state.agentView(id, nowMs) ?? []),
      breaches: breaches.list,
      breachCounts: breaches.counts,
    };
  }
}
