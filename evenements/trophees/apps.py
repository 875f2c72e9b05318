from django.apps import AppConfig


class TropheesConfig(AppConfig):
    name = "evenements.trophees"
    label = "trophees"
    verbose_name = "Trophées NSI"
