-- Continuous aggregate on calls_hourly: the same counts per local day (buckets start at the center's midnight).
-- Alone in its file: a continuous aggregate cannot be created inside a transaction.
CREATE MATERIALIZED VIEW calls_daily
WITH (timescaledb.continuous, timescaledb.materialized_only = false) AS
SELECT
  time_bucket(INTERVAL '1 day', bucket, '{{center_tz}}') AS bucket,
  queue,
  call_type,
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
  sum(answered_wait_le_5)::bigint AS answered_wait_le_5,
  sum(answered_wait_le_10)::bigint AS answered_wait_le_10,
  sum(answered_wait_le_15)::bigint AS answered_wait_le_15,
  sum(answered_wait_le_20)::bigint AS answered_wait_le_20,
  sum(answered_wait_le_30)::bigint AS answered_wait_le_30,
  sum(answered_wait_le_45)::bigint AS answered_wait_le_45,
  sum(answered_wait_le_60)::bigint AS answered_wait_le_60,
  sum(answered_wait_le_90)::bigint AS answered_wait_le_90,
  sum(answered_wait_le_120)::bigint AS answered_wait_le_120,
  sum(answered_wait_le_180)::bigint AS answered_wait_le_180,
  sum(answered_wait_le_300)::bigint AS answered_wait_le_300,
  sum(abandoned_wait_le_5)::bigint AS abandoned_wait_le_5,
  sum(abandoned_wait_le_10)::bigint AS abandoned_wait_le_10,
  sum(abandoned_wait_le_15)::bigint AS abandoned_wait_le_15,
  sum(abandoned_wait_le_20)::bigint AS abandoned_wait_le_20,
  sum(abandoned_wait_le_30)::bigint AS abandoned_wait_le_30,
  sum(abandoned_wait_le_45)::bigint AS abandoned_wait_le_45,
  sum(abandoned_wait_le_60)::bigint AS abandoned_wait_le_60,
  sum(abandoned_wait_le_90)::bigint AS abandoned_wait_le_90,
  sum(abandoned_wait_le_120)::bigint AS abandoned_wait_le_120,
  sum(abandoned_wait_le_180)::bigint AS abandoned_wait_le_180,
  sum(abandoned_wait_le_300)::bigint AS abandoned_wait_le_300,
  max(max_wait_s) AS max_wait_s
FROM calls_hourly
GROUP BY 1, 2, 3
WITH NO DATA;
