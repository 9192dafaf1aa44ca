-- Agents' state intervals, derived from agent.state events: an interval runs
-- from one state change to the agent's next (ended_at NULL while current).
CREATE TABLE agent_states (
  agent_id   text        NOT NULL,
  started_at timestamptz NOT NULL,
  ended_at   timestamptz,
  state      text        NOT NULL,
  reason     text,
  name       text,
  team       text,
  event_id   text        NOT NULL,
  CONSTRAINT agent_states_pkey PRIMARY KEY (agent_id, started_at),
  CONSTRAINT agent_states_state_check CHECK (state IN ('offline', 'available', 'ringing', 'on_call', 'wrap_up', 'not_ready'))
);
SELECT create_hypertable('agent_states', by_range('started_at', INTERVAL '7 days'));
CREATE INDEX agent_states_open_idx ON agent_states (agent_id) WHERE ended_at IS NULL;
COMMENT ON TABLE agent_states IS 'Hypertable, one row per agent state interval in 7-day chunks by started_at; ended_at is NULL for the current state.';
