/** The demo's SQL: whether a simulated day is stored already, and the aggregates refreshed over its past days. */
import { Inject, Injectable } from '@nestjs/common';
import { type Db, refreshAggregates } from '@callboard/db';
import { DB } from '../database/database.module.js';

@Injectable()
export class DemoRepository {
  constructor(@Inject(DB) private readonly db: Db) {}

  /** Whether the event `id` is stored (`event_ids` holds each stored id once, with its ts). */
  async hasEvent(id: string, ts: Date): Promise<boolean> {
    const r = await this.db.query<{ one: number }>(`SELECT 1 AS one FROM event_ids WHERE id = $1 AND ts = $2 LIMIT 1`, [id, ts]);
    return r.rows.length > 0;
  }

  /**
   * Materialises the continuous aggregates over [from, to): days written after
   * an aggregate's watermark had passed them stay out of it until a refresh
   * covers them, and the refresh policies come round only hourly for days.
   */
  async refreshAggregates(from: Date, to: Date): Promise<void> {
    await refreshAggregates(this.db, from, to);
  }
}
