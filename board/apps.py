"""The mutualisation board: offers and needs of equipment, premises, skills, services and vehicles."""

from django.apps import AppConfig


class BoardConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "board"
    verbose_name = "Mutualisation"

    def ready(self):
        from home.page_cache import register_content_app

        register_content_app(self.label)
        # Register what the purge command forgets, and the board's section of the état des lieux.
        from . import report_section, retention  # noqa: F401
