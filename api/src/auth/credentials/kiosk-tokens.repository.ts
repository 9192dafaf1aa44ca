/** The SQL of kiosk display tokens: a read-only wallboard of a fixed scope for a TV, revocable. */
import { Inject, Injectable } from '@nestjs/common';
import type { Queryable } from '@callboard/db';
import { DB } from '../../database/database.module.js';
import type { Scope } from '../access/roles.js';

export interface KioskTokenRow {
  id: string;
  name: string;
  scope_queues: string[] | null;
  scope_teams: string[] | null;
  created_by: string | null;
  created_at: Date;
  last_used_at: Date | null;
  revoked_at: Date | null;
}

const COLUMNS = `id, name, scope_queues, scope_teams, created_by, created_at, last_used_at, revoked_at`;

@Injectable()
export class KioskTokensRepository {
  constructor(@Inject(DB) private readonly db: Queryable) {}

  async insert(t: { id: string; name: string; hash: string; scope: Scope; createdBy: string | null }): Promise<KioskTokenRow> {
    const r = await this.db.query<KioskTokenRow>(
      `INSERT INTO kiosk_tokens (id, name, token_hash, scope_queues, scope_teams, created_by) VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${COLUMNS}`,
      [t.id, t.name, t.hash, t.scope.queues, t.scope.teams, t.createdBy],
    );
    return r.rows[0]!;
  }

  /** Oldest first. */
  async list(): Promise<KioskTokenRow[]> {
    return (await this.db.query<KioskTokenRow>(`SELECT ${COLUMNS} FROM kiosk_tokens ORDER BY created_at, id`)).rows;
  }

  /** The token with this secret's hash, revoked or not. */
  async findByHash(hash: string): Promise<KioskTokenRow | undefined> {
    return (await this.db.query<KioskTokenRow>(`SELECT ${COLUMNS} FROM kiosk_tokens WHERE token_hash = $1`, [hash])).rows[0];
  }

  /** False when there is no active token with this id. */
  async revoke(id: string): Promise<boolean> {
    const r = await this.db.query(`UPDATE kiosk_tokens SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL`, [id]);
    return r.affectedRows > 0;
  }

  /** Revokes the active tokens of this name made by `createdBy` (the demo's display, on every start). */
  async revokeNamed(name: string, createdBy: string): Promise<void> {
    await this.db.query(`UPDATE kiosk_tokens SET revoked_at = now() WHERE name = $1 AND created_by = $2 AND revoked_at IS NULL`, [
      name,
      createdBy,
    ]);
  }

  async markUsed(id: string): Promise<void> {
    await this.db.query(`UPDATE kiosk_tokens SET last_used_at = now() WHERE id = $1`, [id]);
  }
}
