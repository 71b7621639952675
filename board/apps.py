"""The mutualisation board: offers and needs of equipment, premises, skills, services and vehicles."""

from django.apps import AppConfig


class BoardConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "board"
    verbose_name = "Mutualisation"

    def ready(self):
        from . import retention  # noqa: F401  (registers what the purge command forgets)
