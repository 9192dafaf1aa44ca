import type { ApiKeyView, AuditEntry, KioskTokenView, UserView } from '@callboard/api/wire';

export function userFixture(overrides: Partial<UserView> & Pick<UserView, 'username' | 'role'>): UserView {
  return {
    id: `u-${overrides.username}`,
    displayName: overrides.username,
    scope: { queues: null, teams: null },
    agentId: null,
    createdAt: '2025-03-01T01:00:00.000Z',
    lastLoginAt: null,
    disabledAt: null,
    ...overrides,
  };
}

export const USERS: UserView[] = [
  userFixture({ username: 'admin', role: 'admin', id: 'u-admin', displayName: 'Ada Admin', lastLoginAt: '2025-03-04T01:30:00.000Z' }),
  userFixture({
    username: 'sun',
    role: 'supervisor',
    displayName: 'Sun Li',
    scope: { queues: ['sales', 'vip'], teams: null },
    lastLoginAt: '2025-03-03T16:05:00.000Z', // 00:05 on 4 March in Shanghai
  }),
  userFixture({ username: 'wang', role: 'agent', displayName: 'Wang Fang', agentId: 'A-7', disabledAt: '2025-03-02T08:00:00.000Z' }),
  userFixture({ username: 'rui', role: 'qa_reviewer', displayName: 'Rui', scope: { queues: [], teams: [] } }),
];

export function keyFixture(overrides: Partial<ApiKeyView> & Pick<ApiKeyView, 'id' | 'name'>): ApiKeyView {
  return {
    role: 'ingest',
    createdAt: '2025-03-01T02:00:00.000Z',
    createdBy: 'u-admin',
    lastUsedAt: null,
    revokedAt: null,
    ...overrides,
  };
}

export function kioskTokenFixture(overrides: Partial<KioskTokenView> & Pick<KioskTokenView, 'id' | 'name'>): KioskTokenView {
  return {
    scope: { queues: null, teams: null },
    createdAt: '2025-03-01T02:00:00.000Z',
    createdBy: 'u-admin',
    lastUsedAt: null,
    revokedAt: null,
    ...overrides,
  };
}

export function auditFixture(overrides: Partial<AuditEntry> & Pick<AuditEntry, 'ts' | 'action'>): AuditEntry {
  return {
    outcome: 'ok',
    actorKind: 'user',
    actorId: 'u-admin',
    actorName: 'admin',
    target: null,
    ip: '10.0.0.5',
    detail: {},
    ...overrides,
  };
}
