"""Housekeeping run by the task worker."""

from datetime import timedelta

from django.utils import timezone
from django_tasks import default_task_backend, task

from cms.retention import purge_expired


@task()
def purge_expired_daily():
    """Apply the retention periods, then schedule the next run in a day."""
    deleted = purge_expired()
    schedule_purge(timezone.now() + timedelta(days=1))
    return deleted


def schedule_purge(when):
    """Queue the daily purge for `when` on a worker that can defer tasks; False otherwise."""
    if not default_task_backend.supports_defer:
        return False
    purge_expired_daily.using(run_after=when).enqueue()
    return True
