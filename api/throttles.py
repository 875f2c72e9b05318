"""Anonymous write limits: students need no account, so POSTs are limited per client IP."""

from django.conf import settings
from rest_framework.exceptions import ValidationError
from rest_framework.throttling import AnonRateThrottle
from rest_framework.views import APIView

from .errors import PayloadTooLarge


class AnonPostThrottle(AnonRateThrottle):
    """Throttle writes only; reads are cached and cheap. 429 carries Retry-After."""

    scope = "anon_post"

    def allow_request(self, request, view):
        if request.method in ("GET", "HEAD", "OPTIONS"):
            return True
        return super().allow_request(request, view)


class JsonWriteView(APIView):
    """A view that accepts small JSON bodies from anonymous students."""

    throttle_classes = [AnonPostThrottle]

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        if request.method in ("POST", "PUT", "PATCH"):
            try:
                length = int(request.META.get("CONTENT_LENGTH") or 0)
            except ValueError as error:
                raise ValidationError("En-tête Content-Length invalide.") from error
            if length > settings.API_MAX_BODY_BYTES:
                raise PayloadTooLarge()
