-- QA (SPEC §5): versioned forms, sampling plans and runs, evaluations with
-- every submitted version kept, and calibration sessions. Plain tables: a few
-- thousand rows a month, read by id, agent and reviewer.

-- A form is changed by adding a version; evaluations name the version they were scored on.
CREATE TABLE qa_forms (
  form_id     text        NOT NULL,
  version     integer     NOT NULL,
  title       jsonb       NOT NULL,
  definition  jsonb       NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  created_by  text,
  CONSTRAINT qa_forms_pkey PRIMARY KEY (form_id, version),
  CONSTRAINT qa_forms_version_check CHECK (version >= 1)
);
COMMENT ON TABLE qa_forms IS 'QA forms, one row per version; definition is the whole form as @callboard/qa reads it.';

-- What a weekly run draws: period, calls per agent, quotas and the reviewers (NULL: every active qa_reviewer).
CREATE TABLE qa_sampling_plans (
  id          text        PRIMARY KEY,
  name        text        NOT NULL,
  period      text        NOT NULL DEFAULT 'week',
  per_agent   integer     NOT NULL,
  quotas      jsonb       NOT NULL,
  reviewers   text[],
  form_id     text        NOT NULL,
  active      boolean     NOT NULL DEFAULT true,
  created_at  timestamptz NOT NULL DEFAULT now(),
  created_by  text,
  CONSTRAINT qa_sampling_plans_period_check CHECK (period IN ('day', 'week', 'month'))
);

-- A run keeps its seed, plan and every call it drew from, so anyone can draw it again and get the same sample.
CREATE TABLE qa_sampling_runs (
  id          text        PRIMARY KEY,
  plan_id     text        REFERENCES qa_sampling_plans (id),
  kind        text        NOT NULL,
  from_day    date        NOT NULL,
  to_day      date        NOT NULL,
  seed        text        NOT NULL,
  plan        jsonb       NOT NULL,
  calls       jsonb       NOT NULL,
  reviewers   text[]      NOT NULL,
  shortfalls  jsonb       NOT NULL,
  rejected    jsonb       NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  created_by  text,
  CONSTRAINT qa_sampling_runs_kind_check CHECK (kind IN ('on_demand', 'weekly'))
);
-- One weekly run per plan and period.
CREATE UNIQUE INDEX qa_sampling_runs_weekly_idx ON qa_sampling_runs (plan_id, from_day) WHERE kind = 'weekly';

CREATE TABLE qa_evaluations (
  id              text        PRIMARY KEY,
  run_id          text        REFERENCES qa_sampling_runs (id),
  call_id         text        NOT NULL,
  queue           text        NOT NULL,
  agent_id        text        NOT NULL,
  team            text,
  offered_at      timestamptz NOT NULL,
  reviewer_id     text        NOT NULL,
  reason          text        NOT NULL,
  fills_for       text,
  form_id         text        NOT NULL,
  form_version    integer     NOT NULL,
  status          text        NOT NULL DEFAULT 'assigned',
  -- The answers in force: the draft until submitted, then the latest version's.
  answers         jsonb       NOT NULL DEFAULT '[]',
  version         integer     NOT NULL DEFAULT 0,
  score           double precision,
  raw_score       double precision,
  auto_failed     boolean,
  submitted_at    timestamptz,
  acknowledged_at timestamptz,
  disputed_at     timestamptz,
  dispute_reason  text,
  resolved_at     timestamptz,
  resolved_by     text,
  outcome         text,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT qa_evaluations_status_check CHECK (status IN ('assigned', 'draft', 'submitted', 'acknowledged', 'disputed', 'resolved')),
  CONSTRAINT qa_evaluations_outcome_check CHECK (outcome IS NULL OR outcome IN ('upheld', 'adjusted')),
  CONSTRAINT qa_evaluations_form_fkey FOREIGN KEY (form_id, form_version) REFERENCES qa_forms (form_id, version)
);
CREATE UNIQUE INDEX qa_evaluations_call_agent_idx ON qa_evaluations (call_id, agent_id);
CREATE INDEX qa_evaluations_reviewer_idx ON qa_evaluations (reviewer_id, status);
CREATE INDEX qa_evaluations_agent_idx ON qa_evaluations (agent_id, offered_at);

-- Every submitted score, never changed: version 1 is the reviewer's, a later one a lead's adjustment.
CREATE TABLE qa_evaluation_versions (
  evaluation_id text        NOT NULL REFERENCES qa_evaluations (id),
  version       integer     NOT NULL,
  answers       jsonb       NOT NULL,
  score         double precision NOT NULL,
  raw_score     double precision NOT NULL,
  auto_failed   boolean     NOT NULL,
  kind          text        NOT NULL,
  by_user       text        NOT NULL,
  at            timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT qa_evaluation_versions_pkey PRIMARY KEY (evaluation_id, version),
  CONSTRAINT qa_evaluation_versions_kind_check CHECK (kind IN ('submitted', 'adjusted'))
);

-- Several reviewers score one call blind; the lead's answers are the reference.
CREATE TABLE qa_calibrations (
  id            text        PRIMARY KEY,
  call_id       text        NOT NULL,
  form_id       text        NOT NULL,
  form_version  integer     NOT NULL,
  lead_id       text        NOT NULL,
  reviewer_ids  text[]      NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT qa_calibrations_form_fkey FOREIGN KEY (form_id, form_version) REFERENCES qa_forms (form_id, version)
);

CREATE TABLE qa_calibration_scores (
  calibration_id text        NOT NULL REFERENCES qa_calibrations (id),
  user_id        text        NOT NULL,
  answers        jsonb       NOT NULL,
  score          double precision NOT NULL,
  submitted_at   timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT qa_calibration_scores_pkey PRIMARY KEY (calibration_id, user_id)
);
