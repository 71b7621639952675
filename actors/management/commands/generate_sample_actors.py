from django.core.management.base import BaseCommand, CommandError

from actors.samples import generate_sample_actors


class Command(BaseCommand):
    help = "Crée N acteurs fictifs publiés, nommés « Exemple fictif … », pour les essais et les mesures."

    def add_arguments(self, parser):
        parser.add_argument("--count", type=int, default=100, help="Nombre d'acteurs à créer (100 par défaut).")
        parser.add_argument("--seed", type=int, default=None, help="Graine du hasard, pour refaire le même jeu.")

    def handle(self, *args, count, seed, **options):
        if count < 1:
            raise CommandError("--count doit être un nombre positif.")
        created = generate_sample_actors(count, seed)
        self.stdout.write(self.style.SUCCESS(f"{created} acteurs fictifs créés."))
