import { Module, type DynamicModule } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { AuthModule } from './auth/auth.module.js';
import { type AppConfig, CONFIG } from './config/config.js';
import { DatabaseModule } from './database/database.module.js';
import { DemoModule } from './demo/demo.module.js';
import { DocsController } from './docs/docs.controller.js';
import { HealthController } from './health/health.controller.js';
import { loggerParams } from './infra/logging.js';
import { IngestModule } from './ingest/ingest.module.js';
import { LiveModule } from './live/live.module.js';
import { LogModule } from './log/log.module.js';
import { MetricsHttpModule, MetricsModule } from './metrics/metrics.module.js';
import { SettingsModule } from './settings/settings.module.js';
import { TodayController } from './today/today.controller.js';

@Module({})
export class AppModule {
  static forConfig(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      global: true,
      imports: [
        // A person at a terminal reads lines; CI, services and tests get JSON.
        LoggerModule.forRoot(loggerParams(config.CALLBOARD_LOG_LEVEL, { pretty: process.stdout.isTTY === true })),
        MetricsModule,
        DatabaseModule,
        LogModule,
        AuthModule,
        SettingsModule,
        IngestModule,
        LiveModule,
        MetricsHttpModule,
        DemoModule.register(config),
      ],
      controllers: [HealthController, TodayController, DocsController],
      providers: [{ provide: CONFIG, useValue: config }],
      exports: [CONFIG],
    };
  }
}
