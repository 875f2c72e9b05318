"""Erase Charly's conversations idle for longer than the retention period (run it daily)."""

from django.core.management.base import BaseCommand, CommandError

from chatbot.service import purge_conversations, retention


class Command(BaseCommand):
    help = (
        "Supprime les conversations de Charly (et leurs messages) sans activité depuis "
        "CHARLY_RETENTION_DAYS jours (90 par défaut), ou --days."
    )

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=None)

    def handle(self, *args, days, **options):
        if days is not None and days < 1:
            raise CommandError("--days doit être au moins 1.")
        days = retention().days if days is None else days
        deleted = purge_conversations(days)
        self.stdout.write(
            self.style.SUCCESS(
                f"{deleted} conversation(s) sans activité depuis {days} jours supprimée(s)."
            )
        )
