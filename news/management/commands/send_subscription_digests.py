"""The subscribers' digest: run by the periodic jobs; each address gets one at the club's period at most."""

from django.core.management.base import BaseCommand

from news.subscriptions.digest import due, send_digests


class Command(BaseCommand):
    help = (
        "Envoie aux abonnés confirmés dont le dernier envoi date d'au moins la période choisie par le club "
        "(chaque semaine par défaut) ce qui est nouveau sur ce qu'ils suivent ; rien quand il n'y a rien de "
        "nouveau (les e-mails partent par la file d'envoi)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--limit", type=int, default=500, help="Nombre d'abonnés au plus à chaque passage (500 par défaut)."
        )
        parser.add_argument("--dry-run", action="store_true", help="Compte les abonnés concernés sans rien envoyer.")

    def handle(self, *args, limit=500, dry_run=False, **options):
        from django.utils import timezone

        if dry_run:
            self.stdout.write(f"{due(timezone.now()).count()} abonné(s) à qui préparer un envoi.")
            return
        sent, quiet = send_digests(limit=max(limit, 0))
        self.stdout.write(f"{sent} envoi(s) préparé(s) ; {quiet} abonné(s) sans rien de nouveau.")
