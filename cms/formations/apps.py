from django.apps import AppConfig


class FormationsConfig(AppConfig):
    name = "cms.formations"
    label = "formations"
    verbose_name = "Formations"

    def ready(self):
        from .slugs import register_ascii_slugs

        register_ascii_slugs()
