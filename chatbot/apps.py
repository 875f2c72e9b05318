from django.apps import AppConfig


class ChatbotConfig(AppConfig):
    name = "chatbot"
    label = "chatbot"
    verbose_name = "Charly"

    def ready(self):
        from . import training

        training.connect_signals()
