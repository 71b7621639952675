"""`manage.py compile_translations`: the project's .po catalogs compiled to .mo, without GNU gettext."""

from django.core.management.base import BaseCommand

from home.translations import compile_catalogs


class Command(BaseCommand):
    help = "Compile les traductions du projet (locale/) en fichiers .mo, sans outil externe."

    def handle(self, *args, **options):
        for path in compile_catalogs():
            self.stdout.write(f"Compilé : {path}")
