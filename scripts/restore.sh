#!/usr/bin/env bash
# Restore a folder written by scripts/backup.sh: the database (replacing its content) and the media files.
#   scripts/restore.sh BACKUP_FOLDER
# Same DATABASE_URL and MEDIA_ROOT as scripts/backup.sh. Stop the site (gunicorn and the timers) first.
# The media archive is unpacked beside MEDIA_ROOT first: the current files are replaced only once it has
# unpacked whole, so a damaged archive changes nothing.
set -euo pipefail
cd "$(dirname "$0")/.."

SOURCE="${1:?Usage: scripts/restore.sh BACKUP_FOLDER}"
DATABASE_URL="${DATABASE_URL:-sqlite:///$PWD/db.sqlite3}"
MEDIA_ROOT="${MEDIA_ROOT:-$PWD/media}"
MEDIA_ROOT="${MEDIA_ROOT%/}"

staged=""
cleanup() { rm -f "${PGPASSFILE:-}"; [ -z "$staged" ] || rm -rf "$staged"; }
trap cleanup EXIT
if [ -f "$SOURCE/media.tar.gz" ]; then
  mkdir -p "$(dirname "$MEDIA_ROOT")"
  staged="$(mktemp -d "$MEDIA_ROOT.restoring.XXXXXX")"
  tar --extract --gzip --file="$SOURCE/media.tar.gz" --directory="$staged"
fi

case "$DATABASE_URL" in
  postgres://* | postgresql://*)
    # The password goes through a private file, never the command line (scripts/pg_passfile.py).
    PGPASSFILE="$(mktemp)"; export PGPASSFILE
    pg_restore --clean --if-exists --no-owner --single-transaction --exit-on-error \
      --dbname="$(python3 scripts/pg_passfile.py "$PGPASSFILE")" "$SOURCE/database.dump" ;;
  sqlite:///*)
    python3 -c 'import sqlite3, sys; sqlite3.connect(sys.argv[1]).backup(sqlite3.connect(sys.argv[2]))' \
      "$SOURCE/database.sqlite3" "${DATABASE_URL#sqlite://}" ;;
  *) echo "Unsupported DATABASE_URL: ${DATABASE_URL%%:*}" >&2; exit 1 ;;
esac
if [ -n "$staged" ]; then
  [ ! -d "$MEDIA_ROOT" ] || { chmod --reference="$MEDIA_ROOT" "$staged"; mv "$MEDIA_ROOT" "$staged.old"; }
  mv "$staged" "$MEDIA_ROOT"
  staged="$staged.old"  # removed on exit
fi
echo "Restored from $SOURCE"
