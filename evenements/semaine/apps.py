from django.apps import AppConfig


class SemaineConfig(AppConfig):
    name = "evenements.semaine"
    label = "semaine"
    verbose_name = "Semaine du numérique"
