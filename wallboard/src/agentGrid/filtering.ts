/**
 * The agent grid's filters: the search box (every word in the name, team or
 * id), and the state chips (logged-in states picked, none picked showing them
 * all; logged-out agents only with their own chip pressed).
 */
import type { AgentStateName } from '@callboard/api/wire';
import { LOGGED_IN_STATES, STATES, fold, type AgentRow } from './rows';

export interface StateFilter {
  /** Logged-in states picked with the chips. */
  picked: readonly AgentStateName[];
  showOffline: boolean;
}

export const searchWords = (search: string): string[] => fold(search).split(/\s+/).filter(Boolean);

export function matchingSearch(rows: AgentRow[], words: readonly string[]): AgentRow[] {
  return words.length === 0 ? rows : rows.filter((r) => words.every((w) => r.haystack.includes(w)));
}

/** Agents per state among `rows`: what each chip would show. */
export function stateCounts(rows: readonly AgentRow[]): Record<AgentStateName, number> {
  const counts = Object.fromEntries(STATES.map((s) => [s, 0])) as Record<AgentStateName, number>;
  for (const r of rows) counts[r.agent.state] = (counts[r.agent.state] ?? 0) + 1;
  return counts;
}

/** The states whose agents are listed; a wall screen (`compact`) lists every logged-in agent. */
export function shownStates(filter: StateFilter, compact: boolean): ReadonlySet<string> {
  if (compact) return new Set<string>(LOGGED_IN_STATES);
  const states = new Set<string>(filter.picked.length > 0 ? filter.picked : LOGGED_IN_STATES);
  if (filter.showOffline) states.add('offline');
  return states;
}

/** A click on a state's chip. */
export function toggleState(filter: StateFilter, state: AgentStateName): StateFilter {
  if (state === 'offline') return { ...filter, showOffline: !filter.showOffline };
  const picked = filter.picked.includes(state) ? filter.picked.filter((s) => s !== state) : [...filter.picked, state];
  return { ...filter, picked };
}

export const isPicked = (filter: StateFilter, state: AgentStateName) =>
  state === 'offline' ? filter.showOffline : filter.picked.includes(state);
