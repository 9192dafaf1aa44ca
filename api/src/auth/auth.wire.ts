/** Shapes of the auth, users, keys, kiosk-token and audit endpoints. */
import type { Capability, KeyRole, Role, Scope, UserRole } from './access.js';

/** `GET /api/v1/auth/session`, and the answer to a login or kiosk sign-in. */
export interface SessionInfo {
  kind: 'user' | 'kiosk';
  role: Role;
  /** The scope in force (admins and managers: everything). */
  scope: Scope;
  capabilities: Capability[];
  /** The center's time zone (CALLBOARD_TZ): every time on screen is shown in it. */
  tz: string;
  /** Send as `X-CSRF-Token` with every POST, PATCH, PUT and DELETE. */
  csrfToken: string;
  /** When the session ends unless used again (each use extends it, up to `absoluteExpiresAt`). */
  expiresAt: string;
  /** The latest the session can last (a kiosk session: null, until its token is revoked). */
  absoluteExpiresAt: string | null;
  user: { id: string; username: string; displayName: string; role: UserRole; agentId: string | null } | null;
  kiosk: { id: string; name: string } | null;
}

export interface LoginRequest {
  username: string;
  password: string;
}

export interface KioskSignInRequest {
  token: string;
}

export interface ChangePasswordRequest {
  currentPassword: string;
  newPassword: string;
}

export interface UserView {
  id: string;
  username: string;
  displayName: string;
  role: UserRole;
  scope: Scope;
  /** The agent this user is, for the `agent` role (their own QA results). */
  agentId: string | null;
  createdAt: string;
  lastLoginAt: string | null;
  disabledAt: string | null;
}

export interface CreateUserRequest {
  username: string;
  password: string;
  role: UserRole;
  displayName?: string;
  scope?: Scope;
  agentId?: string | null;
}

/** Every field optional; `disabled: true` disables the user and ends their sessions. */
export interface UpdateUserRequest {
  displayName?: string;
  role?: UserRole;
  scope?: Scope;
  agentId?: string | null;
  password?: string;
  disabled?: boolean;
}

export interface ApiKeyView {
  id: string;
  name: string;
  role: KeyRole;
  createdAt: string;
  createdBy: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export interface CreateApiKeyRequest {
  name: string;
  /** Default `ingest`. */
  role?: KeyRole;
}

/** `POST /api/v1/keys`: the secret is shown this once. */
export interface CreatedApiKey {
  key: ApiKeyView;
  secret: string;
}

export interface KioskTokenView {
  id: string;
  name: string;
  scope: Scope;
  createdAt: string;
  createdBy: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

/** `POST /api/v1/kiosk-tokens`: the URL (holding the secret) is shown this once. */
export interface CreatedKioskToken {
  token: KioskTokenView;
  secret: string;
  url: string;
}

export type AuditOutcome = 'ok' | 'denied' | 'failed';

export interface AuditEntry {
  ts: string;
  action: string;
  outcome: AuditOutcome;
  actorKind: 'user' | 'kiosk' | 'key' | 'anonymous' | 'system';
  actorId: string | null;
  actorName: string | null;
  target: string | null;
  ip: string | null;
  detail: Record<string, unknown>;
}

/** `GET /api/v1/audit`: newest first; pass `next` as `before` for the following page. */
export interface AuditPage {
  entries: AuditEntry[];
  next: string | null;
}

/** `GET /api/v1/scopes`: queues and teams seen in the data, for scope pickers. */
export interface KnownScopes {
  queues: string[];
  teams: string[];
}
