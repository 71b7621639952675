"""Rédacteurs no longer read personal data nor change records that have no drafts (home/roles.py)."""

from django.db import migrations

from home.roles import EDITORS, withdraw_beyond_role


def forwards(apps, schema_editor):
    withdraw_beyond_role(EDITORS, apps)


class Migration(migrations.Migration):
    dependencies = [("home", "0009_root_page_title")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
