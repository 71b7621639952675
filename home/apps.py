"""The site's shell: home page, site settings, content pages and shared pieces."""

from django.apps import AppConfig, apps
from django.db.models.signals import post_migrate, pre_migrate


class HomeConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "home"
    verbose_name = "Site"

    def ready(self):
        from . import checks, maps, notifications, page_cache, site_address  # noqa: F401  (the checks register)

        notifications.connect_signals()
        page_cache.connect_signals()
        maps.connect_signals()
        post_migrate.connect(configure_admin_after_migrate, dispatch_uid="home_configure_admin")
        pre_migrate.connect(create_cache_table, sender=self, dispatch_uid="home_create_cache_table")


def create_cache_table(sender, **kwargs):
    """`migrate` first creates the database cache's table when settings use one (production without Redis).

    Before the migrations, not after: Wagtail's first migration already saves pages, which purges the page cache.
    """
    from django.core.management import call_command

    call_command("createcachetable", database=kwargs.get("using", "default"), verbosity=0)


def configure_admin_after_migrate(sender, **kwargs):
    """Once per `migrate`, after every app created its permissions: the roles and the workflow cover new models."""
    last_app = [config for config in apps.get_app_configs() if config.models_module is not None][-1]
    if sender.label != last_app.label:
        return
    from .roles import apply_roles
    from .workflow import assign_review_workflow, workflow_snippet_labels

    apply_roles()
    assign_review_workflow(workflow_snippet_labels())
