from django.apps import AppConfig


class SemaineConfig(AppConfig):
    name = "events.semaine"
    label = "semaine"
    verbose_name = "Semaine du numérique"
