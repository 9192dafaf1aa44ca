/** Ending sessions in the database; the sessions service also tells the running processes. */
import type { Queryable } from '@callboard/db';

/** Ends every open session of a user (disabled, role, scope or password changed); answers their ids. */
export async function endUserSessions(db: Queryable, userId: string, except?: string): Promise<string[]> {
  const r = await db.query<{ id: string }>(
    `UPDATE sessions SET revoked_at = now() WHERE user_id = $1 AND id <> $2 AND revoked_at IS NULL RETURNING id`,
    [userId, except ?? ''],
  );
  return r.rows.map((x) => x.id);
}

/** Ends every open session opened with a kiosk token. */
export async function endKioskSessions(db: Queryable, kioskId: string): Promise<void> {
  await db.query(`UPDATE sessions SET revoked_at = now() WHERE kiosk_id = $1 AND revoked_at IS NULL`, [kioskId]);
}
