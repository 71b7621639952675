from django.core.management.base import BaseCommand

from actors.territory_data import load_territories


class Command(BaseCommand):
    help = "Charge ou met à jour les communes et intercommunalités de la Gironde (données officielles fournies)."

    def handle(self, *args, **options):
        epcis, communes = load_territories()
        self.stdout.write(self.style.SUCCESS(f"{communes} communes et {epcis} intercommunalités à jour."))
