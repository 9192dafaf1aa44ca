/**
 * Rows of the `agent_states` hypertable as the repositories that read
 * intervals back (the writer, the live engine's start-up) turn them into the
 * calls core's `AgentInterval`.
 */
import type { AgentInterval } from '../calls/agent-intervals.js';

export const AGENT_STATE_COLUMNS = 'agent_id, started_at, ended_at, state, reason, name, team, event_id';

export interface AgentStateRow {
  agent_id: string;
  started_at: Date;
  ended_at: Date | null;
  state: AgentInterval['state'];
  reason: string | null;
  name: string | null;
  team: string | null;
  event_id: string;
}

export const agentIntervalOf = (x: AgentStateRow): AgentInterval => ({
  agentId: x.agent_id,
  startedAt: x.started_at,
  endedAt: x.ended_at,
  state: x.state,
  reason: x.reason,
  name: x.name,
  team: x.team,
  eventId: x.event_id,
});
