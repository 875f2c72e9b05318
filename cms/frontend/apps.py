from django.apps import AppConfig


class FrontendConfig(AppConfig):
    name = "cms.frontend"
    label = "frontend"
    verbose_name = "Site des élèves"
