-- Access control (SPEC §1): people with a role and a scope, their sessions,
-- kiosk display tokens, API keys with a role, and the audit log.
CREATE TABLE users (
  id             text        PRIMARY KEY,
  username       text        NOT NULL,
  display_name   text        NOT NULL,
  role           text        NOT NULL CHECK (role IN ('admin', 'manager', 'supervisor', 'qa_lead', 'qa_reviewer', 'agent')),
  password_hash  text        NOT NULL,
  -- NULL: every queue / team; an empty array: none.
  scope_queues   text[],
  scope_teams    text[],
  agent_id       text,
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now(),
  last_login_at  timestamptz,
  disabled_at    timestamptz
);
CREATE UNIQUE INDEX users_username_key ON users (lower(username));
COMMENT ON TABLE users IS 'People who sign in: role, scope (queues and teams; NULL = all) and an argon2id password hash.';

CREATE TABLE kiosk_tokens (
  id            text        PRIMARY KEY,
  name          text        NOT NULL,
  token_hash    text        NOT NULL UNIQUE,
  scope_queues  text[],
  scope_teams   text[],
  created_by    text,
  created_at    timestamptz NOT NULL DEFAULT now(),
  last_used_at  timestamptz,
  revoked_at    timestamptz
);
COMMENT ON TABLE kiosk_tokens IS 'Read-only wallboard display tokens for TVs, each fixed to a scope; only a SHA-256 hash of each token is stored.';

CREATE TABLE sessions (
  id                  text        PRIMARY KEY,
  kind                text        NOT NULL CHECK (kind IN ('user', 'kiosk')),
  user_id             text        REFERENCES users (id),
  kiosk_id            text        REFERENCES kiosk_tokens (id),
  csrf_secret         text        NOT NULL,
  created_at          timestamptz NOT NULL DEFAULT now(),
  -- Idle expiry, pushed forward by each use, never past absolute_expires_at.
  expires_at          timestamptz NOT NULL,
  absolute_expires_at timestamptz,
  revoked_at          timestamptz,
  ip                  text,
  user_agent          text,
  CHECK ((kind = 'user' AND user_id IS NOT NULL) OR (kind = 'kiosk' AND kiosk_id IS NOT NULL))
);
CREATE INDEX sessions_user_idx ON sessions (user_id) WHERE revoked_at IS NULL;
CREATE INDEX sessions_kiosk_idx ON sessions (kiosk_id) WHERE revoked_at IS NULL;
COMMENT ON TABLE sessions IS 'Signed-in browsers and kiosk displays; a session cookie is a short-lived signed token naming one row here.';

-- Ingest keys become API keys with a role: ingest (post events) or metrics (scrape /metrics).
ALTER TABLE ingest_keys RENAME TO api_keys;
ALTER TABLE api_keys ADD COLUMN role text NOT NULL DEFAULT 'ingest' CHECK (role IN ('ingest', 'metrics'));
ALTER TABLE api_keys ADD COLUMN created_by text;
COMMENT ON TABLE api_keys IS 'API keys for machines: role ingest may only post events, role metrics may only read /metrics. Only a SHA-256 hash of each key is stored.';

CREATE TABLE audit_log (
  ts          timestamptz NOT NULL DEFAULT now(),
  -- Orders entries recorded in the same millisecond; pages resume after (ts, seq).
  seq         bigserial,
  action      text        NOT NULL,
  outcome     text        NOT NULL CHECK (outcome IN ('ok', 'denied', 'failed')),
  actor_kind  text        NOT NULL CHECK (actor_kind IN ('user', 'kiosk', 'key', 'anonymous', 'system')),
  actor_id    text,
  actor_name  text,
  target      text,
  ip          text,
  detail      jsonb       NOT NULL DEFAULT '{}'
);
SELECT create_hypertable('audit_log', by_range('ts', INTERVAL '7 days'));
CREATE INDEX audit_log_ts_seq_idx ON audit_log (ts DESC, seq DESC);
CREATE INDEX audit_log_action_idx ON audit_log (action, ts DESC);
CREATE INDEX audit_log_actor_idx ON audit_log (actor_id, ts DESC);
COMMENT ON TABLE audit_log IS 'Who did what: sign-ins, refused requests, changes to users, keys, kiosk tokens and QA scores.';
SELECT add_retention_policy('audit_log', drop_after => INTERVAL '730 days');
