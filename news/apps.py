"""The project's life: phases, indicators, news and the Mois de l'ESS events."""

from django.apps import AppConfig


class NewsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "news"
    verbose_name = "Actualités et projet"

    def ready(self):
        from home.page_cache import register_content_app

        register_content_app(self.label)
        from .mois_ess.ical import connect_signals as connect_calendar_signals

        connect_calendar_signals()

        from . import search  # noqa: F401  (register the search kinds)
        from .mois_ess import retention  # noqa: F401  (register what the purge command forgets)
        from .subscriptions import retention as subscription_retention  # noqa: F401
