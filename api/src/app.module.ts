import { Module, type DynamicModule } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { AuthModule } from './auth/auth.module.js';
import { maskCaller } from './common/mask.js';
import { type AppConfig, CONFIG } from './config/config.js';
import { DatabaseModule } from './database/database.module.js';
import { DemoModule } from './demo/demo.module.js';
import { DocsModule } from './docs/docs.module.js';
import { HealthModule } from './health/health.module.js';
import { IngestModule } from './ingest/ingest.module.js';
import { RedisModule } from './infra/redis.js';
import { LiveModule } from './live/live.module.js';
import { LogModule } from './log/log.module.js';
import { MetricsHttpModule, MetricsModule } from './metrics/metrics.module.js';
import { SettingsModule } from './settings/settings.module.js';
import { TodayModule } from './today/today.module.js';

/** Log redaction: secrets are removed, caller numbers keep their last four digits. */
export const REDACT = {
  paths: [
    'req.headers.authorization',
    'req.headers.cookie',
    'req.headers["x-csrf-token"]',
    'res.headers["set-cookie"]',
    'password',
    '*.password',
    'secret',
    '*.secret',
    'caller',
    '*.caller',
    '*.payload.caller',
    '*.*.caller',
  ],
  censor: (value: unknown, path: string[]) =>
    path[path.length - 1] === 'caller' ? maskCaller(typeof value === 'string' ? value : String(value)) : '[redacted]',
};

@Module({})
export class AppModule {
  static forConfig(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      global: true,
      imports: [
        LoggerModule.forRoot({
          pinoHttp: {
            level: config.CALLBOARD_LOG_LEVEL,
            redact: REDACT,
            // Health checks and scrapes would drown the log.
            autoLogging: { ignore: (req) => req.url === '/health' || req.url === '/metrics' },
          },
        }),
        RedisModule,
        MetricsModule,
        DatabaseModule,
        LogModule,
        AuthModule,
        SettingsModule,
        IngestModule,
        LiveModule,
        TodayModule,
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
