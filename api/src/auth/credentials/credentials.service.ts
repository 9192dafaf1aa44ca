/**
 * Bearer credentials of machines and displays: API keys (`cbk_…`) and kiosk
 * display tokens (`cbt_…`), created, listed and revoked by admins in the app
 * and from the shell; every change is audited. A revoked kiosk token ends its
 * displays' sessions.
 */
import { Injectable } from '@nestjs/common';
import type { Queryable } from '@callboard/db';
import { ApiError } from '../../common/errors.js';
import type { KeyRole, Scope } from '../access/roles.js';
import { AuditService, type ChangedBy } from '../audit/audit.service.js';
import { SessionsService } from '../sessions/sessions.service.js';
import { ApiKeyVerifier } from './api-key.verifier.js';
import { type ApiKeyRow, ApiKeysRepository } from './api-keys.repository.js';
import type { ApiKeyView, CreatedApiKey, KioskTokenView } from './credentials.wire.js';
import { type KioskTokenRow, KioskTokensRepository } from './kiosk-tokens.repository.js';
import { API_KEY_PREFIX, KIOSK_TOKEN_PREFIX, generateSecret } from './secrets.js';

export const apiKeyView = (r: ApiKeyRow): ApiKeyView => ({
  id: r.id,
  name: r.name,
  role: r.role,
  createdAt: r.created_at.toISOString(),
  createdBy: r.created_by,
  lastUsedAt: r.last_used_at?.toISOString() ?? null,
  revokedAt: r.revoked_at?.toISOString() ?? null,
});

export const kioskTokenView = (r: KioskTokenRow): KioskTokenView => ({
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

/**
 * The kiosk link an admin's request is answered with. The Host header is the
 * client's to choose, so it makes no link by itself: the link is absolute from
 * CALLBOARD_PUBLIC_URL, or from the request's origin when that is one of
 * CALLBOARD_ALLOWED_ORIGINS, and otherwise relative (`/kiosk#…`), for the
 * admin's browser to complete with the address it is on.
 */
export function kioskLink(
  secret: string,
  request: { protocol: string; host: string | undefined },
  config: { publicUrl?: string; allowedOrigins?: readonly string[] },
): string {
  if (config.publicUrl) return kioskUrl(config.publicUrl, secret);
  if (request.host && config.allowedOrigins) {
    let origin: string | undefined;
    try {
      origin = new URL(`${request.protocol}://${request.host}`).origin;
    } catch {
      origin = undefined;
    }
    if (origin && config.allowedOrigins.includes(origin)) return kioskUrl(origin, secret);
  }
  return kioskUrl('', secret);
}

/** A new key; its secret exists only in this answer. */
export async function issueApiKey(keys: ApiKeysRepository, name: string, role: KeyRole, createdBy: string | null): Promise<CreatedApiKey> {
  const { id, secret, hash } = generateSecret(API_KEY_PREFIX);
  return { key: apiKeyView(await keys.insert({ id, name, hash, role, createdBy })), secret };
}

/** A new kiosk token; its secret exists only in this answer. */
export async function issueKioskToken(
  tokens: KioskTokensRepository,
  name: string,
  scope: Scope,
  createdBy: string | null,
): Promise<{ token: KioskTokenView; secret: string }> {
  const { id, secret, hash } = generateSecret(KIOSK_TOKEN_PREFIX);
  return { token: kioskTokenView(await tokens.insert({ id, name, hash, scope, createdBy })), secret };
}

@Injectable()
export class CredentialsService {
  constructor(
    private readonly keys: ApiKeysRepository,
    private readonly kioskTokens: KioskTokensRepository,
    private readonly verifier: ApiKeyVerifier,
    private readonly sessions: SessionsService,
    private readonly audit: AuditService,
  ) {}

  async listKeys(): Promise<ApiKeyView[]> {
    return (await this.keys.list()).map(apiKeyView);
  }

  async createKey(name: string, role: KeyRole, by: ChangedBy): Promise<CreatedApiKey> {
    const created = await issueApiKey(this.keys, name, role, by.actor?.name ?? null);
    this.audit.record({ action: 'key.created', ...by, target: created.key.id, detail: { name, role } });
    return created;
  }

  /** 404 when there is no active key with this id; lookups cached in this process forget it at once. */
  async revokeKey(id: string, by: ChangedBy): Promise<void> {
    if (!(await this.keys.revoke(id))) throw new ApiError(404, 'NOT_FOUND', `no active API key ${id}`, 'id');
    this.verifier.forget();
    this.audit.record({ action: 'key.revoked', ...by, target: id });
  }

  async listKioskTokens(): Promise<KioskTokenView[]> {
    return (await this.kioskTokens.list()).map(kioskTokenView);
  }

  async createKioskToken(name: string, scope: Scope, by: ChangedBy): Promise<{ token: KioskTokenView; secret: string }> {
    const created = await issueKioskToken(this.kioskTokens, name, scope, by.actor?.name ?? null);
    this.audit.record({ action: 'kiosk.created', ...by, target: created.token.id, detail: { name, scope } });
    return created;
  }

  /** 404 when there is no active token with this id; its displays' sessions end and their sockets close. */
  async revokeKioskToken(id: string, by: ChangedBy): Promise<void> {
    if (!(await this.kioskTokens.revoke(id))) throw new ApiError(404, 'NOT_FOUND', `no active kiosk token ${id}`, 'id');
    await this.sessions.endKiosk(id);
    this.audit.record({ action: 'kiosk.revoked', ...by, target: id });
  }
}

/** An API key made straight in the database (tests, benches): not audited. */
export const createApiKey = (
  db: Queryable,
  name: string,
  role: KeyRole = 'ingest',
  createdBy: string | null = null,
): Promise<CreatedApiKey> => issueApiKey(new ApiKeysRepository(db), name, role, createdBy);

/** An ingest key, as tests create them. */
export async function createIngestKey(db: Queryable, name: string): Promise<{ id: string; key: string }> {
  const { key, secret } = await createApiKey(db, name, 'ingest');
  return { id: key.id, key: secret };
}

/** A kiosk token made straight in the database (tests, benches): not audited. */
export const createKioskToken = (
  db: Queryable,
  name: string,
  scope: Scope,
  createdBy: string | null,
): Promise<{ token: KioskTokenView; secret: string }> => issueKioskToken(new KioskTokensRepository(db), name, scope, createdBy);
