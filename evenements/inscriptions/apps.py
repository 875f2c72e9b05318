from django.apps import AppConfig


class InscriptionsConfig(AppConfig):
    name = "evenements.inscriptions"
    label = "inscriptions"
    verbose_name = "Inscriptions des classes"
