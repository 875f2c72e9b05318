from django.apps import AppConfig


class CommunauteConfig(AppConfig):
    name = "cms.communaute"
    label = "communaute"
    verbose_name = "Communauté"
