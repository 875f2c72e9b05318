from django.apps import AppConfig


class FormationsConfig(AppConfig):
    name = "cms.formations"
    label = "formations"
    verbose_name = "Formations"
