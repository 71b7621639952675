from django.core.management.base import BaseCommand, CommandError

from news.samples import generate_sample_events


class Command(BaseCommand):
    help = (
        "Crée N événements fictifs publiés du Mois de l'ESS (éditions passées et à venir), nommés « Exemple fictif … », "
        "pour les essais et les mesures."
    )

    def add_arguments(self, parser):
        parser.add_argument("--count", type=int, default=10, help="Nombre d'événements à créer (10 par défaut).")
        parser.add_argument("--seed", type=int, default=None, help="Graine du hasard, pour refaire le même jeu.")

    def handle(self, *args, count, seed, **options):
        if count < 1:
            raise CommandError("--count doit être un nombre positif.")
        created = generate_sample_events(count, seed)
        self.stdout.write(self.style.SUCCESS(f"{created} événements fictifs créés."))
