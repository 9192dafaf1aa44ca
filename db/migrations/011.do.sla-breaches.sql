-- SLA breaches as listable records (SPEC §4), derived from what is stored, so
-- history never disagrees with the calls and agent states it comes from:
--   answer            a call leg that waited longer than the threshold in force
--                     when it was offered (still waiting, or kept once it was
--                     answered, abandoned, timed out or transferred);
--   not_ready_overrun an agent's not-ready spell longer than its reason's limit
--                     in force when the spell began (the reason's own row, else
--                     the '*' row; a NULL limit means none).
-- ended_at is NULL while the subject is still in breach. Case rules (reply,
-- complaint, callback) join this view when cases are stored.
CREATE VIEW sla_breaches AS
SELECT 'answer'::text AS rule,
       'call:' || c.call_id AS subject,
       c.queue,
       c.agent_id,
       c.offered_at AS started_at,
       c.offered_at + make_interval(secs => c.sl_threshold_s) AS due_at,
       c.offered_at + make_interval(secs => c.sl_threshold_s) AS breached_at,
       CASE WHEN c.wait_s IS NULL THEN NULL ELSE c.offered_at + make_interval(secs => c.wait_s) END AS ended_at
  FROM calls c
 WHERE c.wait_s > c.sl_threshold_s
    OR (c.wait_s IS NULL AND c.outcome IN ('waiting', 'ringing') AND now() > c.offered_at + make_interval(secs => c.sl_threshold_s))
UNION ALL
SELECT 'not_ready_overrun'::text,
       'agent:' || s.agent_id,
       NULL::text,
       s.agent_id,
       s.started_at,
       s.started_at + make_interval(secs => lim.limit_s),
       s.started_at + make_interval(secs => lim.limit_s),
       s.ended_at
  FROM agent_states s
  CROSS JOIN LATERAL (
    SELECT CASE WHEN own.found THEN own.limit_s ELSE star.limit_s END AS limit_s
      FROM (SELECT count(*) > 0 AS found, (array_agg(limit_s ORDER BY effective_from DESC))[1] AS limit_s
              FROM not_ready_limits WHERE reason = s.reason AND effective_from <= s.started_at) own,
           (SELECT (array_agg(limit_s ORDER BY effective_from DESC))[1] AS limit_s
              FROM not_ready_limits WHERE reason = '*' AND effective_from <= s.started_at) star
  ) lim
 WHERE s.state = 'not_ready'
   AND lim.limit_s IS NOT NULL
   AND coalesce(s.ended_at, now()) > s.started_at + make_interval(secs => lim.limit_s);
COMMENT ON VIEW sla_breaches IS 'SLA breaches (SPEC §4) derived from calls and agent_states with the thresholds and not-ready limits in force when each began; ended_at NULL while still in breach.';
