#!/usr/bin/env bash
# Back up the database and the local media files into one dated folder.
#   scripts/backup.sh [DESTINATION]   (default: $BACKUP_DIR/YYYYmmdd-HHMMSS, BACKUP_DIR=/var/backups/site-ess)
# DATABASE_URL chooses the database as for the site (PostgreSQL: pg_dump's custom format; SQLite: a
# consistent copy); MEDIA_ROOT the media folder (default: media/ in the project). Media on an S3 store are
# left to the store's own versioning. Folders older than BACKUP_KEEP_DAYS (default 30) are removed.
set -euo pipefail
cd "$(dirname "$0")/.."

BACKUP_DIR="${BACKUP_DIR:-/var/backups/site-ess}"
DESTINATION="${1:-$BACKUP_DIR/$(date +%Y%m%d-%H%M%S)}"
DATABASE_URL="${DATABASE_URL:-sqlite:///$PWD/db.sqlite3}"
MEDIA_ROOT="${MEDIA_ROOT:-$PWD/media}"

umask 077
mkdir -p "$DESTINATION"
case "$DATABASE_URL" in
  postgres://* | postgresql://*)
    # The password goes through a private file, never the command line (scripts/pg_passfile.py).
    PGPASSFILE="$(mktemp)"; export PGPASSFILE; trap 'rm -f "$PGPASSFILE"' EXIT
    pg_dump --format=custom --no-owner --file="$DESTINATION/database.dump" \
      "$(python3 scripts/pg_passfile.py "$PGPASSFILE")" ;;
  sqlite:///*)
    python3 -c 'import sqlite3, sys; sqlite3.connect(sys.argv[1]).backup(sqlite3.connect(sys.argv[2]))' \
      "${DATABASE_URL#sqlite://}" "$DESTINATION/database.sqlite3" ;;
  *) echo "Unsupported DATABASE_URL: ${DATABASE_URL%%:*}" >&2; exit 1 ;;
esac
if [ -d "$MEDIA_ROOT" ]; then
  tar --create --gzip --file="$DESTINATION/media.tar.gz" --directory="$MEDIA_ROOT" .
fi
echo "Backup written to $DESTINATION"

if [ -z "${1:-}" ]; then
  find "$BACKUP_DIR" -mindepth 1 -maxdepth 1 -type d -mtime +"${BACKUP_KEEP_DAYS:-30}" -exec rm -rf {} +
fi
