from django.apps import AppConfig


class OrientationConfig(AppConfig):
    name = "cms.orientation"
    label = "orientation"
    verbose_name = "Test d'orientation"
