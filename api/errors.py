"""One JSON shape for every API error: {"error": {"code", "message", "fields"}}.

Frontends branch on `code` (stable, English, snake_case) and show `message` (French);
`fields` maps each bad parameter or body field to its messages.
"""

from django.core.exceptions import PermissionDenied, RequestDataTooBig
from django.db import InterfaceError, OperationalError
from django.http import Http404, JsonResponse
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from cms.errors import DomainError

CODES = {
    400: "invalid",
    401: "not_authenticated",
    403: "permission_denied",
    404: "not_found",
    405: "method_not_allowed",
    406: "not_acceptable",
    409: "conflict",
    410: "gone",
    413: "payload_too_large",
    415: "unsupported_media_type",
    429: "throttled",
}
MESSAGES = {
    400: "La requête contient des erreurs.",
    401: "Authentification nécessaire.",
    403: "Vous n'avez pas le droit de faire cela.",
    404: "Cette ressource n'existe pas.",
    405: "Cette méthode n'est pas permise ici.",
    406: "Ce format de réponse n'est pas disponible.",
    409: "Cette action entre en conflit avec l'état actuel.",
    410: "Cette ressource n'est plus disponible.",
    413: "La requête est trop volumineuse.",
    415: "Le corps de la requête doit être du JSON.",
    429: "Trop de requêtes : réessaie dans un moment.",
    500: "Une erreur interne est survenue.",
    503: "Le service est momentanément indisponible : réessaie dans un instant.",
}


class Conflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = MESSAGES[409]
    default_code = "conflict"


class PayloadTooLarge(exceptions.APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_detail = MESSAGES[413]
    default_code = "payload_too_large"


def error_body(status_code, message=None, fields=None, code=None):
    return {
        "error": {
            "code": code or CODES.get(status_code, "error"),
            "message": message or MESSAGES.get(status_code, MESSAGES[500]),
            "fields": fields or {},
        }
    }


def _flatten(detail):
    """DRF error details as {field: [messages]}; nested fields use dotted names."""
    if isinstance(detail, dict):
        flat = {}
        for name, value in detail.items():
            for key, messages in _flatten(value).items():
                flat[f"{name}.{key}" if key else str(name)] = messages
        return flat
    if isinstance(detail, list):
        if all(not isinstance(item, dict | list) for item in detail):
            return {"": [str(item) for item in detail]}
        flat = {}
        for index, item in enumerate(detail):
            for key, messages in _flatten(item).items():
                flat[f"{index}.{key}" if key else str(index)] = messages
        return flat
    return {"": [str(detail)]}


def exception_handler(exc, context):
    """Every error of the API, in one shape: the rooms' refusals (`cms.errors.DomainError`),
    DRF's and Django's."""
    if isinstance(exc, DomainError):
        return Response(error_body(exc.status, exc.message, exc.fields, exc.code), exc.status)
    if isinstance(exc, OperationalError | InterfaceError):
        # The database is restarting or unreachable: a clean, retryable answer; Django's
        # health checks reconnect at the next request (CONN_HEALTH_CHECKS).
        return Response(error_body(503, MESSAGES[503], code="unavailable"), status=503)
    if isinstance(exc, RequestDataTooBig):
        exc = PayloadTooLarge()
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied()
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    status_code = response.status_code
    if isinstance(exc, exceptions.ValidationError):
        fields = _flatten(exc.detail)
        general = fields.pop("", None) or fields.pop("non_field_errors", None)
        message = general[0] if general else MESSAGES[400]
        response.data = error_body(400, message, fields)
    else:
        detail = getattr(exc, "detail", None)
        message = MESSAGES.get(status_code)
        if status_code in (409, 413) or (status_code == 400 and detail):
            message = str(detail)
        code = getattr(detail, "code", None) if status_code == 400 else None
        response.data = error_body(status_code, message, code=code)
    return response


def json_error(request, status_code, exception=None):
    """Django-level errors under /api/ (unknown URL, server error) keep the JSON shape."""
    return JsonResponse(error_body(status_code), status=status_code)
