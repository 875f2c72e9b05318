"""Load the demonstration content (idempotent: run it as often as you like)."""

from django.core.management.base import BaseCommand

from cms.demo.loader import load_demo


class Command(BaseCommand):
    help = "Load or refresh the demo content: 25 métiers, formations, établissements, pages."

    def handle(self, *args, **options):
        counts = load_demo()
        summary = ", ".join(f"{count} {name}" for name, count in counts.items())
        self.stdout.write(self.style.SUCCESS(f"Contenu de démonstration chargé : {summary}."))
