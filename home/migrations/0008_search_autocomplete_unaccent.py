"""On PostgreSQL, the autocomplete's text search configuration: no stemming, no accents (settings' AUTOCOMPLETE_CONFIG).

Entries indexed before it keep their accents until `manage.py update_index` rebuilds them.
"""

from django.db import migrations

CONFIG = "simple_unaccent"


def create_configuration(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS unaccent")
    schema_editor.execute(
        f"""
        DO $$ BEGIN
            IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = '{CONFIG}') THEN
                CREATE TEXT SEARCH CONFIGURATION {CONFIG} (COPY = simple);
                ALTER TEXT SEARCH CONFIGURATION {CONFIG}
                    ALTER MAPPING FOR hword, hword_part, word WITH unaccent, simple;
            END IF;
        END $$;
        """
    )


def drop_configuration(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {CONFIG}")


class Migration(migrations.Migration):
    dependencies = [("home", "0007_open_data_page")]

    operations = [migrations.RunPython(create_configuration, drop_configuration, elidable=False)]
