"""The site's shell: home page, site settings, content pages and shared pieces."""

from django.apps import AppConfig


class HomeConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "home"
    verbose_name = "Site"

    def ready(self):
        from . import maps, page_cache

        page_cache.connect_signals()
        maps.connect_signals()
