#!/usr/bin/env bash
# Restore a folder written by scripts/backup.sh: the database (replacing its content) and the media files.
#   scripts/restore.sh BACKUP_FOLDER
# Same DATABASE_URL and MEDIA_ROOT as scripts/backup.sh. Stop the site (gunicorn and the timers) first.
set -euo pipefail
cd "$(dirname "$0")/.."

SOURCE="${1:?Usage: scripts/restore.sh BACKUP_FOLDER}"
DATABASE_URL="${DATABASE_URL:-sqlite:///$PWD/db.sqlite3}"
MEDIA_ROOT="${MEDIA_ROOT:-$PWD/media}"

case "$DATABASE_URL" in
  postgres://* | postgresql://*)
    pg_restore --clean --if-exists --no-owner --single-transaction --exit-on-error \
      --dbname="$DATABASE_URL" "$SOURCE/database.dump" ;;
  sqlite:///*)
    python3 -c 'import sqlite3, sys; sqlite3.connect(sys.argv[1]).backup(sqlite3.connect(sys.argv[2]))' \
      "$SOURCE/database.sqlite3" "${DATABASE_URL#sqlite://}" ;;
  *) echo "Unsupported DATABASE_URL: ${DATABASE_URL%%:*}" >&2; exit 1 ;;
esac
if [ -f "$SOURCE/media.tar.gz" ]; then
  mkdir -p "$MEDIA_ROOT"
  find "$MEDIA_ROOT" -mindepth 1 -delete
  tar --extract --gzip --file="$SOURCE/media.tar.gz" --directory="$MEDIA_ROOT"
fi
echo "Restored from $SOURCE"
