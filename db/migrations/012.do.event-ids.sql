-- One row per event id (SPEC §2: the same id is stored once, whatever its ts).
-- `events` is a hypertable, whose unique keys must include the time column, so
-- (id, ts) cannot stop a resend of an id with another ts. The writer claims
-- each id here first (INSERT … ON CONFLICT DO NOTHING, one B-tree lookup) and
-- stores in `events` only the events whose id it claimed: the first occurrence
-- wins, later ones are duplicates. `ts` is the stored event's time; ids leave
-- with their events (the same 400 days as the events retention).
CREATE TABLE event_ids (
  id text        PRIMARY KEY,
  ts timestamptz NOT NULL
);
CREATE INDEX event_ids_ts_idx ON event_ids (ts);
COMMENT ON TABLE event_ids IS 'Plain table, one row per stored event id with the stored event''s ts; the writer claims an id here before storing the event, so an id is stored once.';

-- Ids stored before this table existed: the first ts of each.
INSERT INTO event_ids (id, ts) SELECT id, min(ts) FROM events GROUP BY id;

-- The ids of events the retention policy has dropped go too, once a day.
CREATE PROCEDURE purge_event_ids(job_id integer, config jsonb) LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM event_ids WHERE ts < now() - (config ->> 'drop_after')::interval;
END
$$;
SELECT add_job('purge_event_ids', INTERVAL '1 day', config => '{"drop_after": "400 days"}');
