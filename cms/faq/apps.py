from django.apps import AppConfig


class FaqConfig(AppConfig):
    name = "cms.faq"
    label = "faq"
    verbose_name = "Questions fréquentes"
