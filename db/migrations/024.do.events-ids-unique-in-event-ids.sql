-- An event id is stored once through `event_ids` (012): the writer claims each
-- id there (a plain table, unique on id alone) and stores in `events` only the
-- events whose id it claimed, in the same transaction. The hypertable's own
-- unique key on (id, ts) could never stop a resend with another ts, and
-- checking it cost every stored event a probe into a per-chunk B-tree of
-- random text keys: the dearest step of storing an event. `event_ids` is the
-- one place that says which ids are stored.
ALTER TABLE events DROP CONSTRAINT events_id_ts_key;
COMMENT ON TABLE events IS 'Hypertable, one row per accepted canonical event (SPEC §2), partitioned by event time in 1-day chunks; each id once, as claimed in event_ids.';
