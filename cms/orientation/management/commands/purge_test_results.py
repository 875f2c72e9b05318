"""Erase anonymous test results past their retention period (run it daily, e.g. from cron)."""

from django.core.management.base import BaseCommand, CommandError

from cms.orientation.retention import purge_results


class Command(BaseCommand):
    help = "Supprime les résultats du test plus anciens que 24 mois (ou --months)."

    def add_arguments(self, parser):
        parser.add_argument("--months", type=int, default=24)

    def handle(self, *args, months, **options):
        if months < 1:
            raise CommandError("--months doit être au moins 1.")
        deleted = purge_results(months=months)
        self.stdout.write(
            self.style.SUCCESS(f"{deleted} résultat(s) de plus de {months} mois supprimé(s).")
        )
