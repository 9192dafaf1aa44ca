/**
 * The agent grid's sort and filters, kept for the browser tab
 * (`sessionStorage`), so a reload or a trip to another page keeps them.
 * Storage can hold anything (older versions, edits by hand): only what is
 * valid is read back.
 */
import type { AgentStateName } from '@callboard/api/wire';
import { isState } from './rows';
import { isColumn, type Sort } from './sorting';

export const CONTROLS_KEY = 'callboard.agentGrid';

export interface GridControls {
  /** null: the supervisor's order. */
  sort: Sort | null;
  /** Logged-in states picked with the chips. */
  states: AgentStateName[];
  showOffline: boolean;
  search: string;
}

export const NO_CONTROLS: GridControls = { sort: null, states: [], showOffline: false, search: '' };

export function parseControls(raw: unknown): GridControls {
  if (typeof raw !== 'object' || raw === null) return NO_CONTROLS;
  const saved = raw as Partial<Record<keyof GridControls, unknown>>;
  const sort = saved.sort as Partial<Sort> | null | undefined;
  return {
    sort:
      typeof sort === 'object' && sort !== null && isColumn(sort.column) && (sort.direction === 'asc' || sort.direction === 'desc')
        ? { column: sort.column, direction: sort.direction }
        : null,
    states: Array.isArray(saved.states) ? saved.states.filter((s): s is AgentStateName => isState(s) && s !== 'offline') : [],
    showOffline: saved.showOffline === true,
    search: typeof saved.search === 'string' ? saved.search : '',
  };
}

export function loadControls(storage: Storage | undefined = globalThis.sessionStorage): GridControls {
  try {
    const raw = storage?.getItem(CONTROLS_KEY);
    return parseControls(raw ? JSON.parse(raw) : null);
  } catch {
    return NO_CONTROLS;
  }
}

export function saveControls(controls: GridControls, storage: Storage | undefined = globalThis.sessionStorage): void {
  try {
    storage?.setItem(CONTROLS_KEY, JSON.stringify(controls));
  } catch {
    // Storage refused (privacy mode): the controls then last as long as the page.
  }
}
