import { Global, Inject, Injectable, Module, type OnApplicationShutdown } from '@nestjs/common';
import { type Db, EmbeddedJobRunner, migrate, openDatabase } from '@callboard/db';
import { Logger } from 'nestjs-pino';
import { type AppConfig, CONFIG } from '../config/config.js';

export const DB = Symbol('DB');

/** Opens the database, applies migrations and, for the embedded one, runs its policy jobs. */
export async function connectDatabase(config: AppConfig): Promise<Db> {
  const db = await openDatabase({
    databaseUrl: config.DATABASE_URL,
    dataDir: config.CALLBOARD_DATA_DIR,
    poolSize: config.DATABASE_POOL_SIZE,
  });
  try {
    await migrate(db, config.CALLBOARD_TZ);
  } catch (err) {
    await db.close();
    throw err;
  }
  return db;
}

@Injectable()
class DatabaseLifecycle implements OnApplicationShutdown {
  private readonly jobs: EmbeddedJobRunner | undefined;

  constructor(
    @Inject(DB) private readonly db: Db,
    logger: Logger,
  ) {
    if (db.kind === 'embedded') {
      this.jobs = new EmbeddedJobRunner(db, (jobId, err) =>
        logger.warn({ msg: 'embedded TimescaleDB job failed', jobId, err: (err as Error).message }),
      );
      this.jobs.start();
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.jobs?.stop();
    await this.db.close();
  }
}

@Global()
@Module({
  providers: [{ provide: DB, inject: [CONFIG], useFactory: (config: AppConfig) => connectDatabase(config) }, DatabaseLifecycle],
  exports: [DB],
})
export class DatabaseModule {}
