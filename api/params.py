"""Query-parameter validation shared by every endpoint.

Unknown parameters are rejected (400) rather than ignored, so that a typo in a filter never
silently returns unfiltered data; this is documented in the OpenAPI description.
"""

from rest_framework import serializers
from rest_framework.exceptions import ValidationError

PAGINATION_PARAMS = {"page", "page_size"}
UNKNOWN = "Paramètre inconnu."


def reject_unknown(query_params, allowed):
    unknown = sorted(set(query_params) - set(allowed))
    if unknown:
        raise ValidationError({name: [UNKNOWN] for name in unknown})


class PaginationParams(serializers.Serializer):
    page = serializers.IntegerField(min_value=1, required=False)
    page_size = serializers.IntegerField(min_value=1, max_value=100, required=False)


def validate(serializer_class, query_params):
    """Validate query parameters with a serializer; 400 with field errors when they are bad."""
    serializer = serializer_class(data=query_params)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data
