"""Anonymous limits that fit a classroom and resist spoofing.

Students need no account. A student's own limits follow what identifies them anonymously: their
conversation with Charly, their parcours token. Above that, a per-address ceiling is sized for a
whole school behind one public address (30 students chatting, taking the test and saving a
parcours in the same minute stay far below it), while a single client flooding the API is still
refused with 429 and Retry-After. The searches, whose cost is CPU, have their own per-address
limits. The address comes from `api.clients` (X-Forwarded-For only through TRUSTED_PROXIES), and
the counters live in the shared cache (production refuses a per-process one).
"""

import hashlib

from django.conf import settings
from rest_framework.exceptions import ValidationError
from rest_framework.throttling import SimpleRateThrottle
from rest_framework.views import APIView

from .clients import client_address
from .errors import PayloadTooLarge

WRITES = ("POST", "PUT", "PATCH", "DELETE")


class Throttle(SimpleRateThrottle):
    """A limit on `methods`, keyed by `key(request, view)` (None: not limited)."""

    methods = WRITES

    def get_rate(self):
        return settings.API_RATES[self.scope]

    def get_ident(self, request):
        return client_address(request)

    def key(self, request, view):
        return self.get_ident(request)

    def get_cache_key(self, request, view):
        if request.method not in self.methods:
            return None
        key = self.key(request, view)
        if key is None:
            return None
        digest = hashlib.sha256(str(key).encode()).hexdigest()[:32]
        return self.cache_format % {"scope": self.scope, "ident": digest}


class AddressWriteThrottle(Throttle):
    """Every anonymous write from one address: the ceiling for a whole school."""

    scope = "address_writes"


class ConversationThrottle(Throttle):
    """Messages in one conversation: one student's pace."""

    scope = "conversation"

    def key(self, request, view):
        return view.kwargs.get("conversation_id")


class ParcoursThrottle(Throttle):
    """Changes to one parcours (the token is hashed before it names the counter)."""

    scope = "parcours"

    def key(self, request, view):
        return view.kwargs.get("token")


class ClasseThrottle(Throttle):
    """Classes opened from one address: each one sends an e-mail to the address it is given."""

    scope = "classes"


class SearchThrottle(Throttle):
    """Full-text searches from one address (CPU-bound)."""

    scope = "search"
    methods = ("GET", "HEAD")


class SuggestThrottle(Throttle):
    """Autocomplete from one address: a request per keystroke, each one cheap."""

    scope = "suggest"
    methods = ("GET", "HEAD")


class JsonWriteView(APIView):
    """A view that accepts small JSON bodies from anonymous students; its answers (a parcours,
    a conversation, a result) are a student's own and are never stored by any cache."""

    throttle_classes = [AddressWriteThrottle]

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        response["Cache-Control"] = "no-store"
        return response

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        if request.method in ("POST", "PUT", "PATCH"):
            try:
                length = int(request.META.get("CONTENT_LENGTH") or 0)
            except ValueError as error:
                raise ValidationError("En-tête Content-Length invalide.") from error
            if length > settings.API_MAX_BODY_BYTES:
                raise PayloadTooLarge()
