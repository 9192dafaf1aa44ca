/** The SQL of API keys (SPEC §1: role `ingest` may only post events; `metrics` may only be scraped). */
import { Inject, Injectable } from '@nestjs/common';
import type { Queryable } from '@callboard/db';
import { DB } from '../../database/database.module.js';
import type { KeyRole } from '../access/roles.js';

export interface ApiKeyRow {
  id: string;
  name: string;
  role: KeyRole;
  backfill: boolean;
  created_at: Date;
  created_by: string | null;
  last_used_at: Date | null;
  revoked_at: Date | null;
}

/** What a bearer secret stands for. */
export interface VerifiedKey {
  id: string;
  name: string;
  role: KeyRole;
  /** May post events older than the ingest window. */
  backfill: boolean;
}

const COLUMNS = `id, name, role, backfill, created_at, created_by, last_used_at, revoked_at`;

@Injectable()
export class ApiKeysRepository {
  constructor(@Inject(DB) private readonly db: Queryable) {}

  async insert(k: {
    id: string;
    name: string;
    hash: string;
    role: KeyRole;
    backfill?: boolean;
    createdBy: string | null;
  }): Promise<ApiKeyRow> {
    const r = await this.db.query<ApiKeyRow>(
      `INSERT INTO api_keys (id, name, key_hash, role, backfill, created_by) VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${COLUMNS}`,
      [k.id, k.name, k.hash, k.role, k.backfill ?? false, k.createdBy],
    );
    return r.rows[0]!;
  }

  /** Oldest first. */
  async list(): Promise<ApiKeyRow[]> {
    return (await this.db.query<ApiKeyRow>(`SELECT ${COLUMNS} FROM api_keys ORDER BY created_at, id`)).rows;
  }

  /** The active key with this secret's hash. */
  async findActiveByHash(hash: string): Promise<VerifiedKey | undefined> {
    return (
      await this.db.query<VerifiedKey>(`SELECT id, name, role, backfill FROM api_keys WHERE key_hash = $1 AND revoked_at IS NULL`, [hash])
    ).rows[0];
  }

  /** False when there is no active key with this id. */
  async revoke(id: string): Promise<boolean> {
    const r = await this.db.query(`UPDATE api_keys SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL`, [id]);
    return r.affectedRows > 0;
  }

  async markUsed(ids: readonly string[]): Promise<void> {
    await this.db.query(`UPDATE api_keys SET last_used_at = now() WHERE id = ANY($1::text[])`, [ids]);
  }
}
