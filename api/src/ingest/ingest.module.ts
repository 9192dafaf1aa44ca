import { Inject, Injectable, Module, type OnApplicationShutdown } from '@nestjs/common';
import type { Db } from '@callboard/db';
import { type AppConfig, CONFIG } from '../config/config.js';
import { DB } from '../database/database.module.js';
import { IngestController } from './ingest.controller.js';
import { IngestKeyGuard } from './ingest.guard.js';
import { IngestKeyVerifier } from './ingest-keys.js';
import { IngestService } from './ingest.service.js';

@Injectable()
class LastUsedFlusher implements OnApplicationShutdown {
  private readonly timer: NodeJS.Timeout;
  constructor(@Inject(IngestKeyVerifier) private readonly keys: IngestKeyVerifier) {
    this.timer = setInterval(() => void this.keys.flushLastUsed().catch(() => undefined), 30_000);
    this.timer.unref();
  }
  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.keys.flushLastUsed().catch(() => undefined);
  }
}

@Module({
  controllers: [IngestController],
  providers: [
    IngestService,
    IngestKeyGuard,
    LastUsedFlusher,
    { provide: IngestKeyVerifier, inject: [DB, CONFIG], useFactory: (db: Db, config: AppConfig) => new IngestKeyVerifier(db, config.CALLBOARD_INGEST_KEY) },
  ],
  exports: [IngestService],
})
export class IngestModule {}
