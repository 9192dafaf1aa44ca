/** The SQL of sessions, and of the secret that signs their tokens. */
import { Inject, Injectable } from '@nestjs/common';
import type { Queryable } from '@callboard/db';
import { DB } from '../../database/database.module.js';
import type { UserRole } from '../access/roles.js';

/** A session with the user or kiosk token it belongs to, as they stand now. */
export interface SessionRow {
  id: string;
  kind: 'user' | 'kiosk';
  csrf_secret: string;
  expires_at: Date;
  absolute_expires_at: Date | null;
  revoked_at: Date | null;
  user_id: string | null;
  username: string | null;
  display_name: string | null;
  role: UserRole | null;
  u_queues: string[] | null;
  u_teams: string[] | null;
  agent_id: string | null;
  disabled_at: Date | null;
  kiosk_id: string | null;
  kiosk_name: string | null;
  k_queues: string[] | null;
  k_teams: string[] | null;
  kiosk_revoked_at: Date | null;
}

export interface NewSessionRow {
  id: string;
  kind: 'user' | 'kiosk';
  /** The user's or the kiosk token's id. */
  subjectId: string;
  csrfSecret: string;
  expiresAt: Date;
  absoluteExpiresAt: Date | null;
  ip: string | null;
  userAgent: string | null;
}

@Injectable()
export class SessionsRepository {
  constructor(@Inject(DB) private readonly db: Queryable) {}

  /** The stored signing secret; `candidate` is stored first when there is none (the first process to ask wins). */
  async signingSecret(candidate: string): Promise<string> {
    await this.db.query(`INSERT INTO settings (key, value) VALUES ('session_secret', to_jsonb($1::text)) ON CONFLICT (key) DO NOTHING`, [
      candidate,
    ]);
    return (await this.db.query<{ s: string }>(`SELECT value #>> '{}' AS s FROM settings WHERE key = 'session_secret'`)).rows[0]!.s;
  }

  async insert(s: NewSessionRow): Promise<void> {
    await this.db.query(
      `INSERT INTO sessions (id, kind, user_id, kiosk_id, csrf_secret, expires_at, absolute_expires_at, ip, user_agent)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [
        s.id,
        s.kind,
        s.kind === 'user' ? s.subjectId : null,
        s.kind === 'kiosk' ? s.subjectId : null,
        s.csrfSecret,
        s.expiresAt,
        s.absoluteExpiresAt,
        s.ip,
        s.userAgent,
      ],
    );
  }

  async find(id: string): Promise<SessionRow | undefined> {
    const r = await this.db.query<SessionRow>(
      `SELECT s.id, s.kind, s.csrf_secret, s.expires_at, s.absolute_expires_at, s.revoked_at,
              u.id AS user_id, u.username, u.display_name, u.role, u.scope_queues AS u_queues, u.scope_teams AS u_teams, u.agent_id, u.disabled_at,
              k.id AS kiosk_id, k.name AS kiosk_name, k.scope_queues AS k_queues, k.scope_teams AS k_teams, k.revoked_at AS kiosk_revoked_at
         FROM sessions s LEFT JOIN users u ON u.id = s.user_id LEFT JOIN kiosk_tokens k ON k.id = s.kiosk_id
        WHERE s.id = $1`,
      [id],
    );
    return r.rows[0];
  }

  /** Moves an open session's idle expiry. */
  async extend(id: string, until: Date): Promise<void> {
    await this.db.query(`UPDATE sessions SET expires_at = $2 WHERE id = $1 AND revoked_at IS NULL`, [id, until]);
  }

  async end(id: string): Promise<void> {
    await this.db.query(`UPDATE sessions SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL`, [id]);
  }

  /** Ends every open session of a user but `except`; answers their ids. */
  async endUser(userId: string, except?: string): Promise<string[]> {
    const r = await this.db.query<{ id: string }>(
      `UPDATE sessions SET revoked_at = now() WHERE user_id = $1 AND id <> $2 AND revoked_at IS NULL RETURNING id`,
      [userId, except ?? ''],
    );
    return r.rows.map((x) => x.id);
  }

  /** Ends every open session opened with a kiosk token. */
  async endKiosk(kioskId: string): Promise<void> {
    await this.db.query(`UPDATE sessions SET revoked_at = now() WHERE kiosk_id = $1 AND revoked_at IS NULL`, [kioskId]);
  }
}
