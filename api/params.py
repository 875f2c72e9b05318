"""Query-parameter validation shared by every endpoint.

Unknown parameters are rejected (400) rather than ignored, so that a typo in a filter never
silently returns unfiltered data; this is documented in the OpenAPI description.
"""

import re

import django_filters as filters
from django import forms
from django.core.exceptions import ValidationError as FormValidationError
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


# One vocabulary for every endpoint: multi-valued filters are comma-separated, booleans are
# "true" or "false", a point is "latitude,longitude", a radius is in km within these bounds.
BOOLEAN_CHOICES = [("true", "oui"), ("false", "non")]
RADIUS_KM_DEFAULT = 50
RADIUS_KM_MAX = 1000
_LAT_LON = re.compile(r"\s*(-?\d+(?:\.\d+)?)\s*,\s*(-?\d+(?:\.\d+)?)\s*")
LAT_LON_FORMAT = "Format attendu : latitude,longitude (ex. 45.76,4.83)."
LAT_LON_RANGE = "Latitude entre -90 et 90, longitude entre -180 et 180."
RADIUS_RANGE = f"Entre 0 et {RADIUS_KM_MAX} km."
RADIUS_NEEDS_NEAR = "radius_km s'utilise avec near."


def parse_lat_lon(value):
    """(lat, lon) from "latitude,longitude"; ValueError with the message to show."""
    match = _LAT_LON.fullmatch(value or "")
    if not match:
        raise ValueError(LAT_LON_FORMAT)
    lat, lon = float(match[1]), float(match[2])
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise ValueError(LAT_LON_RANGE)
    return lat, lon


def split_csv(value):
    return [part.strip() for part in str(value).split(",") if part.strip()]


# For DRF serializers (search, map)


class CsvChoiceField(serializers.ListField):
    """Comma-separated values, each one from a list of choices."""

    def __init__(self, choices, **kwargs):
        super().__init__(child=serializers.ChoiceField(choices=choices), **kwargs)

    def to_internal_value(self, data):
        if isinstance(data, list) and len(data) == 1:
            data = data[0]
        try:
            return super().to_internal_value(split_csv(data))
        except serializers.ValidationError as error:
            detail = error.detail
            nested = detail.values() if isinstance(detail, dict) else [detail]
            raise serializers.ValidationError([str(m) for ms in nested for m in ms]) from error


class BooleanParam(serializers.ChoiceField):
    """ "true" or "false", and nothing else, as a Python boolean."""

    def __init__(self, **kwargs):
        super().__init__(choices=BOOLEAN_CHOICES, **kwargs)

    def to_internal_value(self, data):
        return super().to_internal_value(data) == "true"


class LatLonParam(serializers.CharField):
    def to_internal_value(self, data):
        try:
            return parse_lat_lon(super().to_internal_value(data))
        except ValueError as error:
            raise serializers.ValidationError(str(error)) from error


class RadiusParam(serializers.FloatField):
    def __init__(self, **kwargs):
        kwargs.setdefault(
            "help_text", f"Rayon autour de near, en km ({RADIUS_KM_DEFAULT} par défaut)."
        )
        super().__init__(min_value=0.1, max_value=RADIUS_KM_MAX, **kwargs)


class StrictSerializer(serializers.Serializer):
    """A request body that refuses fields it does not know, so a typo never passes silently."""

    def run_validation(self, data=serializers.empty):
        if not isinstance(data, dict):
            raise serializers.ValidationError({"non_field_errors": ["Un objet JSON est attendu."]})
        return super().run_validation(data)

    def to_internal_value(self, data):
        unknown = sorted(set(data) - set(self.fields))
        if unknown:
            raise serializers.ValidationError({name: ["Champ inconnu."] for name in unknown})
        return super().to_internal_value(data)


# For django-filter filtersets (the catalogue's lists)


class ChoiceInFilter(filters.BaseInFilter, filters.ChoiceFilter):
    """Comma-separated values, each one checked against the choices."""


class BooleanChoiceFilter(filters.ChoiceFilter):
    """true or false, and nothing else (django-filter would ignore any other value)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("choices", BOOLEAN_CHOICES)
        super().__init__(*args, **kwargs)

    def filter(self, qs, value):
        if value in ("", None):
            return qs
        return qs.filter(**{self.field_name: value == "true"})


class LatLonField(forms.CharField):
    def clean(self, value):
        value = super().clean(value)
        if not value:
            return None
        try:
            return parse_lat_lon(value)
        except ValueError as error:
            raise FormValidationError(str(error)) from error


class LatLonFilter(filters.Filter):
    field_class = LatLonField
