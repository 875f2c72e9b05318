from django.apps import AppConfig


class MetiersConfig(AppConfig):
    name = "cms.metiers"
    label = "metiers"
    verbose_name = "Métiers"
