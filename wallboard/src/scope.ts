import type { Role, Scope } from '@callboard/api/wire';

/**
 * Roles whose stored scope limits what they see, and roles that see everything
 * whatever is stored (as in the API's `auth/access/roles.ts`). For the other roles a
 * scope has no meaning.
 */
export const SCOPED_ROLES: readonly Role[] = ['supervisor', 'kiosk'];
export const UNSCOPED_ROLES: readonly Role[] = ['admin', 'manager'];

export const ALL_SCOPE: Scope = { queues: null, teams: null };

export type ScopeSummary =
  { kind: 'everything' } | { kind: 'notApplicable' } | { kind: 'limited'; queues: string[] | null; teams: string[] | null };

export function summarizeScope(role: Role, scope: Scope): ScopeSummary {
  if (UNSCOPED_ROLES.includes(role)) return { kind: 'everything' };
  if (!SCOPED_ROLES.includes(role)) return { kind: 'notApplicable' };
  if (scope.queues === null && scope.teams === null) return { kind: 'everything' };
  return { kind: 'limited', queues: scope.queues, teams: scope.teams };
}
