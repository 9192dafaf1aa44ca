/** Administration: users, API keys, kiosk display tokens, the audit log and known scopes. */
import type {
  ApiKeyView,
  AuditOutcome,
  AuditPage,
  CreateApiKeyRequest,
  CreateUserRequest,
  CreatedApiKey,
  CreatedKioskToken,
  KioskTokenView,
  KnownScopes,
  Scope,
  UpdateUserRequest,
  UserView,
} from '@callboard/api/wire';
import { http } from './http';

export type {
  ApiKeyView,
  AuditEntry,
  AuditOutcome,
  AuditPage,
  CreateApiKeyRequest,
  CreateUserRequest,
  CreatedApiKey,
  CreatedKioskToken,
  KeyRole,
  KioskTokenView,
  KnownScopes,
  UpdateUserRequest,
  UserView,
} from '@callboard/api/wire';

export const fetchUsers = async () => (await http.get<{ users: UserView[] }>('/api/v1/users')).users;

export const createUser = (body: CreateUserRequest) => http.post<UserView>('/api/v1/users', body);

export const updateUser = (id: string, body: UpdateUserRequest) => http.patch<UserView>(`/api/v1/users/${encodeURIComponent(id)}`, body);

export const fetchApiKeys = async () => (await http.get<{ keys: ApiKeyView[] }>('/api/v1/keys')).keys;

export const createApiKey = (request: CreateApiKeyRequest) => http.post<CreatedApiKey>('/api/v1/keys', request);

export const revokeApiKey = (id: string) => http.delete(`/api/v1/keys/${encodeURIComponent(id)}`);

export const fetchKioskTokens = async () => (await http.get<{ tokens: KioskTokenView[] }>('/api/v1/kiosk-tokens')).tokens;

export const createKioskToken = (name: string, scope: Scope) => http.post<CreatedKioskToken>('/api/v1/kiosk-tokens', { name, scope });

export const revokeKioskToken = (id: string) => http.delete(`/api/v1/kiosk-tokens/${encodeURIComponent(id)}`);

export const fetchKnownScopes = () => http.get<KnownScopes>('/api/v1/scopes');

/** Filters of `GET /api/v1/audit`; `from` and `to` are instants (ISO 8601). */
export interface AuditQuery {
  from?: string;
  to?: string;
  action?: string;
  actor?: string;
  outcome?: AuditOutcome;
  limit?: number;
  /** The `next` cursor of the previous page. */
  before?: string;
}

export const fetchAudit = (query: AuditQuery) => http.get<AuditPage>('/api/v1/audit', { ...query });
