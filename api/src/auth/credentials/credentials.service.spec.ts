import { createHash } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import { type Mocked, automock } from '../../testing/automock.js';
import type { Principal } from '../access/principal.js';
import { AuditService } from '../audit/audit.service.js';
import { SessionsService } from '../sessions/sessions.service.js';
import { ApiKeyVerifier } from './api-key.verifier.js';
import { type ApiKeyRow, ApiKeysRepository } from './api-keys.repository.js';
import { CredentialsService, kioskLink, kioskUrl } from './credentials.service.js';
import { type KioskTokenRow, KioskTokensRepository } from './kiosk-tokens.repository.js';

const ADMIN: Principal = { kind: 'user', id: 'u1', name: 'admin', role: 'admin', scope: { queues: null, teams: null } };
const BY = { actor: ADMIN, ip: '10.0.0.7' };
const CREATED = new Date('2026-03-02T02:00:00.000Z');
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

let keys: Mocked<ApiKeysRepository>;
let kioskTokens: Mocked<KioskTokensRepository>;
let verifier: Mocked<ApiKeyVerifier>;
let sessions: Mocked<SessionsService>;
let audit: Mocked<AuditService>;
let credentials: CredentialsService;

beforeEach(() => {
  keys = automock(ApiKeysRepository);
  keys.insert.mockImplementation(async (k): Promise<ApiKeyRow> => ({
    id: k.id,
    name: k.name,
    role: k.role,
    created_at: CREATED,
    created_by: k.createdBy,
    last_used_at: null,
    revoked_at: null,
  }));
  kioskTokens = automock(KioskTokensRepository);
  kioskTokens.insert.mockImplementation(async (t): Promise<KioskTokenRow> => ({
    id: t.id,
    name: t.name,
    scope_queues: t.scope.queues,
    scope_teams: t.scope.teams,
    created_by: t.createdBy,
    created_at: CREATED,
    last_used_at: null,
    revoked_at: null,
  }));
  verifier = automock(ApiKeyVerifier);
  sessions = automock(SessionsService);
  audit = automock(AuditService);
  credentials = new CredentialsService(keys, kioskTokens, verifier, sessions, audit);
});

describe('API keys', () => {
  it('shows a new secret once and stores only its SHA-256, under a public id', async () => {
    const { key, secret } = await credentials.createKey('pbx-1', 'ingest', BY);
    // cbk_<12 hex digits of id>_<43 base64url characters of 32 random bytes>
    expect(secret).toMatch(new RegExp(`^cbk_${key.id}_[A-Za-z0-9_-]{43}$`));
    expect(keys.insert).toHaveBeenCalledExactlyOnceWith({
      id: key.id,
      name: 'pbx-1',
      hash: sha256(secret),
      role: 'ingest',
      createdBy: 'admin',
    });
    expect(key).toEqual({
      id: key.id,
      name: 'pbx-1',
      role: 'ingest',
      createdAt: '2026-03-02T02:00:00.000Z',
      createdBy: 'admin',
      lastUsedAt: null,
      revokedAt: null,
    });
    expect(audit.record).toHaveBeenCalledExactlyOnceWith({
      action: 'key.created',
      actor: ADMIN,
      ip: '10.0.0.7',
      target: key.id,
      detail: { name: 'pbx-1', role: 'ingest' },
    });
  });

  it('revokes a key, forgets cached lookups at once and audits it', async () => {
    keys.revoke.mockResolvedValue(true);
    await credentials.revokeKey('k1', BY);
    expect(verifier.forget).toHaveBeenCalledOnce();
    expect(audit.record).toHaveBeenCalledExactlyOnceWith({ action: 'key.revoked', actor: ADMIN, ip: '10.0.0.7', target: 'k1' });
  });

  it('answers 404 for a key that is unknown or already revoked, and audits nothing', async () => {
    keys.revoke.mockResolvedValue(false);
    await expect(credentials.revokeKey('k1', BY)).rejects.toMatchObject({ status: 404, message: 'no active API key k1' });
    expect(verifier.forget).not.toHaveBeenCalled();
    expect(audit.record).not.toHaveBeenCalled();
  });
});

describe('kiosk tokens', () => {
  it('creates a token of a fixed scope, its secret shown once', async () => {
    const scope = { queues: ['general'], teams: null };
    const { token, secret } = await credentials.createKioskToken('Floor TV', scope, BY);
    expect(secret).toMatch(new RegExp(`^cbt_${token.id}_[A-Za-z0-9_-]{43}$`));
    expect(kioskTokens.insert).toHaveBeenCalledWith({ id: token.id, name: 'Floor TV', hash: sha256(secret), scope, createdBy: 'admin' });
    expect(token.scope).toEqual(scope);
    expect(audit.record).toHaveBeenCalledWith({
      action: 'kiosk.created',
      actor: ADMIN,
      ip: '10.0.0.7',
      target: token.id,
      detail: { name: 'Floor TV', scope },
    });
  });

  it('signs the displays of a revoked token out', async () => {
    kioskTokens.revoke.mockResolvedValue(true);
    await credentials.revokeKioskToken('t1', BY);
    expect(sessions.endKiosk).toHaveBeenCalledWith('t1');
    expect(audit.record).toHaveBeenCalledWith({ action: 'kiosk.revoked', actor: ADMIN, ip: '10.0.0.7', target: 't1' });
  });

  it('puts the secret in the fragment of the link, which browsers never send to a server', () => {
    expect(kioskUrl('https://board.example.com/', 'cbt_x')).toBe('https://board.example.com/kiosk#cbt_x');
    expect(kioskUrl('http://localhost:3000', 'cbt_x')).toBe('http://localhost:3000/kiosk#cbt_x');
  });
});

describe('kioskLink', () => {
  const forged = { protocol: 'http', host: 'evil.example' };

  it('comes from CALLBOARD_PUBLIC_URL when it is set, whatever Host says', () => {
    expect(kioskLink('cbt_x', forged, { publicUrl: 'https://board.example.com/' })).toBe('https://board.example.com/kiosk#cbt_x');
  });

  it('is relative when Host is not one of the allowed origins, or none are configured', () => {
    expect(kioskLink('cbt_x', forged, {})).toBe('/kiosk#cbt_x');
    expect(kioskLink('cbt_x', forged, { allowedOrigins: ['https://board.example.com'] })).toBe('/kiosk#cbt_x');
    expect(
      kioskLink('cbt_x', { protocol: 'https', host: 'board.example.com@evil.example' }, { allowedOrigins: ['https://board.example.com'] }),
    ).toBe('/kiosk#cbt_x');
    expect(kioskLink('cbt_x', { protocol: 'https', host: undefined }, { allowedOrigins: ['https://board.example.com'] })).toBe(
      '/kiosk#cbt_x',
    );
  });

  it('is absolute when the request came to an allowed origin', () => {
    expect(kioskLink('cbt_x', { protocol: 'https', host: 'board.example.com' }, { allowedOrigins: ['https://board.example.com'] })).toBe(
      'https://board.example.com/kiosk#cbt_x',
    );
    // Same host over plain HTTP is another origin.
    expect(kioskLink('cbt_x', { protocol: 'http', host: 'board.example.com' }, { allowedOrigins: ['https://board.example.com'] })).toBe(
      '/kiosk#cbt_x',
    );
  });
});
