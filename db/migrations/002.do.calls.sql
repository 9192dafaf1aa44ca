-- One row per call per queue ("leg"), rebuilt by the writer's state machine from
-- all events of the call whenever one arrives, so late and reordered events end
-- in the same row as punctual ones. A call belongs to the interval in which it
-- was offered (SPEC §3), hence the partitioning on offered_at.
CREATE TABLE calls (
  call_id                text        NOT NULL,
  queue                  text        NOT NULL,
  offered_at             timestamptz NOT NULL,
  call_type              text        NOT NULL,
  caller_masked          text,
  channel                text,
  agent_id               text,
  answered_at            timestamptz,
  ended_at               timestamptz,
  ended_by               text,
  outcome                text        NOT NULL,
  wait_s                 double precision,
  talk_s                 double precision,
  hold_s                 double precision NOT NULL DEFAULT 0,
  hold_count             integer     NOT NULL DEFAULT 0,
  wrap_s                 double precision,
  ring_count             integer     NOT NULL DEFAULT 0,
  answered_in_threshold  boolean     NOT NULL DEFAULT false,
  abandoned_in_threshold boolean     NOT NULL DEFAULT false,
  short_abandon          boolean     NOT NULL DEFAULT false,
  -- The rules in force when the call was offered: changing a queue's settings never rewrites history.
  sl_threshold_s         double precision NOT NULL,
  short_abandon_s        double precision NOT NULL,
  category               text,
  summary                text,
  transferred            boolean     NOT NULL DEFAULT false,
  transfer_target        text,
  recording_url          text,
  recording_duration_s   double precision,
  updated_at             timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT calls_pkey PRIMARY KEY (call_id, queue, offered_at),
  CONSTRAINT calls_outcome_check CHECK (outcome IN ('waiting', 'ringing', 'answered', 'abandoned', 'timed_out', 'transferred_out'))
);
SELECT create_hypertable('calls', by_range('offered_at', INTERVAL '7 days'));
CREATE INDEX calls_queue_idx ON calls (queue, offered_at DESC);
CREATE INDEX calls_agent_idx ON calls (agent_id, offered_at DESC) WHERE agent_id IS NOT NULL;
CREATE INDEX calls_open_idx ON calls (offered_at) WHERE outcome IN ('waiting', 'ringing');
COMMENT ON TABLE calls IS 'Hypertable, one row per call per queue (leg) in 7-day chunks by offered_at; times in UTC, durations in seconds; sl_threshold_s and short_abandon_s are the rules in force at offer time.';
