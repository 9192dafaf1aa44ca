/**
 * The agent grid's orders: the supervisor's (overruns, then state, then the
 * longest in state) and one per column, ties broken by the supervisor's.
 * Everyone's time in state grows alike, so ordering by it is ordering by start.
 */
import type { AgentRow } from './rows';

export const COLUMNS = ['name', 'state', 'reason', 'time', 'handled'] as const;
export type Column = (typeof COLUMNS)[number];
export type Direction = 'asc' | 'desc';
export interface Sort {
  column: Column;
  direction: Direction;
}

export const isColumn = (v: unknown): v is Column => (COLUMNS as readonly unknown[]).includes(v);

/** The direction a first click gives: names A→Z, the longest in state and the busiest first. */
const FIRST_DIRECTION: Record<Column, Direction> = { name: 'asc', state: 'asc', reason: 'asc', time: 'desc', handled: 'desc' };

/** A click on a column's header: that column in its first direction, or the other way round. */
export function nextSort(sort: Sort | null, column: Column): Sort {
  return sort?.column === column
    ? { column, direction: sort.direction === 'asc' ? 'desc' : 'asc' }
    : { column, direction: FIRST_DIRECTION[column] };
}

export function ariaSort(sort: Sort | null, column: Column): 'ascending' | 'descending' | 'none' {
  if (sort?.column !== column) return 'none';
  return sort.direction === 'asc' ? 'ascending' : 'descending';
}

type Order = (a: AgentRow, b: AgentRow) => number;

/**
 * The comparator for `sort` (null: the supervisor's order). `collator` compares
 * names and reasons in the reader's language; `overrunIds` come first in the
 * supervisor's order.
 */
export function rowOrder(sort: Sort | null, collator: Intl.Collator, overrunIds: ReadonlySet<string>): Order {
  const byName: Order = (a, b) =>
    collator.compare(a.agent.name, b.agent.name) || (a.agent.agentId < b.agent.agentId ? -1 : a.agent.agentId > b.agent.agentId ? 1 : 0);

  /** Longest in state first; an unreadable start last. */
  const byLongest: Order = (a, b) => {
    const x = Number.isNaN(a.sinceMs) ? Infinity : a.sinceMs;
    const y = Number.isNaN(b.sinceMs) ? Infinity : b.sinceMs;
    return x === y ? 0 : x < y ? -1 : 1;
  };

  const supervisorOrder: Order = (a, b) => {
    const ao = overrunIds.has(a.agent.agentId) ? 0 : 1;
    const bo = overrunIds.has(b.agent.agentId) ? 0 : 1;
    return ao - bo || a.rank - b.rank || byLongest(a, b) || byName(a, b);
  };
  if (sort === null) return supervisorOrder;

  const ascending: Record<Column, Order> = {
    name: byName,
    state: (a, b) => a.rank - b.rank,
    reason: (a, b) => collator.compare(a.agent.reason ?? '', b.agent.reason ?? ''),
    // Less time in the state means a later start.
    time: (a, b) => byLongest(b, a),
    handled: (a, b) => a.agent.handledToday - b.agent.handledToday,
  };
  const column = ascending[sort.column];
  const sign = sort.direction === 'asc' ? 1 : -1;
  return (a, b) => {
    if (sort.column === 'reason' && (a.agent.reason === null) !== (b.agent.reason === null)) {
      // Agents without a reason go last whichever way the column is sorted.
      return a.agent.reason === null ? 1 : -1;
    }
    return sign * column(a, b) || supervisorOrder(a, b);
  };
}
