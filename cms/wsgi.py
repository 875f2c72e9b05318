"""WSGI entry point for gunicorn; production settings unless told otherwise."""

import os
import threading

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.production")

application = get_wsgi_application()

from chatbot.service import warm_up  # noqa: E402 (the apps must be loaded first)

# Train Charly's models while the process starts, not on the first student's message.
threading.Thread(target=warm_up, name="charly-warm-up", daemon=True).start()
