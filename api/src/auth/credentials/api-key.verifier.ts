/**
 * Which API key a bearer secret is. Lookups are cached briefly so a busy
 * sender costs no query per post; last-used times are written in batches.
 */
import { timingSafeEqual } from 'node:crypto';
import { ALL_SCOPE } from '../access/roles.js';
import type { Principal } from '../access/principal.js';
import { ApiKeysRepository, type VerifiedKey } from './api-keys.repository.js';
import { hashSecret } from './secrets.js';

export class ApiKeyVerifier {
  private readonly cache = new Map<string, { key: VerifiedKey | null; until: number }>();
  private readonly staticHash: Buffer | undefined;
  private readonly lastUsed = new Set<string>();

  constructor(
    private readonly keys: ApiKeysRepository,
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
      return { id: 'env', name: 'CALLBOARD_INGEST_KEY', role: 'ingest', backfill: false };
    }
    const hit = this.cache.get(hash);
    if (hit && hit.until > Date.now()) {
      if (hit.key) this.lastUsed.add(hit.key.id);
      return hit.key;
    }
    const key = (await this.keys.findActiveByHash(hash)) ?? null;
    if (this.cache.size > 10_000) this.cache.clear();
    this.cache.set(hash, { key, until: Date.now() + this.ttlMs });
    if (key) this.lastUsed.add(key.id);
    return key;
  }

  /** The key's principal, or null when the key is unknown or revoked. */
  async principal(secret: string): Promise<Principal | null> {
    const key = await this.verify(secret);
    return key
      ? { kind: 'key', id: key.id, name: key.name, role: key.role, scope: ALL_SCOPE, ...(key.backfill ? { backfill: true } : {}) }
      : null;
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
    await this.keys.markUsed(ids);
  }
}

/** `Authorization: Bearer <secret>` → the secret; undefined when absent; null when malformed. */
export function bearerOf(header: string | undefined): string | null | undefined {
  if (header === undefined) return undefined;
  return /^Bearer\s+(\S+)$/i.exec(header)?.[1] ?? null;
}
