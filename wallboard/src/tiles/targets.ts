/**
 * One target for several queues shown together (a wallboard of a whole team,
 * the "all queues" totals).
 */
import type { LiveQueue } from '@callboard/api/wire';

export interface ScopeTarget {
  target: number;
  /** The queues' targets differ: `target` is their offered-weighted mean. */
  mixed: boolean;
}

/**
 * The three-ring target of queues shown together. When their targets differ,
 * each counts by today's offered calls, as a busy queue weighs more in the
 * pooled rate than a quiet one. Before any call is offered, every queue weighs
 * the same. Null for no queues.
 */
export function scopeSlTarget(queues: readonly Pick<LiveQueue, 'rules' | 'today'>[]): ScopeTarget | null {
  const first = queues[0];
  if (!first) return null;
  if (queues.every((q) => q.rules.slTarget === first.rules.slTarget)) {
    return { target: first.rules.slTarget, mixed: false };
  }
  const offered = queues.reduce((sum, q) => sum + q.today.offered, 0);
  const weighted =
    offered > 0
      ? queues.reduce((sum, q) => sum + q.rules.slTarget * q.today.offered, 0) / offered
      : queues.reduce((sum, q) => sum + q.rules.slTarget, 0) / queues.length;
  return { target: weighted, mixed: true };
}
