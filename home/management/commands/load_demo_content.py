"""Loads the demo content of every part of the site; safe to run again at any time."""

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils.module_loading import import_string


class Command(BaseCommand):
    help = "Crée le contenu de démonstration (idempotent : une seconde exécution ne change rien)."

    def handle(self, *args, **options):
        for dotted_path in settings.DEMO_LOADERS:
            import_string(dotted_path)(self.stdout.write)
        if settings.DEBUG:
            from home.demo import ensure_demo_accounts

            ensure_demo_accounts(self.stdout.write)
        self.stdout.write(self.style.SUCCESS("Contenu de démonstration prêt."))
