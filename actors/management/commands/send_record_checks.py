"""The yearly « Vérifiez votre fiche »: run by the periodic jobs, a few records at a time."""

from django.core.management.base import BaseCommand

from actors.record_checks import due_for_yearly_request, send_yearly_requests


class Command(BaseCommand):
    help = (
        "Envoie « Vérifiez votre fiche » aux fiches publiées non vérifiées depuis 12 mois, au plus une fois par "
        "fiche et par an, quelques-unes à chaque passage (les e-mails partent par la file d'envoi)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--limit", type=int, default=20, help="Nombre de demandes au plus à chaque passage (20 par défaut)."
        )
        parser.add_argument("--dry-run", action="store_true", help="Compte les fiches concernées sans rien envoyer.")

    def handle(self, *args, limit=20, dry_run=False, **options):
        if dry_run:
            self.stdout.write(f"{due_for_yearly_request().count()} fiche(s) à qui demander une vérification.")
            return
        sent = send_yearly_requests(max(limit, 0))
        self.stdout.write(f"{sent} demande(s) « Vérifiez votre fiche » envoyée(s).")
