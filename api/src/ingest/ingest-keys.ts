/**
 * Ingest API keys. A key is 32 random bytes shown once at creation; only its
 * SHA-256 is stored (a high-entropy random key needs no slow hash, unlike a
 * password). Lookups are cached briefly so a busy sender costs no query per post.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Queryable } from '@callboard/db';

export const KEY_PREFIX = 'cbk_';

export const hashKey = (key: string): string => createHash('sha256').update(key).digest('hex');

export function generateKey(): { id: string; key: string; hash: string } {
  const id = randomBytes(6).toString('hex');
  const key = `${KEY_PREFIX}${id}_${randomBytes(32).toString('base64url')}`;
  return { id, key, hash: hashKey(key) };
}

export async function createIngestKey(db: Queryable, name: string): Promise<{ id: string; key: string }> {
  const { id, key, hash } = generateKey();
  await db.query(`INSERT INTO ingest_keys (id, name, key_hash) VALUES ($1, $2, $3)`, [id, name, hash]);
  return { id, key };
}

export async function revokeIngestKey(db: Queryable, id: string): Promise<boolean> {
  const r = await db.query(`UPDATE ingest_keys SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL`, [id]);
  return r.affectedRows > 0;
}

export async function listIngestKeys(db: Queryable) {
  return (
    await db.query<{ id: string; name: string; created_at: Date; last_used_at: Date | null; revoked_at: Date | null }>(
      `SELECT id, name, created_at, last_used_at, revoked_at FROM ingest_keys ORDER BY created_at`,
    )
  ).rows;
}

export class IngestKeyVerifier {
  private readonly cache = new Map<string, { id: string | null; until: number }>();
  private readonly staticHash: Buffer | undefined;
  private readonly lastUsed = new Set<string>();

  constructor(
    private readonly db: Queryable,
    /** CALLBOARD_INGEST_KEY: accepted from start, for automation. */
    staticKey: string | undefined,
    private readonly ttlMs = 10_000,
  ) {
    this.staticHash = staticKey ? Buffer.from(hashKey(staticKey), 'hex') : undefined;
  }

  /** The key's id ('env' for CALLBOARD_INGEST_KEY) or null when the key is unknown or revoked. */
  async verify(key: string): Promise<string | null> {
    const hash = hashKey(key);
    if (this.staticHash && timingSafeEqual(Buffer.from(hash, 'hex'), this.staticHash)) return 'env';
    const hit = this.cache.get(hash);
    if (hit && hit.until > Date.now()) {
      if (hit.id) this.lastUsed.add(hit.id);
      return hit.id;
    }
    const r = await this.db.query<{ id: string }>(`SELECT id FROM ingest_keys WHERE key_hash = $1 AND revoked_at IS NULL`, [hash]);
    const id = r.rows[0]?.id ?? null;
    this.cache.set(hash, { id, until: Date.now() + this.ttlMs });
    if (id) this.lastUsed.add(id);
    return id;
  }

  /** Writes last-used times, batched (called on a timer). */
  async flushLastUsed(): Promise<void> {
    if (this.lastUsed.size === 0) return;
    const ids = [...this.lastUsed];
    this.lastUsed.clear();
    await this.db.query(`UPDATE ingest_keys SET last_used_at = now() WHERE id = ANY($1::text[])`, [ids]);
  }
}
