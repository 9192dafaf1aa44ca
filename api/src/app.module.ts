import { Module, type DynamicModule } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { AuthModule } from './auth/auth.module.js';
import { type AppConfig, CONFIG } from './config/config.js';
import { DatabaseModule } from './database/database.module.js';
import { DemoModule } from './demo/demo.module.js';
import { DocsModule } from './docs/docs.module.js';
import { HealthModule } from './health/health.module.js';
import { loggerParams } from './infra/logging.js';
import { IngestModule } from './ingest/ingest.module.js';
import { RedisModule } from './infra/redis.js';
import { LiveModule } from './live/live.module.js';
import { LogModule } from './log/log.module.js';
import { MetricsHttpModule, MetricsModule } from './metrics/metrics.module.js';
import { QaModule } from './qa/qa.module.js';
import { RecordingsModule } from './qa/recordings/recordings.module.js';
import { SettingsModule } from './settings/settings.module.js';
import { TodayModule } from './today/today.module.js';
import { TrendsModule } from './trends/trends.module.js';

@Module({})
export class AppModule {
  static forConfig(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      global: true,
      imports: [
        // A person at a terminal reads lines; CI, services and tests get JSON.
        LoggerModule.forRoot(loggerParams(config.CALLBOARD_LOG_LEVEL, { pretty: process.stdout.isTTY === true })),
        RedisModule,
        MetricsModule,
        DatabaseModule,
        LogModule,
        AuthModule,
        SettingsModule,
        IngestModule,
        LiveModule,
        TodayModule,
        TrendsModule,
        QaModule,
        RecordingsModule,
        HealthModule,
        MetricsHttpModule,
        DemoModule.register(config),
        DocsModule,
      ],
      providers: [{ provide: CONFIG, useValue: config }],
      exports: [CONFIG],
    };
  }
}
