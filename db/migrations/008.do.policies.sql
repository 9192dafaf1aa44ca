-- Comments, refresh, compression and retention. On a TimescaleDB server the
-- background workers run these jobs; the embedded database has none, so the app
-- runs them on its own timer (CALL run_job).
COMMENT ON VIEW calls_15m IS 'Continuous aggregate of calls per 15-minute bucket in the center time zone, queue and call type: raw counts, sums of wait/talk/hold/wrap seconds, max wait and a cumulative wait histogram.';
COMMENT ON VIEW calls_hourly IS 'Continuous aggregate of calls_15m per local hour, queue and call type.';
COMMENT ON VIEW calls_daily IS 'Continuous aggregate of calls_hourly per local day, queue and call type.';

-- Late events rewrite calls up to a few days back; the windows cover that, and
-- real-time aggregation (materialized_only = false) shows the newest buckets.
SELECT add_continuous_aggregate_policy('calls_15m', start_offset => INTERVAL '3 days', end_offset => INTERVAL '15 minutes', schedule_interval => INTERVAL '1 minute');
SELECT add_continuous_aggregate_policy('calls_hourly', start_offset => INTERVAL '7 days', end_offset => INTERVAL '1 hour', schedule_interval => INTERVAL '5 minutes');
SELECT add_continuous_aggregate_policy('calls_daily', start_offset => INTERVAL '35 days', end_offset => INTERVAL '1 day', schedule_interval => INTERVAL '1 hour');

ALTER TABLE events SET (timescaledb.compress, timescaledb.compress_segmentby = 'type', timescaledb.compress_orderby = 'ts DESC');
SELECT add_compression_policy('events', compress_after => INTERVAL '14 days');
ALTER TABLE calls SET (timescaledb.compress, timescaledb.compress_segmentby = 'queue', timescaledb.compress_orderby = 'offered_at DESC');
SELECT add_compression_policy('calls', compress_after => INTERVAL '35 days');
ALTER TABLE agent_states SET (timescaledb.compress, timescaledb.compress_segmentby = 'agent_id', timescaledb.compress_orderby = 'started_at DESC');
SELECT add_compression_policy('agent_states', compress_after => INTERVAL '35 days');

-- Raw events are kept 400 days (13 months of QA evidence plus margin); calls,
-- agent states and the aggregates are kept: they are what trends read.
SELECT add_retention_policy('events', drop_after => INTERVAL '400 days');
