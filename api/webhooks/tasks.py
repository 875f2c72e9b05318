"""Background work of the webhooks, run by Django's task worker when one is configured."""

from django_tasks import task

from . import delivery


@task()
def deliver_due_webhooks():
    return dict(delivery.run())
