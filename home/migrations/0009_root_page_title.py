"""The tree's root page, titled « Root » by Wagtail, shows in the admin's breadcrumbs: give it a French title."""

from django.db import migrations

TITLE = "Racine du site"


def rename_root(apps, schema_editor):
    apps.get_model("wagtailcore", "Page").objects.filter(depth=1, title="Root").update(title=TITLE, draft_title=TITLE)


def restore_root(apps, schema_editor):
    apps.get_model("wagtailcore", "Page").objects.filter(depth=1, title=TITLE).update(title="Root", draft_title="Root")


class Migration(migrations.Migration):
    dependencies = [("home", "0008_search_autocomplete_unaccent"), ("wagtailcore", "0001_initial")]

    operations = [migrations.RunPython(rename_root, restore_root)]
