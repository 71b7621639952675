"""The actors of the local ESS: territories, actor records, directory and map."""

from django.apps import AppConfig


class ActorsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "actors"
    verbose_name = "Annuaire"

    def ready(self):
        from home.page_cache import register_content_app

        register_content_app(self.label)
        from .map_data import connect_signals

        connect_signals()

        from . import record_checks

        record_checks.connect_signals()

        from . import retention, search  # noqa: F401  (register what the purge command forgets, search kinds)
