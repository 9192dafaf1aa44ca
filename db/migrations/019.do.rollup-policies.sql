-- The roll-ups without call type (per queue) and without queue (the center):
-- refreshed on the windows of their call-type siblings (see 008).
COMMENT ON VIEW calls_hourly_queue IS 'Continuous aggregate of calls_15m per local hour and queue (every call type): raw counts and sums of wait/talk/hold/wrap seconds.';
COMMENT ON VIEW calls_hourly_total IS 'Continuous aggregate of calls_15m per local hour for the whole center: raw counts and sums of wait/talk/hold/wrap seconds.';
COMMENT ON VIEW calls_daily_queue IS 'Continuous aggregate of calls_hourly_queue per local day and queue.';
COMMENT ON VIEW calls_daily_total IS 'Continuous aggregate of calls_hourly_total per local day for the whole center.';
SELECT add_continuous_aggregate_policy('calls_hourly_queue', start_offset => INTERVAL '7 days', end_offset => INTERVAL '1 hour', schedule_interval => INTERVAL '5 minutes');
SELECT add_continuous_aggregate_policy('calls_hourly_total', start_offset => INTERVAL '7 days', end_offset => INTERVAL '1 hour', schedule_interval => INTERVAL '5 minutes');
SELECT add_continuous_aggregate_policy('calls_daily_queue', start_offset => INTERVAL '35 days', end_offset => INTERVAL '1 day', schedule_interval => INTERVAL '1 hour');
SELECT add_continuous_aggregate_policy('calls_daily_total', start_offset => INTERVAL '35 days', end_offset => INTERVAL '1 day', schedule_interval => INTERVAL '1 hour');
