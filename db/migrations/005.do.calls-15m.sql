-- Continuous aggregate: calls by 15-minute bucket (local time of the center), queue
-- and call type, with the raw counts every rate of SPEC §3 is computed from and a
-- cumulative wait histogram (answered / abandoned within N seconds) so any
-- service-level threshold up to 300 s can be shown side by side.
-- {{center_tz}} is replaced by the center's time zone when migrations run.
-- Alone in its file: a continuous aggregate cannot be created inside a transaction.
CREATE MATERIALIZED VIEW calls_15m
WITH (timescaledb.continuous, timescaledb.materialized_only = false) AS
SELECT
  time_bucket(INTERVAL '15 minutes', offered_at, '{{center_tz}}') AS bucket,
  queue,
  call_type,
  count(*)                                                         AS offered,
  count(*) FILTER (WHERE answered_at IS NOT NULL)                  AS answered,
  count(*) FILTER (WHERE answered_in_threshold)                    AS answered_in_threshold,
  count(*) FILTER (WHERE outcome = 'abandoned')                    AS abandoned,
  count(*) FILTER (WHERE abandoned_in_threshold)                   AS abandoned_in_threshold,
  count(*) FILTER (WHERE short_abandon)                            AS short_abandoned,
  count(*) FILTER (WHERE outcome = 'timed_out')                    AS timed_out,
  count(*) FILTER (WHERE outcome = 'transferred_out')              AS transferred_out,
  count(*) FILTER (WHERE answered_at IS NOT NULL AND ended_at IS NOT NULL) AS handled,
  coalesce(sum(wait_s) FILTER (WHERE answered_at IS NOT NULL), 0)  AS answered_wait_s,
  coalesce(sum(wait_s) FILTER (WHERE outcome = 'abandoned'), 0)    AS abandoned_wait_s,
  coalesce(sum(talk_s) FILTER (WHERE ended_at IS NOT NULL), 0)     AS talk_s,
  coalesce(sum(hold_s) FILTER (WHERE ended_at IS NOT NULL AND answered_at IS NOT NULL), 0) AS hold_s,
  coalesce(sum(wrap_s) FILTER (WHERE ended_at IS NOT NULL), 0)     AS wrap_s,
  coalesce(max(wait_s), 0)                                         AS max_wait_s,
  count(*) FILTER (WHERE answered_at IS NOT NULL AND wait_s <= 5) AS answered_wait_le_5,
  count(*) FILTER (WHERE answered_at IS NOT NULL AND wait_s <= 10) AS answered_wait_le_10,
  count(*) FILTER (WHERE answered_at IS NOT NULL AND wait_s <= 15) AS answered_wait_le_15,
  count(*) FILTER (WHERE answered_at IS NOT NULL AND wait_s <= 20) AS answered_wait_le_20,
  count(*) FILTER (WHERE answered_at IS NOT NULL AND wait_s <= 30) AS answered_wait_le_30,
  count(*) FILTER (WHERE answered_at IS NOT NULL AND wait_s <= 45) AS answered_wait_le_45,
  count(*) FILTER (WHERE answered_at IS NOT NULL AND wait_s <= 60) AS answered_wait_le_60,
  count(*) FILTER (WHERE answered_at IS NOT NULL AND wait_s <= 90) AS answered_wait_le_90,
  count(*) FILTER (WHERE answered_at IS NOT NULL AND wait_s <= 120) AS answered_wait_le_120,
  count(*) FILTER (WHERE answered_at IS NOT NULL AND wait_s <= 180) AS answered_wait_le_180,
  count(*) FILTER (WHERE answered_at IS NOT NULL AND wait_s <= 300) AS answered_wait_le_300,
  count(*) FILTER (WHERE outcome = 'abandoned' AND wait_s <= 5) AS abandoned_wait_le_5,
  count(*) FILTER (WHERE outcome = 'abandoned' AND wait_s <= 10) AS abandoned_wait_le_10,
  count(*) FILTER (WHERE outcome = 'abandoned' AND wait_s <= 15) AS abandoned_wait_le_15,
  count(*) FILTER (WHERE outcome = 'abandoned' AND wait_s <= 20) AS abandoned_wait_le_20,
  count(*) FILTER (WHERE outcome = 'abandoned' AND wait_s <= 30) AS abandoned_wait_le_30,
  count(*) FILTER (WHERE outcome = 'abandoned' AND wait_s <= 45) AS abandoned_wait_le_45,
  count(*) FILTER (WHERE outcome = 'abandoned' AND wait_s <= 60) AS abandoned_wait_le_60,
  count(*) FILTER (WHERE outcome = 'abandoned' AND wait_s <= 90) AS abandoned_wait_le_90,
  count(*) FILTER (WHERE outcome = 'abandoned' AND wait_s <= 120) AS abandoned_wait_le_120,
  count(*) FILTER (WHERE outcome = 'abandoned' AND wait_s <= 180) AS abandoned_wait_le_180,
  count(*) FILTER (WHERE outcome = 'abandoned' AND wait_s <= 300) AS abandoned_wait_le_300
FROM calls
GROUP BY 1, 2, 3
WITH NO DATA;
