"""Deletes what visitors sent through the public forms once it is older than the retention period."""

from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from home.retention import purge_before


class Command(BaseCommand):
    help = (
        "Efface les envois de formulaires plus anciens que la durée de conservation "
        "(FORM_RETENTION_DAYS, 365 jours par défaut)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help="Durée de conservation en jours (par défaut : le réglage FORM_RETENTION_DAYS).",
        )
        parser.add_argument("--dry-run", action="store_true", help="Compte sans rien effacer.")

    def handle(self, *args, days=None, dry_run=False, **options):
        days = settings.FORM_RETENTION_DAYS if days is None else days
        if days < 1:
            self.stderr.write("La durée de conservation doit être d'au moins un jour.")
            return
        cutoff = timezone.now() - timedelta(days=days)
        counts = purge_before(cutoff, dry_run=dry_run)
        verb = "à effacer" if dry_run else "effacés"
        for label, count in counts.items():
            self.stdout.write(f"{label} : {count} {verb} (avant le {cutoff:%d/%m/%Y}).")
