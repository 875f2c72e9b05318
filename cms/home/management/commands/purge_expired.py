"""Apply every retention period (conversations, test results, parcours, search aggregates,
class registrations to events)."""

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from cms.home.tasks import schedule_purge
from cms.retention import purge_expired


class Command(BaseCommand):
    help = (
        "Supprime ce qui a dépassé sa durée de conservation : conversations de Charly, "
        "résultats du test, parcours, agrégats de recherches, inscriptions des classes aux "
        "événements. --schedule confie la purge "
        "quotidienne au worker de tâches."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--schedule",
            action="store_true",
            help="Planifie la purge quotidienne sur le worker (TASKS_BACKEND=django_tasks_db).",
        )

    def handle(self, *args, schedule, **options):
        if schedule:
            if not schedule_purge(timezone.now()):
                raise CommandError(
                    "Ce backend de tâches ne sait pas différer une tâche : lance plutôt "
                    "« manage.py purge_expired » chaque jour (cron)."
                )
            self.stdout.write(self.style.SUCCESS("Purge quotidienne planifiée sur le worker."))
            return
        for kind, deleted in purge_expired().items():
            self.stdout.write(f"{kind} : {deleted} supprimé(s)")
