from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from wagtail.models import Site

from home.site_address import set_site_address


class Command(BaseCommand):
    help = (
        "Donne au site Wagtail par défaut l'adresse publique (nom d'hôte et port) d'où sont construits les liens "
        "absolus : celle passée en argument, sinon WAGTAILADMIN_BASE_URL."
    )

    def add_arguments(self, parser):
        parser.add_argument("url", nargs="?", help="Par exemple http://127.0.0.1:8000 ou https://club-ess.example.org")

    def handle(self, *args, url=None, **options):
        try:
            site = set_site_address(url or settings.WAGTAILADMIN_BASE_URL)
        except ValueError as error:
            raise CommandError(str(error)) from error
        except Site.DoesNotExist as error:
            raise CommandError(
                "Aucun site Wagtail par défaut : lancez d'abord « python manage.py migrate »."
            ) from error
        self.stdout.write(self.style.SUCCESS(f"Adresse du site : {site.hostname}:{site.port}"))
