-- An ingest key may carry the back-fill permission: only such a key may post
-- events older than the ingest window (POST /api/v1/events?backfill=true).
ALTER TABLE api_keys ADD COLUMN backfill boolean NOT NULL DEFAULT false;
ALTER TABLE api_keys ADD CONSTRAINT api_keys_backfill_ingest CHECK (NOT backfill OR role = 'ingest');
COMMENT ON COLUMN api_keys.backfill IS 'May post events older than the ingest window (?backfill=true); each such request is audited.';
