import { defineStore } from 'pinia';
import { shallowRef } from 'vue';
import * as api from '../api/admin';
import type {
  ApiKeyView,
  AuditEntry,
  AuditQuery,
  CreateApiKeyRequest,
  CreateUserRequest,
  CreatedApiKey,
  CreatedKioskToken,
  KioskTokenView,
  KnownScopes,
  UpdateUserRequest,
  UserView,
} from '../api/admin';
import type { Scope } from '../api/auth';

/**
 * What the administration pages show, as the server last answered: users, API
 * keys, kiosk display tokens, the loaded part of the audit log, and the queues
 * and teams known for scope pickers. Actions reject with the server's
 * `ApiError`; the pages show it.
 */
export const useAdminStore = defineStore('admin', () => {
  const users = shallowRef<UserView[]>([]);
  const apiKeys = shallowRef<ApiKeyView[]>([]);
  const kioskTokens = shallowRef<KioskTokenView[]>([]);
  const knownScopes = shallowRef<KnownScopes>({ queues: [], teams: [] });
  const audit = shallowRef<AuditEntry[]>([]);
  /** Cursor for the next older page of the audit log; `null` at its start. */
  const auditNext = shallowRef<string | null>(null);
  let auditQuery: AuditQuery = {};

  async function loadUsers(): Promise<void> {
    users.value = await api.fetchUsers();
  }

  async function createUser(request: CreateUserRequest): Promise<UserView> {
    const user = await api.createUser(request);
    users.value = [...users.value, user];
    return user;
  }

  async function updateUser(id: string, request: UpdateUserRequest): Promise<UserView> {
    const user = await api.updateUser(id, request);
    users.value = users.value.map((existing) => (existing.id === id ? user : existing));
    return user;
  }

  async function loadApiKeys(): Promise<void> {
    apiKeys.value = await api.fetchApiKeys();
  }

  async function createApiKey(request: CreateApiKeyRequest): Promise<CreatedApiKey> {
    const created = await api.createApiKey(request);
    apiKeys.value = [...apiKeys.value, created.key];
    return created;
  }

  /** Revokes, then reloads: the server keeps the key, with the time it was revoked. */
  async function revokeApiKey(id: string): Promise<void> {
    await api.revokeApiKey(id);
    await loadApiKeys();
  }

  async function loadKioskTokens(): Promise<void> {
    kioskTokens.value = await api.fetchKioskTokens();
  }

  async function createKioskToken(name: string, scope: Scope): Promise<CreatedKioskToken> {
    const created = await api.createKioskToken(name, scope);
    kioskTokens.value = [...kioskTokens.value, created.token];
    return created;
  }

  async function revokeKioskToken(id: string): Promise<void> {
    await api.revokeKioskToken(id);
    await loadKioskTokens();
  }

  async function loadKnownScopes(): Promise<void> {
    knownScopes.value = await api.fetchKnownScopes();
  }

  /** The newest entries matching `query`, replacing what was loaded. */
  async function loadAudit(query: AuditQuery): Promise<void> {
    const page = await api.fetchAudit(query);
    auditQuery = query;
    audit.value = page.entries;
    auditNext.value = page.next;
  }

  /** The next older page of the same query, after the entries already shown. */
  async function loadOlderAudit(): Promise<void> {
    if (auditNext.value === null) return;
    const page = await api.fetchAudit({ ...auditQuery, before: auditNext.value });
    audit.value = [...audit.value, ...page.entries];
    auditNext.value = page.next;
  }

  /** Forgets everything, e.g. when someone else signs in on this screen. */
  function clear(): void {
    users.value = [];
    apiKeys.value = [];
    kioskTokens.value = [];
    knownScopes.value = { queues: [], teams: [] };
    audit.value = [];
    auditNext.value = null;
    auditQuery = {};
  }

  return {
    users,
    apiKeys,
    kioskTokens,
    knownScopes,
    audit,
    auditNext,
    loadUsers,
    createUser,
    updateUser,
    loadApiKeys,
    createApiKey,
    revokeApiKey,
    loadKioskTokens,
    createKioskToken,
    revokeKioskToken,
    loadKnownScopes,
    loadAudit,
    loadOlderAudit,
    clear,
  };
});
