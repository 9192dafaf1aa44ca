-- Raw canonical events (SPEC §2), the database's durable copy of the event log.
-- Everything else in the schema is derived from these rows, so a replay of the
-- log (or a rebuild of the derived tables) only ever needs this table.
CREATE TABLE events (
  id          text        NOT NULL,
  ts          timestamptz NOT NULL,
  type        text        NOT NULL,
  source      text        NOT NULL,
  call_id     text,
  agent_id    text,
  queue       text,
  case_id     text,
  payload     jsonb       NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now(),
  -- A hypertable's unique keys must include its time column.
  CONSTRAINT events_id_ts_key UNIQUE (id, ts)
);
SELECT create_hypertable('events', by_range('ts', INTERVAL '1 day'));
CREATE INDEX events_call_idx ON events (call_id, ts) WHERE call_id IS NOT NULL;
CREATE INDEX events_agent_state_idx ON events (agent_id, ts) WHERE type = 'agent.state';
CREATE INDEX events_case_idx ON events (case_id, ts) WHERE case_id IS NOT NULL;
COMMENT ON TABLE events IS 'Hypertable, one row per accepted canonical event (SPEC §2), partitioned by event time in 1-day chunks; unique on (id, ts).';
