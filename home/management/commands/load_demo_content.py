"""Loads the demo content of every part of the site; safe to run again at any time."""

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils.module_loading import import_string


class Command(BaseCommand):
    help = (
        "Crée le contenu de démonstration (idempotent : une seconde exécution ne change rien) ; en développement "
        "(DEBUG), aussi les comptes de démonstration et des exemples fictifs."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--no-samples",
            action="store_true",
            help="Ne charge que le contenu réel du club, sans les exemples fictifs (qui ne sont chargés qu'avec DEBUG).",
        )

    def handle(self, *args, no_samples=False, **options):
        loaders = settings.DEMO_LOADERS + (settings.DEMO_SAMPLE_LOADERS if settings.DEBUG and not no_samples else [])
        for dotted_path in loaders:
            import_string(dotted_path)(self.stdout.write)
        if settings.DEBUG:
            from home.demo import ensure_demo_accounts

            ensure_demo_accounts(self.stdout.write)
        self.stdout.write(self.style.SUCCESS("Contenu de démonstration prêt."))
