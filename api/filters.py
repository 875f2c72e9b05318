"""Query filters of the list endpoints (django-filter): every value is validated, and a bad one
is a 400 with the parameter's name, never a silently ignored filter."""

import re

import django_filters as filters
from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from cms.formations.choices import Niveau, Region, Statut, TypeEtablissement, TypeFormation
from cms.formations.models import Etablissement, FormationPage
from cms.metiers.choices import Domaine
from cms.metiers.models import MetierPage
from cms.metiers.riasec import holland_code
from search.backends.base import haversine_km

BOOLEAN_CHOICES = [("true", "oui"), ("false", "non")]
MAX_RADIUS_KM = 1000


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
        match = re.fullmatch(r"\s*(-?\d+(?:\.\d+)?)\s*,\s*(-?\d+(?:\.\d+)?)\s*", value)
        if not match:
            raise ValidationError("Format attendu : latitude,longitude (ex. 45.76,4.83).")
        lat, lon = float(match[1]), float(match[2])
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            raise ValidationError("Latitude entre -90 et 90, longitude entre -180 et 180.")
        return lat, lon


class LatLonFilter(filters.Filter):
    field_class = LatLonField


class MetierFilter(filters.FilterSet):
    domaine = ChoiceInFilter(choices=Domaine.choices, help_text="Un ou plusieurs domaines.")
    niveau = filters.TypedChoiceFilter(
        choices=Niveau.choices,
        coerce=int,
        method="filter_niveau",
        help_text="Métiers accessibles avec ce niveau d'études (bac+N).",
    )
    riasec = filters.CharFilter(
        method="filter_riasec",
        validators=[
            RegexValidator(r"^[RIASECriasec]{1,3}$", "Une à trois lettres parmi R, I, A, S, E, C.")
        ],
        help_text="Début du code RIASEC, ex. I (dominante Investigateur) ou IA.",
    )
    ordering = filters.OrderingFilter(
        fields=(
            ("title", "titre"),
            ("niveau_acces_min", "niveau"),
            ("salaire_debutant_min", "salaire"),
        ),
    )

    class Meta:
        model = MetierPage
        fields = ["domaine", "niveau", "riasec"]

    @extend_schema_field(OpenApiTypes.INT)
    def filter_niveau(self, queryset, name, value):
        return queryset.filter(niveau_acces_min__lte=value)

    @extend_schema_field(OpenApiTypes.STR)
    def filter_riasec(self, queryset, name, value):
        prefix = value.upper()
        columns = [f"riasec_{letter}" for letter in "riasec"]
        matching = [
            row[0]
            for row in queryset.values_list("pk", *columns)
            if holland_code(dict(zip("RIASEC", row[1:], strict=True))).startswith(prefix)
        ]
        return queryset.filter(pk__in=matching)


class FormationFilter(filters.FilterSet):
    niveau = ChoiceInFilter(
        field_name="niveau_sortie",
        choices=[(str(value), label) for value, label in Niveau.choices],
        help_text="Niveau de sortie (bac+N), un ou plusieurs.",
    )
    type = ChoiceInFilter(field_name="type_formation", choices=TypeFormation.choices)
    alternance = BooleanChoiceFilter()
    metier = filters.ModelChoiceFilter(
        field_name="debouches",
        to_field_name="slug",
        queryset=MetierPage.objects.live(),
        help_text="Slug d'un métier : les formations qui y mènent.",
    )
    region = ChoiceInFilter(field_name="etablissements__region", choices=Region.choices,
                            distinct=True)  # fmt: skip
    ordering = filters.OrderingFilter(fields=(("title", "titre"), ("niveau_sortie", "niveau")))

    class Meta:
        model = FormationPage
        fields = ["niveau", "type", "alternance", "metier", "region"]


class EtablissementFilterForm(forms.Form):
    def clean(self):
        data = super().clean()
        radius = data.get("radius_km")
        if radius is not None:
            if data.get("near") is None:
                self.add_error("radius_km", "radius_km s'utilise avec near.")
            elif not 0 < radius <= MAX_RADIUS_KM:
                self.add_error("radius_km", f"Entre 0 et {MAX_RADIUS_KM} km.")
        return data


class EtablissementFilter(filters.FilterSet):
    region = ChoiceInFilter(choices=Region.choices)
    type = ChoiceInFilter(choices=TypeEtablissement.choices)
    statut = filters.ChoiceFilter(choices=Statut.choices)
    membre = BooleanChoiceFilter()
    formation = filters.ModelChoiceFilter(
        field_name="formations",
        to_field_name="slug",
        queryset=FormationPage.objects.live(),
        help_text="Slug d'une formation : les établissements qui la proposent.",
    )
    near = LatLonFilter(method="filter_near", help_text="latitude,longitude du point.")
    radius_km = filters.NumberFilter(
        method="filter_noop", help_text="Rayon autour de `near`, en km (50 par défaut)."
    )
    ordering = filters.OrderingFilter(fields=(("nom", "nom"), ("ville", "ville")))

    class Meta:
        model = Etablissement
        fields = ["region", "type", "statut", "membre", "formation"]
        form = EtablissementFilterForm

    @extend_schema_field(OpenApiTypes.NUMBER)
    def filter_noop(self, queryset, name, value):
        return queryset

    @extend_schema_field(OpenApiTypes.STR)
    def filter_near(self, queryset, name, value):
        """Keep establishments within the radius; distances are kept for the serializer."""
        lat, lon = value
        radius = self.form.cleaned_data.get("radius_km") or 50
        self.distances = {}
        for pk, e_lat, e_lon in queryset.values_list("pk", "latitude", "longitude"):
            distance = haversine_km(lat, lon, float(e_lat), float(e_lon))
            if distance <= radius:
                self.distances[pk] = distance
        return queryset.filter(pk__in=list(self.distances))
