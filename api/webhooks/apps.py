from django.apps import AppConfig


class WebhooksConfig(AppConfig):
    name = "api.webhooks"
    label = "webhooks"
    verbose_name = "Webhooks"

    def ready(self):
        from . import events

        events.connect_signals()
