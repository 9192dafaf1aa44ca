import { Global, Module } from '@nestjs/common';
import { Logger } from 'nestjs-pino';
import { AuditService } from '../auth/audit/audit.service.js';
import { type AppConfig, CONFIG } from '../config/config.js';
import { type Broadcast, LocalBroadcast, RedisBroadcast } from '../infra/broadcast.js';
import { REDIS, RedisClients, RedisModule } from '../infra/redis.js';
import { SettingsController } from './settings.controller.js';
import { SettingsRepository } from './settings.repository.js';
import { SETTINGS_BUS, type SettingsChanged, SettingsService } from './settings.service.js';

/**
 * The settings every module reads through `SettingsService` (global). With
 * Redis, changes are announced on `<prefix>:settings:changed`; Redis being
 * away never delays start-up or a change — the minute's reload covers it.
 */
@Global()
@Module({
  imports: [RedisModule],
  controllers: [SettingsController],
  providers: [
    SettingsRepository,
    {
      provide: SETTINGS_BUS,
      inject: [CONFIG, REDIS, Logger],
      useFactory(config: AppConfig, redis: RedisClients | null, logger: Logger): Broadcast<SettingsChanged> {
        if (!redis) return new LocalBroadcast<SettingsChanged>();
        const onError = (err: unknown) => logger.error({ msg: 'settings channel error', err: (err as Error).message });
        const bus = new RedisBroadcast<SettingsChanged>(redis, `${config.CALLBOARD_REDIS_PREFIX}:settings:changed`, onError);
        void bus.start().catch(onError);
        return bus;
      },
    },
    {
      // Loaded before anyone can inject it: a consumer's constructor already sees the stored rules.
      provide: SettingsService,
      inject: [SettingsRepository, SETTINGS_BUS, CONFIG, Logger, AuditService],
      async useFactory(
        repository: SettingsRepository,
        bus: Broadcast<SettingsChanged>,
        config: AppConfig,
        logger: Logger,
        audit: AuditService,
      ): Promise<SettingsService> {
        const settings = new SettingsService(repository, bus, config, logger, audit);
        await settings.start();
        return settings;
      },
    },
  ],
  exports: [SettingsService],
})
export class SettingsModule {}
