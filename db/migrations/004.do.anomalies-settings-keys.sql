-- What the writer could not place (SPEC §2: recorded, never silently dropped),
-- the per-queue rules with their history, ingest keys, and instance settings.
CREATE TABLE ingest_anomalies (
  id          bigserial   PRIMARY KEY,
  subject     text        NOT NULL,
  event_id    text        NOT NULL,
  reason      text        NOT NULL,
  detected_at timestamptz NOT NULL DEFAULT now(),
  resolved_at timestamptz,
  CONSTRAINT ingest_anomalies_subject_event_reason_key UNIQUE (subject, event_id, reason)
);
CREATE INDEX ingest_anomalies_open_idx ON ingest_anomalies (subject) WHERE resolved_at IS NULL;
COMMENT ON TABLE ingest_anomalies IS 'Events the call state machine could not place, with the reason; resolved_at is set once a later event makes them placeable.';

-- rings × ring_cycle_s is the three-ring threshold (SPEC §3). The row with the
-- latest effective_from at or before a call's offer applies; queue '*' is the default.
CREATE TABLE queue_rules (
  queue           text        NOT NULL,
  effective_from  timestamptz NOT NULL,
  rings           integer     NOT NULL CHECK (rings > 0),
  ring_cycle_s    double precision NOT NULL CHECK (ring_cycle_s > 0),
  short_abandon_s double precision NOT NULL CHECK (short_abandon_s >= 0),
  PRIMARY KEY (queue, effective_from)
);
INSERT INTO queue_rules (queue, effective_from, rings, ring_cycle_s, short_abandon_s)
VALUES ('*', '-infinity', 3, 5, 5);
COMMENT ON TABLE queue_rules IS 'Service-level rules per queue with their history; queue * is the default for every queue.';

CREATE TABLE ingest_keys (
  id           text        PRIMARY KEY,
  name         text        NOT NULL,
  key_hash     text        NOT NULL UNIQUE,
  created_at   timestamptz NOT NULL DEFAULT now(),
  last_used_at timestamptz,
  revoked_at   timestamptz
);
COMMENT ON TABLE ingest_keys IS 'API keys that may only post events; only a SHA-256 hash of each key is stored.';

CREATE TABLE settings (
  key   text PRIMARY KEY,
  value jsonb NOT NULL
);
COMMENT ON TABLE settings IS 'Instance settings, e.g. center_tz: the time zone the continuous aggregates were built with.';
