/**
 * API keys (SPEC §1: role `ingest` may only post events; `metrics` may only be
 * scraped). Lookups are cached briefly so a busy sender costs no query per
 * post; last-used times are written in batches.
 */
import { timingSafeEqual } from 'node:crypto';
import type { Queryable } from '@callboard/db';
import { ALL_SCOPE, type KeyRole } from './access.js';
import type { ApiKeyView } from './auth.wire.js';
import type { Principal } from './principal.js';
import { API_KEY_PREFIX, generateSecret, hashSecret } from './secrets.js';

interface ApiKeyRow {
  id: string;
  name: string;
  role: KeyRole;
  created_at: Date;
  created_by: string | null;
  last_used_at: Date | null;
  revoked_at: Date | null;
}

const view = (r: ApiKeyRow): ApiKeyView => ({
  id: r.id,
  name: r.name,
  role: r.role,
  createdAt: r.created_at.toISOString(),
  createdBy: r.created_by,
  lastUsedAt: r.last_used_at?.toISOString() ?? null,
  revokedAt: r.revoked_at?.toISOString() ?? null,
});

export async function createApiKey(
  db: Queryable,
  name: string,
  role: KeyRole = 'ingest',
  createdBy: string | null = null,
): Promise<{ key: ApiKeyView; secret: string }> {
  const { id, secret, hash } = generateSecret(API_KEY_PREFIX);
  const r = await db.query<ApiKeyRow>(
    `INSERT INTO api_keys (id, name, key_hash, role, created_by) VALUES ($1, $2, $3, $4, $5)
     RETURNING id, name, role, created_at, created_by, last_used_at, revoked_at`,
    [id, name, hash, role, createdBy],
  );
  return { key: view(r.rows[0]!), secret };
}

/** An ingest key, as the CLI and tests create them. */
export async function createIngestKey(db: Queryable, name: string): Promise<{ id: string; key: string }> {
  const { key, secret } = await createApiKey(db, name, 'ingest');
  return { id: key.id, key: secret };
}

export async function revokeApiKey(db: Queryable, id: string): Promise<boolean> {
  const r = await db.query(`UPDATE api_keys SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL`, [id]);
  return r.affectedRows > 0;
}

export async function listApiKeys(db: Queryable): Promise<ApiKeyView[]> {
  const r = await db.query<ApiKeyRow>(
    `SELECT id, name, role, created_at, created_by, last_used_at, revoked_at FROM api_keys ORDER BY created_at, id`,
  );
  return r.rows.map(view);
}

export interface VerifiedKey {
  id: string;
  name: string;
  role: KeyRole;
}

export class ApiKeyVerifier {
  private readonly cache = new Map<string, { key: VerifiedKey | null; until: number }>();
  private readonly staticHash: Buffer | undefined;
  private readonly lastUsed = new Set<string>();

  constructor(
    private readonly db: Queryable,
    /** CALLBOARD_INGEST_KEY: an ingest key accepted from start, for automation. */
    staticKey: string | undefined,
    /** How long a lookup (also a miss) is trusted; a revocation in this process clears it at once. */
    private readonly ttlMs = 10_000,
  ) {
    this.staticHash = staticKey ? Buffer.from(hashSecret(staticKey), 'hex') : undefined;
  }

  /** The key, or null when it is unknown or revoked. */
  async verify(secret: string): Promise<VerifiedKey | null> {
    const hash = hashSecret(secret);
    if (this.staticHash && timingSafeEqual(Buffer.from(hash, 'hex'), this.staticHash)) {
      return { id: 'env', name: 'CALLBOARD_INGEST_KEY', role: 'ingest' };
    }
    const hit = this.cache.get(hash);
    if (hit && hit.until > Date.now()) {
      if (hit.key) this.lastUsed.add(hit.key.id);
      return hit.key;
    }
    const r = await this.db.query<VerifiedKey>(`SELECT id, name, role FROM api_keys WHERE key_hash = $1 AND revoked_at IS NULL`, [hash]);
    const key = r.rows[0] ?? null;
    if (this.cache.size > 10_000) this.cache.clear();
    this.cache.set(hash, { key, until: Date.now() + this.ttlMs });
    if (key) this.lastUsed.add(key.id);
    return key;
  }

  /** The key's principal, or null when the key is unknown or revoked. */
  async principal(secret: string): Promise<Principal | null> {
    const key = await this.verify(secret);
    return key ? { kind: 'key', id: key.id, name: key.name, role: key.role, scope: ALL_SCOPE } : null;
  }

  /** Forgets cached lookups (after a revocation). */
  forget(): void {
    this.cache.clear();
  }

  /** Writes last-used times, batched (called on a timer). */
  async flushLastUsed(): Promise<void> {
    if (this.lastUsed.size === 0) return;
    const ids = [...this.lastUsed];
    this.lastUsed.clear();
    await this.db.query(`UPDATE api_keys SET last_used_at = now() WHERE id = ANY($1::text[])`, [ids]);
  }
}

/** `Authorization: Bearer <secret>` → the secret; undefined when absent; null when malformed. */
export function bearerOf(header: string | undefined): string | null | undefined {
  if (header === undefined) return undefined;
  return /^Bearer\s+(\S+)$/i.exec(header)?.[1] ?? null;
}
