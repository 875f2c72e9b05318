"""Send the webhook deliveries that are due (for cron or a worker) and say what happened."""

from django.core.management.base import BaseCommand

from api.webhooks import delivery
from api.webhooks.models import WebhookDelivery

Status = WebhookDelivery.Status


class Command(BaseCommand):
    help = "Send the webhook deliveries that are due, once each, and print a summary."

    def handle(self, *args, **options):
        outcomes = delivery.deliver_due()
        pending = WebhookDelivery.objects.filter(status=Status.PENDING).count()
        self.stdout.write(
            f"delivered: {outcomes[Status.DELIVERED]}, "
            f"to retry: {outcomes[Status.PENDING]}, "
            f"failed: {outcomes[Status.FAILED]}, "
            f"pending: {pending}"
        )
