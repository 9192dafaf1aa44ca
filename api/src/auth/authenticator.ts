/** Turns the credentials of a request or socket into a principal: an API key, or a session token. */
import { Inject, Injectable } from '@nestjs/common';
import { ALL_SCOPE } from './access.js';
import { ApiKeyVerifier } from './api-keys.js';
import type { Principal } from './principal.js';
import { type SessionCheck, SessionsService } from './sessions.service.js';

@Injectable()
export class Authenticator {
  constructor(
    private readonly sessions: SessionsService,
    @Inject(ApiKeyVerifier) private readonly keys: ApiKeyVerifier,
  ) {}

  /** An API key's principal, or null when the key is unknown or revoked. */
  async fromApiKey(secret: string): Promise<Principal | null> {
    const key = await this.keys.verify(secret);
    return key ? { kind: 'key', id: key.id, name: key.name, role: key.role, scope: ALL_SCOPE } : null;
  }

  fromSessionToken(token: string, opts?: { fresh?: boolean }): Promise<SessionCheck> {
    return this.sessions.check(token, opts);
  }
}

/** `Authorization: Bearer <secret>` → the secret; undefined when absent; null when malformed. */
export function bearerOf(header: string | undefined): string | null | undefined {
  if (header === undefined) return undefined;
  return /^Bearer\s+(\S+)$/i.exec(header)?.[1] ?? null;
}
