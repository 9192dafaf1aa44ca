import { Global, Inject, Injectable, Module, type OnApplicationShutdown } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { type AppConfig, CONFIG } from '../config/config.js';
import { REDIS, RedisClients, RedisModule } from '../infra/redis.js';
import { AuthGuard } from './access/auth.guard.js';
import { AuditController } from './audit/audit.controller.js';
import { AuditRepository } from './audit/audit.repository.js';
import { AuditService } from './audit/audit.service.js';
import { ApiKeyVerifier } from './credentials/api-key.verifier.js';
import { ApiKeysRepository } from './credentials/api-keys.repository.js';
import { CredentialsController } from './credentials/credentials.controller.js';
import { CredentialsService } from './credentials/credentials.service.js';
import { KioskTokensRepository } from './credentials/kiosk-tokens.repository.js';
import { LOGIN_LIMITER_STORE, LoginService, loginLimiters } from './sessions/login.service.js';
import { LocalRevocationBus, RedisRevocationBus, type RevocationBus } from './sessions/revocations.js';
import { SessionsController } from './sessions/sessions.controller.js';
import { SessionsRepository } from './sessions/sessions.repository.js';
import { REVOCATION_BUS, SessionsService } from './sessions/sessions.service.js';
import { FirstUsers } from './users/first-users.service.js';
import { UsersController } from './users/users.controller.js';
import { UsersRepository } from './users/users.repository.js';
import { UsersService } from './users/users.service.js';

/** Writes API keys' last-used times every half minute and once more at shutdown. */
@Injectable()
class KeyUsageFlusher implements OnApplicationShutdown {
  private readonly timer: NodeJS.Timeout;
  constructor(@Inject(ApiKeyVerifier) private readonly keys: ApiKeyVerifier) {
    this.timer = setInterval(() => void this.keys.flushLastUsed().catch(() => undefined), 30_000);
    this.timer.unref();
  }
  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.keys.flushLastUsed().catch(() => undefined);
  }
}

/**
 * Who may do what (`access/`), signing in and sessions (`sessions/`), people
 * (`users/`), machine and display credentials (`credentials/`) and the audit
 * log (`audit/`). Global: every module's routes are guarded here and any
 * module may audit or end sessions through the exported services.
 */
@Global()
@Module({
  imports: [RedisModule],
  controllers: [SessionsController, UsersController, CredentialsController, AuditController],
  providers: [
    {
      provide: REVOCATION_BUS,
      inject: [CONFIG, REDIS, Logger],
      useFactory: (config: AppConfig, redis: RedisClients | null, logger: Logger): Promise<RevocationBus> | RevocationBus =>
        redis
          ? RedisRevocationBus.connect(redis, config.CALLBOARD_REDIS_PREFIX, (err) =>
              logger.error({ msg: 'revocation channel error', err: (err as Error).message }),
            )
          : new LocalRevocationBus(),
    },
    {
      provide: LOGIN_LIMITER_STORE,
      inject: [CONFIG, REDIS, Logger],
      async useFactory(config: AppConfig, redis: RedisClients | null, logger: Logger) {
        if (!redis) return loginLimiters(config);
        return loginLimiters(
          config,
          await redis.connect('sign-in limits', (err) => logger.error({ msg: 'redis (auth) error', err: (err as Error).message })),
        );
      },
    },
    {
      provide: ApiKeyVerifier,
      inject: [ApiKeysRepository, CONFIG],
      useFactory: (keys: ApiKeysRepository, config: AppConfig) => new ApiKeyVerifier(keys, config.CALLBOARD_INGEST_KEY),
    },
    SessionsRepository,
    UsersRepository,
    ApiKeysRepository,
    KioskTokensRepository,
    AuditRepository,
    SessionsService,
    LoginService,
    UsersService,
    CredentialsService,
    AuditService,
    FirstUsers,
    KeyUsageFlusher,
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [SessionsService, AuditService, ApiKeyVerifier, FirstUsers, UsersService],
})
export class AuthModule {}
