import { Global, Inject, Injectable, Module, type OnApplicationShutdown } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import type { Db } from '@callboard/db';
import { Logger } from 'nestjs-pino';
import { createClient } from 'redis';
import { connectRedis } from '../infra/redis-connect.js';
import { type AppConfig, CONFIG } from '../config/config.js';
import { DB } from '../database/database.module.js';
import { ApiKeyVerifier } from './api-keys.js';
import { AuditService } from './audit.service.js';
import { AuthController } from './auth.controller.js';
import { AuthGuard } from './auth.guard.js';
import { CredentialsController } from './credentials.controller.js';
import { FirstUsers } from './first-users.js';
import { LOGIN_LIMITER_STORE, LoginService, loginLimiters } from './login.service.js';
import { LocalRevocationBus, RedisRevocationBus, type RevocationBus } from './revocations.js';
import { REVOCATION_BUS, SessionsService } from './sessions.service.js';
import { UsersController } from './users.controller.js';

const AUTH_REDIS = Symbol('AUTH_REDIS');

@Injectable()
class AuthLifecycle implements OnApplicationShutdown {
  private readonly timer: NodeJS.Timeout;
  constructor(
    @Inject(ApiKeyVerifier) private readonly keys: ApiKeyVerifier,
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    @Inject(AUTH_REDIS) private readonly redis: any,
  ) {
    this.timer = setInterval(() => void this.keys.flushLastUsed().catch(() => undefined), 30_000);
    this.timer.unref();
  }
  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.keys.flushLastUsed().catch(() => undefined);
    await this.redis?.quit().catch(() => undefined);
  }
}

@Global()
@Module({
  controllers: [AuthController, UsersController, CredentialsController],
  providers: [
    {
      provide: AUTH_REDIS,
      inject: [CONFIG, Logger],
      async useFactory(config: AppConfig, logger: Logger) {
        if (!config.REDIS_URL) return null;
        const client = createClient({ url: config.REDIS_URL });
        client.on('error', (err: Error) => logger.error({ err: err.message }, 'redis (auth) error'));
        await connectRedis(client, config.REDIS_URL, 'sign-in limits');
        return client;
      },
    },
    {
      provide: REVOCATION_BUS,
      inject: [CONFIG, Logger],
      useFactory: (config: AppConfig, logger: Logger): Promise<RevocationBus> | RevocationBus =>
        config.REDIS_URL
          ? RedisRevocationBus.connect(config.REDIS_URL, config.CALLBOARD_REDIS_PREFIX, (err) => logger.error({ err: (err as Error).message }, 'revocation channel error'))
          : new LocalRevocationBus(),
    },
    { provide: LOGIN_LIMITER_STORE, inject: [CONFIG, AUTH_REDIS], useFactory: (config: AppConfig, redis: unknown) => loginLimiters(config, redis ?? undefined) },
    { provide: ApiKeyVerifier, inject: [DB, CONFIG], useFactory: (db: Db, config: AppConfig) => new ApiKeyVerifier(db, config.CALLBOARD_INGEST_KEY) },
    SessionsService,
    LoginService,
    AuditService,
    FirstUsers,
    AuthLifecycle,
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [SessionsService, AuditService, ApiKeyVerifier, FirstUsers],
})
export class AuthModule {}
