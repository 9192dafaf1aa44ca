/** The database's side of the health check. */
import { Inject, Injectable } from '@nestjs/common';
import type { Db } from '@callboard/db';
import { DB } from '../database/database.module.js';

@Injectable()
export class HealthRepository {
  constructor(@Inject(DB) private readonly db: Db) {}

  /** `embedded` or `server`, for the report. */
  get kind(): Db['kind'] {
    return this.db.kind;
  }

  /** Rejects when the database does not answer. */
  async ping(): Promise<void> {
    await this.db.query('SELECT 1');
  }
}
