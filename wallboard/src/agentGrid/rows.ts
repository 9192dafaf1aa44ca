/**
 * The agent grid's rows: each agent with its start of state parsed once per
 * change of the agents (not once per tick), and whether it is past or nearing
 * its not-ready limit on the server's clock (SPEC §4).
 */
import { AT_RISK_SHARE, type AgentStateName, type LiveAgent } from '@callboard/api/wire';

/**
 * Order of states in the chips and when sorting by state: the path of a call
 * through an agent's day, logged-out agents last.
 */
export const STATES = ['available', 'ringing', 'on_call', 'wrap_up', 'not_ready', 'offline'] as const satisfies readonly AgentStateName[];
export const LOGGED_IN_STATES: readonly AgentStateName[] = STATES.filter((s) => s !== 'offline');
const STATE_RANK: Record<string, number> = Object.fromEntries(STATES.map((s, i) => [s, i]));

export const isState = (v: unknown): v is AgentStateName => (STATES as readonly unknown[]).includes(v);

export interface AgentRow {
  agent: LiveAgent;
  /** Start of the state; NaN when unreadable. */
  sinceMs: number;
  /** Position of the state in `STATES`; an unknown state after them all. */
  rank: number;
  /** Name, team and id, folded for matching the search box. */
  haystack: string;
}

/** Folded for matching: full-width letters as ASCII, case ignored. */
export const fold = (text: string) => text.normalize('NFKC').toLocaleLowerCase();

export function agentRows(agents: readonly LiveAgent[]): AgentRow[] {
  return agents.map((agent) => ({
    agent,
    sinceMs: Date.parse(agent.since),
    rank: STATE_RANK[agent.state] ?? STATES.length,
    haystack: fold(`${agent.name}\n${agent.team ?? ''}\n${agent.agentId}`),
  }));
}

/** Time in the state at `nowMs`, never negative; null when the start is unreadable. */
export const elapsedMs = (row: AgentRow, nowMs: number) => (Number.isNaN(row.sinceMs) ? null : Math.max(0, nowMs - row.sinceMs));

export function isOverrun(row: AgentRow, nowMs: number): boolean {
  if (row.agent.overrun) return true;
  const { state, limitS } = row.agent;
  const elapsed = elapsedMs(row, nowMs);
  // Between patches the limit can pass on the wall screen's clock before the server says so.
  return state === 'not_ready' && limitS !== null && elapsed !== null && elapsed > limitS * 1000;
}

/** Not ready for at least `1 − AT_RISK_SHARE` of the limit (the same share as the engine's deadlines); overruns included. */
export function isAtRisk(row: AgentRow, nowMs: number): boolean {
  const { state, limitS } = row.agent;
  const elapsed = elapsedMs(row, nowMs);
  return state === 'not_ready' && limitS !== null && limitS > 0 && elapsed !== null && elapsed >= limitS * 1000 * (1 - AT_RISK_SHARE);
}

/**
 * The ids of the rows that pass `test`, as one string: recomputed every tick,
 * but a computed whose value is unchanged does not wake what reads it, so the
 * list is only re-sorted when somebody actually crosses a limit.
 */
export const idsKey = (rows: readonly AgentRow[], test: (row: AgentRow) => boolean) =>
  rows
    .filter(test)
    .map((r) => r.agent.agentId)
    .join('\n');

export const idsOfKey = (key: string): ReadonlySet<string> => new Set(key === '' ? [] : key.split('\n'));
