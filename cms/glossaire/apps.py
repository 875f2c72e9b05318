from django.apps import AppConfig


class GlossaireConfig(AppConfig):
    name = "cms.glossaire"
    label = "glossaire"
    verbose_name = "Glossaire"
