"""Loads the demo content of every part of the site; safe to run again at any time."""

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils.module_loading import import_string

# Each domain adds its own loader here, in the order their content depends on each other.
DEMO_LOADERS = [
    "home.demo.load",
    "actors.demo.load",
    "news.demo.load",
    "news.event_demo.load",
    "home.demo_forms.load",
    "board.demo.load",
    "home.demo_pages.load",
]
# Fictional samples (« Exemple fictif ») so that every page shows what it does: under DEBUG only, never in production.
SAMPLE_LOADERS = [
    "actors.samples.load_demo_samples",
    "news.samples.load_demo_samples",
    "board.samples.load_demo_samples",
]


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
        loaders = DEMO_LOADERS + (SAMPLE_LOADERS if settings.DEBUG and not no_samples else [])
        for dotted_path in loaders:
            import_string(dotted_path)(self.stdout.write)
        if settings.DEBUG:
            from home.demo import ensure_demo_accounts

            ensure_demo_accounts(self.stdout.write)
        self.stdout.write(self.style.SUCCESS("Contenu de démonstration prêt."))
