"""Rebuild the search indices from the CMS (new version, bulk load, atomic alias swap)."""

import time

from django.core.management.base import BaseCommand, CommandError

from search import service
from search.documents import DOC_TYPES
from search.transport import EngineUnavailable


class Command(BaseCommand):
    help = "Rebuild the search indices; searches keep working during the rebuild."

    def add_arguments(self, parser):
        parser.add_argument("--type", action="append", choices=DOC_TYPES, dest="types")

    def handle(self, *args, types=None, **options):
        started = time.perf_counter()
        try:
            count = service.rebuild(types or DOC_TYPES)
        except EngineUnavailable as error:
            # The engine's own words: what is wrong, not just that something is.
            raise CommandError(f"Search rebuild failed on the engine: {error.detail}") from error
        elapsed = time.perf_counter() - started
        backend = service.get_backend().name
        self.stdout.write(
            self.style.SUCCESS(f"{count} documents indexed ({backend}) in {elapsed:.1f}s.")
        )
