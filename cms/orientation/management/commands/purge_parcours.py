"""Erase the parcours nobody has opened or changed for a year (run it daily, e.g. from cron)."""

from django.core.management.base import BaseCommand, CommandError

from cms.orientation.retention import purge_inactive


class Command(BaseCommand):
    help = "Supprime les parcours sans activité depuis 12 mois (ou --months)."

    def add_arguments(self, parser):
        parser.add_argument("--months", type=int, default=12)

    def handle(self, *args, months, **options):
        if months < 1:
            raise CommandError("--months doit être au moins 1.")
        deleted = purge_inactive(months=months)
        self.stdout.write(
            self.style.SUCCESS(
                f"{deleted} parcours sans activité depuis {months} mois supprimé(s)."
            )
        )
