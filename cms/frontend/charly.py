"""Charly's embeddable widget: /charly/widget.js, and the cross-origin calls it makes.

A partner pastes one tag, `<script src="https://…/charly/widget.js" data-api="https://…"
defer></script>`, and its page gets Charly's chat bubble (static/js/charly-widget.js, one
self-contained file). The file is served here under a stable address, with an ETag so that a
partner's visitors revalidate it cheaply; a deployment updates it without the partners changing
their tag.

The widget talks to API v1 from the partner's origin, so Charly's endpoints answer cross-origin
requests from CHARLY_WIDGET_ORIGINS ("*": any site), through django-cors-headers' per-request
signal. Conversations are anonymous and use no cookie, so no credentials are ever allowed; the
rest of the API keeps CORS_ALLOWED_ORIGINS (docs/charly-widget.md explains the choice)."""

import hashlib
import re
from functools import cache
from pathlib import Path

from corsheaders.signals import check_request_enabled
from django.conf import settings
from django.contrib.staticfiles import finders
from django.http import HttpResponse
from django.urls import path
from django.views.decorators.http import condition, require_safe

WIDGET = "js/charly-widget.js"
CHARLY_ENDPOINTS = re.compile(r"^/api/v1/charly/")
MAX_AGE = 3600  # how long a partner's visitor reuses the file before revalidating it


@cache
def widget_file():
    """(the widget's bytes, its ETag), read once per process."""
    body = Path(finders.find(WIDGET)).read_bytes()
    return body, f'"{hashlib.sha256(body).hexdigest()[:20]}"'


@require_safe
@condition(etag_func=lambda request: widget_file()[1])
def widget(request):
    response = HttpResponse(widget_file()[0], content_type="text/javascript; charset=utf-8")
    response["Cache-Control"] = f"public, max-age={MAX_AGE}"
    # Partner pages that isolate themselves (Cross-Origin-Embedder-Policy) may still load it.
    response["Cross-Origin-Resource-Policy"] = "cross-origin"
    return response


def allow_widget_origins(sender, request, **kwargs):
    """django-cors-headers asks each request: Charly's endpoints answer the widget's origins."""
    if not CHARLY_ENDPOINTS.match(request.path_info):
        return False
    origins = settings.CHARLY_WIDGET_ORIGINS
    return "*" in origins or request.headers.get("origin") in origins


check_request_enabled.connect(allow_widget_origins, dispatch_uid="charly-widget-origins")

urlpatterns = [path("charly/widget.js", widget, name="charly-widget")]
