from django.apps import AppConfig


class FrontendConfig(AppConfig):
    name = "cms.frontend"
    label = "frontend"
    verbose_name = "Site des élèves"

    def ready(self):
        # Charly's endpoints answer partner sites from the first request on, before any URL
        # module is loaded (the CORS middleware asks first).
        from . import charly  # noqa: F401
