#!/bin/sh
# Dumps the Callboard database every BACKUP_EVERY_S seconds (default: daily)
# into /backups, in pg_dump's custom format, and deletes dumps older than
# BACKUP_KEEP_DAYS days. Connection settings come from PGHOST, PGUSER,
# PGDATABASE and PGPASSWORD. A dump is written under a temporary name and
# renamed when complete, so /backups never holds a half-written one.
set -eu

every="${BACKUP_EVERY_S:-86400}"
keep="${BACKUP_KEEP_DAYS:-14}"

while :; do
  stamp="$(date -u +%Y%m%dT%H%M%SZ)"
  partial="/backups/.callboard-${stamp}.dump.partial"
  if pg_dump --format=custom --no-owner --file="$partial"; then
    mv "$partial" "/backups/callboard-${stamp}.dump"
    echo "backup: callboard-${stamp}.dump ($(du -h "/backups/callboard-${stamp}.dump" | cut -f1))"
  else
    rm -f "$partial"
    echo "backup: pg_dump failed; the previous dumps are kept" >&2
  fi
  # Retention: whole days, by modification time.
  find /backups -name 'callboard-*.dump' -mtime +"$keep" -print -delete | sed 's/^/backup: deleted /'
  sleep "$every"
done
