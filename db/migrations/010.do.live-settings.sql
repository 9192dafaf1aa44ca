-- What the live wallboard measures against, editable by admins and kept with
-- its history like queue_rules: a change is a new row effective from the moment
-- it was made, so calls (and not-ready spells) that began before it keep the
-- rules they began under.

-- Targets beside the per-queue rules (SPEC §3). sl_target is the three-ring
-- rate the queue aims for (80 % unless set); the ASA and abandon-rate targets
-- are optional (NULL: none).
ALTER TABLE queue_rules
  ADD COLUMN sl_target      double precision NOT NULL DEFAULT 0.8 CHECK (sl_target >= 0 AND sl_target <= 1),
  ADD COLUMN asa_target_s   double precision CHECK (asa_target_s > 0),
  ADD COLUMN abandon_target double precision CHECK (abandon_target >= 0 AND abandon_target <= 1);
COMMENT ON COLUMN queue_rules.sl_target IS 'Target three-ring rate, a fraction 0..1.';
COMMENT ON COLUMN queue_rules.asa_target_s IS 'Target average speed of answer in seconds; NULL: no target.';
COMMENT ON COLUMN queue_rules.abandon_target IS 'Highest acceptable abandon rate, a fraction 0..1; NULL: no target.';

-- How long an agent may stay in a not-ready reason before the not_ready_overrun
-- breach (SPEC §4). The row with the latest effective_from at or before the
-- start of the spell applies; reason '*' (not seeded) would cover reasons
-- without rows of their own; a reason without any row has no limit.
CREATE TABLE not_ready_limits (
  reason         text        NOT NULL,
  effective_from timestamptz NOT NULL,
  limit_s        double precision CHECK (limit_s > 0),
  PRIMARY KEY (reason, effective_from)
);
COMMENT ON TABLE not_ready_limits IS 'Limits of not-ready reasons in seconds with their history; limit_s NULL: no limit from effective_from on.';

-- Defaults for the reasons the simulator (and most phone systems) use:
--   break    15 min: SPEC §4's example, the short rest break of the service rules;
--   lunch    45 min: the longest meal break the roster plans (30–45 min);
--   meeting  30 min: team briefings and coaching are planned at 15–30 min;
--   training 60 min: courses are planned at 30–60 min.
-- Planned activities get a limit too: an agent who forgets to go ready after
-- one is the overrun supervisors most want to see.
INSERT INTO not_ready_limits (reason, effective_from, limit_s) VALUES
  ('break', '-infinity', 900),
  ('lunch', '-infinity', 2700),
  ('meeting', '-infinity', 1800),
  ('training', '-infinity', 3600);
