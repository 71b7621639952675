"""Rows built once per test session, put back into each test's database in milliseconds.

Building the demo content saves every page through Wagtail (revisions, search and reference indexing):
seconds of work, the same for every test that asks for it. `TableSnapshot.build(function)` runs
`function` once in a transaction that it rolls back, and keeps a copy of every table the function
changed; `restore()` then empties those tables and writes the copy back with plain SQL. Tests get the
very rows the function made (ids included), in their own transaction, rolled back after them as usual.

The copy stands for the function on the database it was taken from, the migrated and empty test
database: rows other fixtures wrote before `restore()` in the tables it replaces are gone after it.
A database that may differ from that one in other tables (the browser tests': a flush and Django's
restore give its content types new ids) gets every table back with `restore(every_table=True)`.
"""

import datetime
from dataclasses import dataclass

from django.apps import apps
from django.core.management.color import no_style
from django.db import connection, transaction

FTS5_SHADOW_SUFFIXES = ("_data", "_idx", "_content", "_docsize", "_config")


def quote(name: str) -> str:
    return connection.ops.quote_name(name)


def sqlite_tables(cursor) -> list[str]:
    """SQLite's tables, without the full-text (FTS5) ones: Wagtail's triggers fill them from their source table."""
    cursor.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
    tables = dict(cursor.fetchall())
    virtual = [name for name, sql in tables.items() if sql.upper().startswith("CREATE VIRTUAL")]
    skipped = {*virtual, *(name + suffix for name in virtual for suffix in FTS5_SHADOW_SUFFIXES)}
    return [name for name in tables if name not in skipped]


def as_stored(value):
    """A value Django's SQLite converters parsed (dates and times) back as the text SQLite stores."""
    return str(value) if isinstance(value, datetime.date | datetime.time) else value


def read_tables() -> dict[str, object]:
    """Every table's content: SQLite rows, PostgreSQL COPY text."""
    contents = {}
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            for table in sqlite_tables(cursor):
                cursor.execute(f"SELECT * FROM {quote(table)}")
                columns = [column[0] for column in cursor.description]
                contents[table] = (columns, [tuple(map(as_stored, row)) for row in cursor.fetchall()])
        else:
            for table in connection.introspection.table_names(cursor):
                with cursor.cursor.copy(f"COPY {quote(table)} TO STDOUT") as copy:
                    contents[table] = b"".join(bytes(block) for block in copy)
    return contents


def put_back_migrated_rows(serialized: str | None) -> None:
    """Give a database that a committed test flushed the migrated rows back (root page, site, roles...).

    `serialized` is the migrated content as Django serialized it when it created the test database. Django
    restores it before each browser test (`serialized_rollback`), but not always (see tests/browser/conftest.py),
    and not before session fixtures, which are set up first.
    """
    from django.contrib.contenttypes.models import ContentType
    from django.core.management import call_command
    from wagtail.models import Page

    if not serialized or Page.objects.filter(depth=1).exists():
        return
    call_command("flush", verbosity=0, interactive=False, inhibit_post_migrate=True)
    connection.creation.deserialize_db_from_string(serialized)
    ContentType.objects.clear_cache()
    # The restored rows keep their ids: move PostgreSQL's sequences past them (no-op on SQLite).
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), apps.get_models()):
            cursor.execute(sql)


@dataclass(frozen=True)
class TableSnapshot:
    contents: dict[str, object]  # the tables the function changed, as read_tables() gives them
    every_table: dict[str, object]  # the whole database after the function

    @classmethod
    def build(cls, function, migrated_rows: str | None = None):
        """Run `function` on the empty test database, keep what it wrote, and leave the database empty again.

        `migrated_rows` (Django's serialized content of the migrated database) gives a flushed database its
        migrated rows back for the time of the build.
        """
        with transaction.atomic():
            put_back_migrated_rows(migrated_rows)
            before = read_tables()
            function()
            after = read_tables()
            transaction.set_rollback(True)
        changed = {table: content for table, content in after.items() if before.get(table) != content}
        return cls(changed, after)

    def restore(self, every_table: bool = False) -> None:
        """Replace the content of the tables the function changed (or of every table) with the copy."""
        contents = self.every_table if every_table else self.contents
        with transaction.atomic(), connection.cursor() as cursor:
            for table in contents:
                cursor.execute(f"DELETE FROM {quote(table)}")
            if connection.vendor == "sqlite":
                for table, (columns, rows) in contents.items():
                    names = ", ".join(map(quote, columns))
                    cursor.executemany(
                        f"INSERT INTO {quote(table)} ({names}) VALUES ({', '.join(['%s'] * len(columns))})", rows
                    )
            else:
                for table, text in contents.items():
                    with cursor.cursor.copy(f"COPY {quote(table)} FROM STDIN") as copy:
                        copy.write(text)
                # The copied rows keep their ids: move the sequences past them.
                models = [
                    model for model in apps.get_models(include_auto_created=True) if model._meta.db_table in contents
                ]
                for sql in connection.ops.sequence_reset_sql(no_style(), models):
                    cursor.execute(sql)
