/**
 * Agents' state history as intervals (SPEC §2 `agent.state`), the input of
 * occupancy, not-ready overruns and the wrap-up time of a call (AHT, SPEC §3).
 *
 * Pure: the writer loads every `agent.state` event of the affected agents, calls
 * this and replaces those agents' rows (the live engine does the same in
 * memory), so late or out-of-order events simply re-run into the right history.
 */
import type { AgentStateName, EventOf } from '../events/event.schema.js';

export interface AgentInterval {
  agentId: string;
  startedAt: Date;
  /** The start of the agent's next interval; null while the agent is still in this state. */
  endedAt: Date | null;
  state: AgentStateName;
  reason: string | null;
  /** Display name and team as known at the interval's last event (see buildAgentIntervals). */
  name: string | null;
  team: string | null;
  /** The event that opened the interval: a stable key for upserts. */
  eventId: string;
}

/**
 * One interval per change of state, per agent, sorted by (agentId, startedAt).
 *
 * - Events are ordered by (agentId, instant, id): ts strings with different
 *   offsets compare by the instant they denote, and the id breaks ties so the
 *   result never depends on arrival order.
 * - A repeated state with the same reason (a phone re-announcing "available",
 *   a resend with a new id) does not cut the interval: the earlier start wins,
 *   otherwise occupancy and not-ready overruns would restart their clocks.
 * - name/team carry forward from the last event of the agent that had them; they
 *   are not copied backward onto intervals before the agent's first named event
 *   (those keep null — the wallboard falls back to the agent id).
 */
export function buildAgentIntervals(events: EventOf<'agent.state'>[]): AgentInterval[] {
  const held: HeldAgentEvent[] = [];
  for (const e of events) {
    if (e.type !== 'agent.state') continue;
    const p = e.payload;
    held.push({
      id: e.id,
      ms: Date.parse(e.ts),
      agentId: p.agentId,
      state: p.state,
      reason: p.reason ?? null,
      name: p.name ?? null,
      team: p.team ?? null,
    });
  }
  return buildAgentIntervalsFromHeld(held);
}

/** An `agent.state` event as the live engine holds it: the instant in epoch milliseconds, absent fields null. */
export interface HeldAgentEvent {
  id: string;
  ms: number;
  agentId: string;
  state: AgentStateName;
  reason: string | null;
  name: string | null;
  team: string | null;
}

/** `buildAgentIntervals` over held events: the same intervals for the same events. */
export function buildAgentIntervalsFromHeld(events: readonly HeldAgentEvent[]): AgentInterval[] {
  const items = [...events].sort((a, b) => cmp(a.agentId, b.agentId) || a.ms - b.ms || cmp(a.id, b.id));

  const out: AgentInterval[] = [];
  let agentId: string | null = null;
  let open: AgentInterval | null = null;
  let name: string | null = null;
  let team: string | null = null;
  let lastId: string | null = null;

  for (const e of items) {
    if (e.agentId !== agentId) {
      agentId = e.agentId;
      open = null;
      name = null;
      team = null;
      lastId = null;
    }
    // The same stored event handed over twice by the loader is one event.
    if (e.id === lastId) continue;
    lastId = e.id;

    name = e.name ?? name;
    team = e.team ?? team;

    if (open && open.state === e.state && open.reason === e.reason) {
      open.name = name;
      open.team = team;
      continue;
    }
    if (open) open.endedAt = new Date(e.ms);
    open = { agentId: e.agentId, startedAt: new Date(e.ms), endedAt: null, state: e.state, reason: e.reason, name, team, eventId: e.id };
    out.push(open);
  }
  return out;
}

/** Code-unit order, not locale order: the same on every server. */
function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
