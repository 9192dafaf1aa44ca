import { Inject, Injectable, Module, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { Logger } from 'nestjs-pino';
import { QaController } from './qa.controller.js';
import { QaRepository } from './qa.repository.js';
import { QaService } from './qa.service.js';

/** How often the weekly sampler looks for a plan whose last week has no run yet. */
export const WEEKLY_CHECK_MS = 60 * 60_000;

/**
 * Runs every active sampling plan over the previous week once that week is
 * over: at start and then hourly, so a process that was down on Monday
 * catches up. Several processes may try at once; the unique weekly index lets
 * one of them store the run.
 */
@Injectable()
export class QaWeeklySampler implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> = Promise.resolve();

  constructor(
    private readonly qa: QaService,
    @Inject(Logger) private readonly logger: Pick<Logger, 'error' | 'log'>,
  ) {}

  onApplicationBootstrap(): void {
    this.tick();
    this.timer = setInterval(() => this.tick(), WEEKLY_CHECK_MS);
    this.timer.unref();
  }

  private tick(): void {
    this.running = this.running.then(async () => {
      try {
        const { runs, failures } = await this.qa.runWeeklyPlans();
        if (runs.length > 0) this.logger.log({ msg: 'weekly QA sampling', runs: runs.length });
        for (const f of failures) this.logger.error({ msg: 'weekly QA sampling failed', plan: f.planId, err: f.error });
      } catch (err) {
        this.logger.error({ msg: 'weekly QA sampling failed', err: (err as Error).message });
      }
    });
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }
}

/** QA: forms, sampling, evaluations, summaries and calibration (`/api/v1/qa/…`). */
@Module({
  controllers: [QaController],
  providers: [QaRepository, QaService, QaWeeklySampler],
  exports: [QaService],
})
export class QaModule {}
