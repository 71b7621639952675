"""The volunteers' roles and the "Relecture" workflow, in place of Wagtail's default groups and workflow."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

from home.roles import apply_roles, replace_wagtail_default_groups
from home.workflow import assign_review_workflow, ensure_review_workflow


def create_all_permissions(apps):
    """Django creates permissions after the last migration; the roles need them now."""
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None


def forwards(apps, schema_editor):
    create_all_permissions(apps)
    replace_wagtail_default_groups(apps)
    apply_roles(apps)
    ensure_review_workflow(apps)
    assign_review_workflow(["actors.actor"], apps)


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0003_seo_share_images"),
        ("actors", "0002_actorindexpage_actorprofilepage_and_more"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailforms", "0005_alter_formsubmission_form_data"),
        ("wagtailredirects", "0008_add_verbose_name_plural"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
