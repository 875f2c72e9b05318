"""Content changes become deliveries, written in the transaction of the change; sending them is
scheduled for after the commit, so a rolled-back publish notifies no one.

Wagtail unpublishes a live page before deleting it: receivers then get `page.unpublished`, then
`page.deleted`, for the page and each of its descendants.
"""

from django.db import transaction
from django.db.models.signals import post_delete
from django.utils import timezone
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished

from . import delivery
from .models import WebhookDelivery, WebhookEndpoint, WebhookEvent


def page_summary(page):
    page_class = page.specific_class or type(page)
    return {
        "id": page.pk,
        "type": f"{page_class._meta.app_label}.{page_class.__name__}",
        "slug": page.slug,
        "title": page.title,
        "url": page.get_full_url(),
    }


def record(event, page):
    """Queue one delivery per active endpoint subscribed to `event`."""
    endpoints = list(WebhookEndpoint.objects.subscribed_to(event))
    if not endpoints:
        return
    payload = {
        "event": event,
        "page": page_summary(page),
        "occurred_at": timezone.now().isoformat(),
    }
    WebhookDelivery.objects.bulk_create(
        WebhookDelivery(endpoint=endpoint, event=event, payload=payload) for endpoint in endpoints
    )
    # robust: a failure to schedule must not turn a committed publish into an error page; the
    # rows stay pending for the next run or `manage.py deliver_webhooks`.
    transaction.on_commit(delivery.schedule, robust=True)


def on_page_published(sender, instance, **kwargs):
    record(WebhookEvent.PUBLISHED, instance)


def on_page_unpublished(sender, instance, **kwargs):
    record(WebhookEvent.UNPUBLISHED, instance)


def on_page_deleted(sender, instance, **kwargs):
    record(WebhookEvent.DELETED, instance)


def connect_signals():
    page_published.connect(on_page_published, dispatch_uid="webhooks-page-published")
    page_unpublished.connect(on_page_unpublished, dispatch_uid="webhooks-page-unpublished")
    # Sent once per deleted page (base Page row), whatever its specific type.
    post_delete.connect(on_page_deleted, sender=Page, dispatch_uid="webhooks-page-deleted")
