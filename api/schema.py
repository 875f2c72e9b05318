"""OpenAPI pieces every area shares (the error responses), and the schema's scope (API v1)."""

from drf_spectacular.utils import OpenApiExample, OpenApiResponse, inline_serializer
from rest_framework import serializers

from .errors import error_body

ERROR_EXAMPLE = OpenApiExample(
    "Erreur",
    value=error_body(400, fields={"domaine": ["Sélectionnez un choix valide."]}),
    response_only=True,
    status_codes=["400"],
)
ERRORS = {
    400: OpenApiResponse(
        inline_serializer(
            "Error",
            {
                "error": inline_serializer(
                    "ErrorBody",
                    {
                        "code": serializers.CharField(),
                        "message": serializers.CharField(),
                        "fields": serializers.DictField(
                            child=serializers.ListField(child=serializers.CharField())
                        ),
                    },
                )
            },
        ),
        description="Paramètres invalides ou inconnus.",
        examples=[ERROR_EXAMPLE],
    ),
}
NOT_FOUND = {404: OpenApiResponse(ERRORS[400].response, description="Introuvable.")}


def only_v1(endpoints, **kwargs):
    """Drop Wagtail's admin and v2 endpoints from the schema: they are documented by Wagtail."""
    return [endpoint for endpoint in endpoints if endpoint[0].startswith("/api/v1/")]
