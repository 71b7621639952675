import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from actors.importer import ActorImporter, ImportFileError, format_report


class Command(BaseCommand):
    help = (
        "Importe un tableur CSV d'acteurs (mise à jour par SIRET, sinon par identifiant). "
        "Tout ou rien : une ligne refusée annule l'import."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="Le fichier CSV (UTF-8, séparateur « ; » ou « , »).")
        parser.add_argument("--dry-run", action="store_true", help="Montre le rapport sans rien enregistrer.")
        parser.add_argument("--publish", action="store_true", help="Publie les fiches créées ou modifiées.")

    def handle(self, *args, file, dry_run, publish, **options):
        try:
            data = file.read_bytes()
        except OSError as error:
            raise CommandError(f"Impossible de lire {file} : {error.strerror}.") from None

        def progress(done, total):
            if total >= 200:
                sys.stderr.write(f"\r{done}/{total} lignes")
                if done == total:
                    sys.stderr.write("\n")

        try:
            report = ActorImporter(progress).run(data, dry_run=dry_run, publish=publish)
        except ImportFileError as error:
            raise CommandError(str(error)) from None
        for line in format_report(report):
            self.stdout.write(line)
        if report.rejected and not dry_run:
            raise CommandError(f"{len(report.rejected)} ligne(s) refusée(s) : rien n'a été enregistré.")
