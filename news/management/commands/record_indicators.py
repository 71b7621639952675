"""Adds today's value to the history of every computed indicator whose value changed (a periodic job)."""

from django.core.management.base import BaseCommand

from news.project.indicator_history import record_computed_indicators


class Command(BaseCommand):
    help = "Enregistre la valeur du jour des indicateurs calculés dont la valeur a changé (tâche périodique)."

    def handle(self, *args, **options):
        changed = record_computed_indicators()
        self.stdout.write(f"Indicateurs calculés : {changed} nouvelle(s) mesure(s).")
