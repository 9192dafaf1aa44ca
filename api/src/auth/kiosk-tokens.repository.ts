/** Kiosk display tokens: a read-only wallboard of a fixed scope for a TV, revocable. */
import type { Queryable } from '@callboard/db';
import type { Scope } from './access.js';
import type { KioskTokenView } from './auth.wire.js';
import { KIOSK_TOKEN_PREFIX, generateSecret, hashSecret } from './secrets.js';

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

export const kioskView = (r: KioskTokenRow): KioskTokenView => ({
  id: r.id,
  name: r.name,
  scope: { queues: r.scope_queues, teams: r.scope_teams },
  createdAt: r.created_at.toISOString(),
  createdBy: r.created_by,
  lastUsedAt: r.last_used_at?.toISOString() ?? null,
  revokedAt: r.revoked_at?.toISOString() ?? null,
});

/** The address a TV opens: the secret sits in the fragment, which browsers never send to a server or put in its logs. */
export const kioskUrl = (baseUrl: string, secret: string): string => `${baseUrl.replace(/\/+$/, '')}/kiosk#${secret}`;

export async function createKioskToken(
  db: Queryable,
  name: string,
  scope: Scope,
  createdBy: string | null,
): Promise<{ token: KioskTokenView; secret: string }> {
  const { id, secret, hash } = generateSecret(KIOSK_TOKEN_PREFIX);
  const r = await db.query<KioskTokenRow>(
    `INSERT INTO kiosk_tokens (id, name, token_hash, scope_queues, scope_teams, created_by) VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${COLUMNS}`,
    [id, name, hash, scope.queues, scope.teams, createdBy],
  );
  return { token: kioskView(r.rows[0]!), secret };
}

export async function listKioskTokens(db: Queryable): Promise<KioskTokenView[]> {
  return (await db.query<KioskTokenRow>(`SELECT ${COLUMNS} FROM kiosk_tokens ORDER BY created_at, id`)).rows.map(kioskView);
}

export async function findKioskTokenBySecret(db: Queryable, secret: string): Promise<KioskTokenRow | undefined> {
  return (await db.query<KioskTokenRow>(`SELECT ${COLUMNS} FROM kiosk_tokens WHERE token_hash = $1`, [hashSecret(secret)])).rows[0];
}

export async function revokeKioskToken(db: Queryable, id: string): Promise<boolean> {
  const r = await db.query(`UPDATE kiosk_tokens SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL`, [id]);
  return r.affectedRows > 0;
}
