"""Apply the queued index updates (run by the worker or cron), or show the queue's state."""

import time

from django.core.management.base import BaseCommand

from search import service, sync


class Command(BaseCommand):
    help = "Apply pending search index updates; --status shows the queue."

    def add_arguments(self, parser):
        parser.add_argument("--status", action="store_true", help="show the queue and exit")
        parser.add_argument(
            "--loop",
            type=float,
            metavar="SECONDS",
            help="keep running, checking the queue every SECONDS",
        )

    def handle(self, *args, status=False, loop=None, **options):
        if status:
            state = sync.status()
            self.stdout.write(f"pending: {state['pending']}")
            self.stdout.write(f"oldest: {state['oldest'] or '-'}")
            self.stdout.write(f"attempts: {state['attempts']}")
            self.stdout.write(f"last error: {state['last_error'] or '-'}")
            return
        while True:
            applied = sync.drain(service.get_backend())
            pending = sync.status()["pending"]
            self.stdout.write(f"applied: {applied}, pending: {pending}")
            if loop is None:
                return
            time.sleep(loop)
