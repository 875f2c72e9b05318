from django.apps import AppConfig


class TropheesConfig(AppConfig):
    name = "events.trophees"
    label = "trophees"
    verbose_name = "Trophées NSI"
