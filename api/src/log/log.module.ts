import { Global, Inject, Injectable, Module, type OnApplicationShutdown } from '@nestjs/common';
import { Logger } from 'nestjs-pino';
import { type AppConfig, CONFIG } from '../config/config.js';
import { REDIS, RedisClients, RedisModule } from '../infra/redis.js';
import { MetricsService } from '../metrics/metrics.service.js';
import { WriterModule } from '../writer/writer.module.js';
import { WriterService } from '../writer/writer.service.js';
import type { Refusal } from '../writer/refusals.js';
import { EmbeddedEventLog } from './embedded-event-log.js';
import { EVENT_LOG, type EventLog } from './event-log.js';
import { RedisEventLog } from './redis-event-log.js';

@Injectable()
class LogLifecycle implements OnApplicationShutdown {
  constructor(@Inject(EVENT_LOG) private readonly log: EventLog) {}
  async onApplicationShutdown(): Promise<void> {
    await this.log.close();
  }
}

@Global()
@Module({
  imports: [RedisModule, WriterModule],
  providers: [
    {
      provide: EVENT_LOG,
      inject: [CONFIG, REDIS, WriterService, MetricsService, Logger],
      async useFactory(
        config: AppConfig,
        redis: RedisClients | null,
        writer: WriterService,
        metrics: MetricsService,
        logger: Logger,
      ): Promise<EventLog> {
        const onBatch = (size: number, ms: number) => metrics.recordBatch(size, ms);
        const write = (events: Parameters<WriterService['write']>[0]) => writer.write(events);
        // The event's id and SQLSTATE only: its values (caller numbers among them) never reach the log.
        const refusal = (f: Refusal) => ({ eventId: f.event.id, sqlState: f.code });
        const onRefused = (f: Refusal) => logger.warn({ msg: 'event refused by the database', ...refusal(f) });
        if (!redis) return new EmbeddedEventLog(write, { maxBatch: config.CALLBOARD_WRITER_BATCH, onBatch, onRefused });
        const log = await RedisEventLog.connect(redis, {
          prefix: config.CALLBOARD_REDIS_PREFIX,
          retentionHours: config.CALLBOARD_LOG_RETENTION_H,
          dedupeWindowHours: config.CALLBOARD_DEDUPE_WINDOW_H,
          maxBatch: config.CALLBOARD_WRITER_BATCH,
          maxWaitMs: config.CALLBOARD_WRITER_WAIT_MS,
          claimIdleMs: config.CALLBOARD_WRITER_CLAIM_MS,
          onBatch,
          onError: (err, where) => logger.error({ msg: 'event log error', err: (err as Error).message, where }),
          onDeadLettered: (f, entryId) => {
            metrics.deadLettered.inc();
            logger.error({ msg: 'event refused by the database, moved to the dead-letter stream', ...refusal(f), entryId });
          },
        });
        // Off: this process appends and follows the log; another process's writer stores it.
        if (config.CALLBOARD_WRITER) log.startWriter(write);
        return log;
      },
    },
    LogLifecycle,
  ],
  exports: [EVENT_LOG],
})
export class LogModule {}
