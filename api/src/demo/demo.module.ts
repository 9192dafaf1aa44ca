/**
 * Demo data: with CALLBOARD_DEMO on (`npm start`; off by default, and refused
 * by the configuration against DATABASE_URL or a reachable HOST unless
 * CALLBOARD_DEMO=force), the simulator feeds this instance through
 * the same log as real sources. It first replays today from local midnight (so
 * a new user sees a full day at once), then continues in real time. The
 * simulation is deterministic per day, so a restart replays identical events,
 * which the log de-duplicates.
 */
import { type DynamicModule, Inject, Injectable, Module, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { DateTime } from 'luxon';
import { Logger } from 'nestjs-pino';
import { type AppConfig, CONFIG } from '../config/config.js';
import type { CanonicalEvent } from '../events/event.schema.js';
import { EVENT_LOG, type EventLog } from '../log/event-log.js';
import { runRealtime, simulate } from '../simulator/index.js';

export const DEMO_SEED = 20_26;

@Injectable()
export class DemoService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly abort = new AbortController();
  private running: Promise<void> | undefined;

  constructor(
    @Inject(CONFIG) private readonly config: AppConfig,
    @Inject(EVENT_LOG) private readonly log: EventLog,
    private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    this.running = this.run().catch((err) => {
      if (!this.abort.signal.aborted) this.logger.error({ msg: 'demo simulator stopped', err: (err as Error).message });
    });
  }

  async onApplicationShutdown(): Promise<void> {
    this.abort.abort();
    await this.running;
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
    if (next.done) return;
    const first = next.value;
    const rest = (function* () {
      yield first;
      yield* gen;
    })();
    await runRealtime(rest, (b: CanonicalEvent[]) => this.append(b), { signal: this.abort.signal, startMs: now });
  }
}

@Module({})
export class DemoModule {
  static register(config: AppConfig): DynamicModule {
    return { module: DemoModule, providers: config.CALLBOARD_DEMO ? [DemoService] : [] };
  }
}
