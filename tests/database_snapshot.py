"""Rows built once per test session, put back into each test's database in milliseconds.

Building the demo content saves every page through Wagtail (revisions, search and reference indexing):
seconds of work, the same for every test that asks for it. `TableSnapshot.build(function)` runs
`function` once in a transaction that it rolls back, and keeps a copy of every table the function
changed; `restore()` then empties those tables and writes the copy back with plain SQL. Tests get the
very rows the function made (ids included), in their own transaction, rolled back after them as usual.

The copy stands for the function on the database it was taken from, the migrated and empty test
database: rows other fixtures wrote before `restore()` in the tables it replaces are gone after it.
"""

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


def read_tables() -> dict[str, object]:
    """Every table's content: SQLite rows, PostgreSQL COPY text."""
    contents = {}
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            for table in sqlite_tables(cursor):
                cursor.execute(f"SELECT * FROM {quote(table)}")
                columns = [column[0] for column in cursor.description]
                contents[table] = (columns, cursor.fetchall())
        else:
            for table in connection.introspection.table_names(cursor):
                with cursor.cursor.copy(f"COPY {quote(table)} TO STDOUT") as copy:
                    contents[table] = b"".join(bytes(block) for block in copy)
    return contents


@dataclass(frozen=True)
class TableSnapshot:
    contents: dict[str, object]  # the tables the function changed, as read_tables() gives them

    @classmethod
    def build(cls, function):
        """Run `function` on the empty test database, keep what it wrote, and leave the database empty again."""
        with transaction.atomic():
            before = read_tables()
            function()
            after = read_tables()
            transaction.set_rollback(True)
        changed = {table: content for table, content in after.items() if before.get(table) != content}
        return cls(changed)

    def restore(self) -> None:
        """Replace the content of the tables the function changed with the copy."""
        with transaction.atomic(), connection.cursor() as cursor:
            for table in self.contents:
                cursor.execute(f"DELETE FROM {quote(table)}")
            if connection.vendor == "sqlite":
                for table, (columns, rows) in self.contents.items():
                    names = ", ".join(map(quote, columns))
                    cursor.executemany(
                        f"INSERT INTO {quote(table)} ({names}) VALUES ({', '.join(['%s'] * len(columns))})", rows
                    )
            else:
                for table, text in self.contents.items():
                    with cursor.cursor.copy(f"COPY {quote(table)} FROM STDIN") as copy:
                        copy.write(text)
                # The copied rows keep their ids: move the sequences past them.
                models = [
                    model
                    for model in apps.get_models(include_auto_created=True)
                    if model._meta.db_table in self.contents
                ]
                for sql in connection.ops.sequence_reset_sql(no_style(), models):
                    cursor.execute(sql)
