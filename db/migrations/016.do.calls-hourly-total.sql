-- Continuous aggregate on calls_15m: the center's counts per local hour, every queue
-- and call type together, one row an hour. Unfiltered trends read it as it is.
-- Alone in its file: a continuous aggregate cannot be created inside a transaction.
CREATE MATERIALIZED VIEW calls_hourly_total
WITH (timescaledb.continuous, timescaledb.materialized_only = false) AS
SELECT
  time_bucket(INTERVAL '1 hour', bucket, '{{center_tz}}') AS bucket,
  sum(offered)::bigint AS offered,
  sum(answered)::bigint AS answered,
  sum(answered_in_threshold)::bigint AS answered_in_threshold,
  sum(abandoned)::bigint AS abandoned,
  sum(abandoned_in_threshold)::bigint AS abandoned_in_threshold,
  sum(short_abandoned)::bigint AS short_abandoned,
  sum(timed_out)::bigint AS timed_out,
  sum(transferred_out)::bigint AS transferred_out,
  sum(handled)::bigint AS handled,
  sum(answered_wait_s) AS answered_wait_s,
  sum(abandoned_wait_s) AS abandoned_wait_s,
  sum(talk_s) AS talk_s,
  sum(hold_s) AS hold_s,
  sum(wrap_s) AS wrap_s,
  max(max_wait_s) AS max_wait_s
FROM calls_15m
GROUP BY 1
WITH NO DATA;
