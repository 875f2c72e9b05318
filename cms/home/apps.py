from django.apps import AppConfig
from django.db.models.signals import post_migrate


class HomeConfig(AppConfig):
    name = "cms.home"
    label = "home"
    verbose_name = "Accueil"

    def ready(self):
        from .editorial import on_post_migrate

        post_migrate.connect(on_post_migrate, dispatch_uid="home-editorial-setup")
