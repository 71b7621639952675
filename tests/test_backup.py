"""scripts/backup.sh and scripts/restore.sh: a round trip gives back the same database and media files."""

import sqlite3
import subprocess
from pathlib import Path

import psycopg
import pytest
from django.conf import settings

SCRIPTS = Path(__file__).resolve().parent.parent / "scripts"
ROWS = [(1, "Chantier d'insertion"), (2, "Recyclerie du Sud-Gironde")]


def run(script, *args, env):
    subprocess.run([SCRIPTS / script, *args], env=env, check=True, capture_output=True, timeout=120)  # noqa: S603


def media_files(root):
    return {path.relative_to(root): path.read_bytes() for path in root.rglob("*") if path.is_file()}


@pytest.fixture
def media_root(tmp_path):
    root = tmp_path / "media"
    (root / "original_images").mkdir(parents=True)
    (root / "original_images" / "atelier.png").write_bytes(b"\x89PNG image")
    (root / "documents").mkdir()
    (root / "documents" / "statuts.pdf").write_bytes(b"%PDF statuts")
    return root


def round_trip(tmp_path, media_root, database_url, read_rows, spoil):
    env = {"PATH": "/usr/bin:/bin", "DATABASE_URL": database_url, "MEDIA_ROOT": str(media_root)}
    before_rows, before_media = read_rows(), media_files(media_root)

    run("backup.sh", str(tmp_path / "backup"), env=env)
    spoil()
    (media_root / "documents" / "statuts.pdf").unlink()
    (media_root / "intrus.txt").write_text("ajouté après la sauvegarde")
    assert read_rows() != before_rows
    run("restore.sh", str(tmp_path / "backup"), env=env)

    assert read_rows() == before_rows
    assert media_files(media_root) == before_media


def test_a_sqlite_backup_restores_the_same_content(tmp_path, media_root):
    database = tmp_path / "site.sqlite3"
    with sqlite3.connect(database) as db:
        db.execute("CREATE TABLE actor (id integer PRIMARY KEY, name text)")
        db.executemany("INSERT INTO actor VALUES (?, ?)", ROWS)

    def read_rows():
        with sqlite3.connect(database) as db:
            return db.execute("SELECT id, name FROM actor ORDER BY id").fetchall()

    def spoil():
        with sqlite3.connect(database) as db:
            db.execute("DELETE FROM actor WHERE id = 1")

    round_trip(tmp_path, media_root, f"sqlite:///{database}", read_rows, spoil)


@pytest.mark.skipif(not settings.USING_POSTGRES, reason="PostgreSQL round trip: runs when DATABASE_URL is PostgreSQL")
def test_a_postgresql_backup_restores_the_same_content(tmp_path, media_root):
    server = settings.DATABASES["default"]
    admin_url = f"postgresql://{server['USER']}:{server['PASSWORD']}@{server['HOST']}:{server['PORT'] or 5432}"
    scratch = f"{server['NAME']}_backup_test"
    with psycopg.connect(f"{admin_url}/postgres", autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{scratch}"')
        admin.execute(f'CREATE DATABASE "{scratch}"')
    database_url = f"{admin_url}/{scratch}"
    try:
        with psycopg.connect(database_url) as db:
            db.execute("CREATE TABLE actor (id integer PRIMARY KEY, name text)")
            db.cursor().executemany("INSERT INTO actor VALUES (%s, %s)", ROWS)

        def read_rows():
            with psycopg.connect(database_url) as db:
                return db.execute("SELECT id, name FROM actor ORDER BY id").fetchall()

        def spoil():
            with psycopg.connect(database_url) as db:
                db.execute("DELETE FROM actor WHERE id = 1")

        round_trip(tmp_path, media_root, database_url, read_rows, spoil)
    finally:
        with psycopg.connect(f"{admin_url}/postgres", autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{scratch}"')


FAKE_PG_DUMP = """#!/bin/sh
echo "$@" > "$RECORD.args"
cat "$PGPASSFILE" > "$RECORD.passfile"
echo "$PGPASSFILE" > "$RECORD.passfile-path"
"""


def test_the_database_password_never_reaches_the_command_line(tmp_path, media_root):
    """Every local user sees command lines (`ps`): pg_dump gets the password from a private file instead."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "pg_dump").write_text(FAKE_PG_DUMP)
    (bin_dir / "pg_dump").chmod(0o755)
    record = tmp_path / "pg_dump"
    env = {
        "PATH": f"{bin_dir}:/usr/bin:/bin",
        "DATABASE_URL": "postgres://site_ess:s3cr%3Aet@db.example:5432/site_ess?sslmode=require",
        "MEDIA_ROOT": str(media_root),
        "RECORD": str(record),
    }

    run("backup.sh", str(tmp_path / "backup"), env=env)

    arguments = Path(f"{record}.args").read_text()
    assert "s3cr" not in arguments
    assert "postgres://site_ess@db.example:5432/site_ess?sslmode=require" in arguments
    assert Path(f"{record}.passfile").read_text() == "*:*:*:*:s3cr\\:et\n"
    assert not Path(Path(f"{record}.passfile-path").read_text().strip()).exists()


def test_a_damaged_media_archive_changes_nothing(tmp_path, media_root):
    database = tmp_path / "site.sqlite3"
    sqlite3.connect(database).close()
    env = {"PATH": "/usr/bin:/bin", "DATABASE_URL": f"sqlite:///{database}", "MEDIA_ROOT": str(media_root)}
    run("backup.sh", str(tmp_path / "backup"), env=env)
    archive = tmp_path / "backup" / "media.tar.gz"
    archive.write_bytes(archive.read_bytes()[:40])  # cut short, as by a full disk
    before = media_files(media_root)

    with pytest.raises(subprocess.CalledProcessError):
        run("restore.sh", str(tmp_path / "backup"), env=env)

    assert media_files(media_root) == before
    assert sorted(path.name for path in media_root.parent.iterdir()) == sorted(["media", "backup", "site.sqlite3"])
