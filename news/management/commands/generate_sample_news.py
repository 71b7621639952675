from django.core.management.base import BaseCommand, CommandError

from news.samples import generate_sample_news


class Command(BaseCommand):
    help = "Crée N actualités fictives publiées, nommées « Exemple fictif … », pour les essais et les mesures."

    def add_arguments(self, parser):
        parser.add_argument("--count", type=int, default=20, help="Nombre d'actualités à créer (20 par défaut).")
        parser.add_argument("--seed", type=int, default=None, help="Graine du hasard, pour refaire le même jeu.")

    def handle(self, *args, count, seed, **options):
        if count < 1:
            raise CommandError("--count doit être un nombre positif.")
        created = generate_sample_news(count, seed)
        self.stdout.write(self.style.SUCCESS(f"{created} actualités fictives créées."))
