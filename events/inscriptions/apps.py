from django.apps import AppConfig


class InscriptionsConfig(AppConfig):
    name = "events.inscriptions"
    label = "inscriptions"
    verbose_name = "Inscriptions des classes"
