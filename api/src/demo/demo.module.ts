/**
 * Demo data: with CALLBOARD_DEMO on (`npm start`; off by default, and refused
 * by the configuration against DATABASE_URL or a reachable HOST unless
 * CALLBOARD_DEMO=force), the simulator feeds this instance through
 * the same log as real sources. It first replays today from local midnight (so
 * a new user sees a full day at once), then continues in real time. Meanwhile,
 * in the background, it fills in the last seven complete days (history,
 * last week's volume, QA) and, once they are stored, samples them for QA with
 * evaluations in every state. The simulation is deterministic per day, so a
 * restart replays identical events, which the log de-duplicates; a past day
 * whose last event is stored already is not posted again.
 */
import { type DynamicModule, Inject, Injectable, Module, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { DateTime } from 'luxon';
import { Logger } from 'nestjs-pino';
import { type AppConfig, CONFIG } from '../config/config.js';
import type { CanonicalEvent } from '../events/event.schema.js';
import { EVENT_LOG, type EventLog } from '../log/event-log.js';
import { seedQaDemo } from '../qa/qa.demo.js';
import { QaModule } from '../qa/qa.module.js';
import { QaService } from '../qa/qa.service.js';
import { runRealtime, simulate } from '../simulator/index.js';
import { DemoRepository } from './demo.repository.js';

export const DEMO_SEED = 20_26;
/** Complete days before today the demo fills in. */
export const DEMO_HISTORY_DAYS = 7;
/** How long the QA sample waits for the writer to store the history. */
const WRITER_WAIT_MS = 10 * 60_000;
const BATCH = 2000;

@Injectable()
export class DemoService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly abort = new AbortController();
  private running: Promise<void> | undefined;
  private history: Promise<void> | undefined;
  private historyFinished!: () => void;
  private readonly historyDoneP = new Promise<void>((resolve) => (this.historyFinished = resolve));

  constructor(
    @Inject(CONFIG) private readonly config: AppConfig,
    @Inject(EVENT_LOG) private readonly log: EventLog,
    private readonly repo: DemoRepository,
    private readonly qa: QaService,
    private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    this.running = this.run().catch((err) => {
      if (!this.abort.signal.aborted) this.logger.error({ msg: 'demo simulator stopped', err: (err as Error).message });
      this.historyFinished();
    });
  }

  async onApplicationShutdown(): Promise<void> {
    this.abort.abort();
    await this.running;
    await this.history;
    this.historyFinished();
  }

  /** Resolves once the past days are posted and the QA sample is made (or failed, or the demo stopped). */
  historyDone(): Promise<void> {
    return this.historyDoneP;
  }

  private async append(batch: CanonicalEvent[]): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      try {
        await this.log.append(batch);
        return;
      } catch (err) {
        if (this.abort.signal.aborted || attempt >= 5) throw err;
        await new Promise((r) => setTimeout(r, 500 * (attempt + 1)));
      }
    }
  }

  private async run(): Promise<void> {
    const tz = this.config.CALLBOARD_TZ;
    const midnight = DateTime.now().setZone(tz).startOf('day').toMillis();
    const gen = simulate({ seed: DEMO_SEED, tz, rate: this.config.CALLBOARD_DEMO_RATE }, midnight, midnight + 7 * 86_400_000);
    const now = Date.now();
    let batch: CanonicalEvent[] = [];
    let next: IteratorResult<CanonicalEvent> = gen.next();
    let replayed = 0;
    while (!next.done && Date.parse(next.value.ts) <= now) {
      if (this.abort.signal.aborted) return;
      batch.push(next.value);
      if (batch.length >= 2000) {
        await this.append(batch);
        replayed += batch.length;
        batch = [];
      }
      next = gen.next();
    }
    if (batch.length > 0) await this.append(batch);
    replayed += batch.length;
    this.logger.log({ msg: "demo: today's simulated traffic replayed; continuing in real time", replayed });
    this.history = this.fillHistory(midnight)
      .catch((err) => {
        if (!this.abort.signal.aborted) this.logger.error({ msg: 'demo: history stopped', err: (err as Error).message });
      })
      .finally(() => this.historyFinished());
    if (next.done) return;
    const first = next.value;
    const rest = (function* () {
      yield first;
      yield* gen;
    })();
    await runRealtime(rest, (b: CanonicalEvent[]) => this.append(b), { signal: this.abort.signal, startMs: now });
  }

  /**
   * The last DEMO_HISTORY_DAYS complete local days, oldest first, each simulated
   * on its own (the same events as a demo that ran that day), then the QA sample
   * of those days once the writer has stored them.
   */
  private async fillHistory(todayMs: number): Promise<void> {
    const tz = this.config.CALLBOARD_TZ;
    const today = DateTime.fromMillis(todayMs, { zone: tz });
    const started = Date.now();
    let posted = 0;
    for (let back = DEMO_HISTORY_DAYS; back >= 1; back--) {
      const day = today.minus({ days: back });
      const events = [
        ...simulate({ seed: DEMO_SEED, tz, rate: this.config.CALLBOARD_DEMO_RATE }, day.toMillis(), day.plus({ days: 1 }).toMillis()),
      ];
      const last = events.at(-1);
      if (!last || (await this.repo.hasEvent(last.id, new Date(last.ts)))) {
        this.logger.log({ msg: 'demo: history day stored already', day: day.toISODate() });
        continue;
      }
      const dayStarted = Date.now();
      for (let i = 0; i < events.length; i += BATCH) {
        if (this.abort.signal.aborted) return;
        await this.append(events.slice(i, i + BATCH));
      }
      posted += events.length;
      this.logger.log({ msg: 'demo: history day posted', day: day.toISODate(), events: events.length, ms: Date.now() - dayStarted });
    }
    await this.writerCaughtUp();
    if (this.abort.signal.aborted) return;
    // The past days arrived after today's calls had moved the aggregates' watermarks past them: trends show them once refreshed.
    await this.repo.refreshAggregates(today.minus({ days: DEMO_HISTORY_DAYS }).toJSDate(), today.toJSDate());
    if (this.abort.signal.aborted) return;
    const range = { from: today.minus({ days: DEMO_HISTORY_DAYS }).toISODate()!, to: today.minus({ days: 1 }).toISODate()! };
    const qa = await seedQaDemo(this.qa, range, tz);
    this.logger.log({
      msg: qa ? 'demo: history ready, QA sample made' : 'demo: history ready (a QA sample exists already)',
      ...range,
      posted,
      ms: Date.now() - started,
      ...(qa ?? {}),
    });
  }

  /** Waits until the writer has committed every entry of the log (at once with the embedded log, which commits on append). */
  private async writerCaughtUp(): Promise<void> {
    const deadline = Date.now() + WRITER_WAIT_MS;
    while (!this.abort.signal.aborted) {
      const health = await this.log.health();
      if (health.lagEntries === 0) return;
      if (Date.now() > deadline)
        throw new Error(`the writer still has ${health.lagEntries} entries to store after ${WRITER_WAIT_MS / 60_000} minutes`);
      await new Promise((r) => setTimeout(r, 500));
    }
  }
}

@Module({})
export class DemoModule {
  static register(config: AppConfig): DynamicModule {
    if (!config.CALLBOARD_DEMO) return { module: DemoModule };
    return { module: DemoModule, imports: [QaModule], providers: [DemoRepository, DemoService] };
  }
}
