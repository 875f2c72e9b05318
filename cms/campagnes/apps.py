from django.apps import AppConfig


class CampagnesConfig(AppConfig):
    name = "cms.campagnes"
    label = "campagnes"
    verbose_name = "Campagnes"
