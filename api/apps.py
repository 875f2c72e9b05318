from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "api"
    label = "api"
    verbose_name = "API"

    def ready(self):
        from . import cache

        cache.connect_signals()
