"""Background work of the search room, run by Django's task worker (in-process by default)."""

from django_tasks import task

from . import service, sync


@task()
def apply_index_updates():
    return sync.drain(service.get_backend())
