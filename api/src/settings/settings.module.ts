import { Global, Module } from '@nestjs/common';
import type { Db } from '@callboard/db';
import { Logger } from 'nestjs-pino';
import { type AppConfig, CONFIG } from '../config/config.js';
import { DB } from '../database/database.module.js';
import { type Broadcast, LocalBroadcast, RedisBroadcast } from '../infra/broadcast.js';
import { SettingsController } from './settings.controller.js';
import { SETTINGS_BUS, type SettingsChanged, SettingsService } from './settings.service.js';

/**
 * The settings every module reads through `SettingsService` (global). With
 * Redis, changes are announced on `<prefix>:settings:changed`; Redis being
 * away never delays start-up or a change — the minute's reload covers it.
 */
@Global()
@Module({
  controllers: [SettingsController],
  providers: [
    {
      provide: SETTINGS_BUS,
      inject: [CONFIG, Logger],
      useFactory(config: AppConfig, logger: Logger): Broadcast<SettingsChanged> {
        if (!config.REDIS_URL) return new LocalBroadcast<SettingsChanged>();
        const onError = (err: unknown) => logger.error({ err: (err as Error).message }, 'settings channel error');
        const bus = new RedisBroadcast<SettingsChanged>(config.REDIS_URL, `${config.CALLBOARD_REDIS_PREFIX}:settings:changed`, onError);
        void bus.start().catch(onError);
        return bus;
      },
    },
    {
      // Loaded before anyone can inject it: a consumer's constructor already sees the stored rules.
      provide: SettingsService,
      inject: [DB, SETTINGS_BUS, CONFIG, Logger],
      async useFactory(db: Db, bus: Broadcast<SettingsChanged>, config: AppConfig, logger: Logger): Promise<SettingsService> {
        const settings = new SettingsService(db, bus, config, logger);
        await settings.start();
        return settings;
      },
    },
  ],
  exports: [SettingsService],
})
export class SettingsModule {}
