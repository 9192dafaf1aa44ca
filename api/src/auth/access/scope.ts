/**
 * Scope checks (SPEC §1): a supervisor or kiosk asking for a queue or team
 * outside its scope is refused with 403, never answered with an empty list.
 */
import { ApiError } from '../../common/errors.js';
import { type Scope, inScope } from './roles.js';

/** The first requested item outside the allowed list, if any. */
export function outsideScope(allowed: string[] | null, requested: readonly string[]): string | undefined {
  return requested.find((item) => !inScope(allowed, item));
}

/** Throws 403 naming the first queue or team outside the scope. */
export function assertInScope(scope: Scope, requested: { queues?: readonly string[]; teams?: readonly string[] }): void {
  const queue = outsideScope(scope.queues, requested.queues ?? []);
  if (queue !== undefined) throw new ApiError(403, 'FORBIDDEN', `queue "${queue}" is outside your scope`, 'queue');
  const team = outsideScope(scope.teams, requested.teams ?? []);
  if (team !== undefined) throw new ApiError(403, 'FORBIDDEN', `team "${team}" is outside your scope`, 'team');
}

/** Keeps the items of a list the scope allows. */
export function filterToScope<T>(allowed: string[] | null, items: readonly T[], key: (item: T) => string): T[] {
  return allowed === null ? [...items] : items.filter((item) => allowed.includes(key(item)));
}

/** Human summary for logs and the CLI: "all queues; teams team-a, team-b". */
export function describeScope(scope: Scope): string {
  const part = (list: string[] | null, noun: string) =>
    list === null ? `all ${noun}s` : list.length === 0 ? `no ${noun}s` : `${noun}s ${list.join(', ')}`;
  return `${part(scope.queues, 'queue')}; ${part(scope.teams, 'team')}`;
}
