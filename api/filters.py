"""Query filters of the list endpoints (django-filter): every value is validated, and a bad one
is a 400 with the parameter's name, never a silently ignored filter."""

import django_filters as filters
from django import forms
from django.core.validators import RegexValidator
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from cms.formations.choices import Niveau, Region, Statut, TypeEtablissement, TypeFormation
from cms.formations.models import Etablissement, FormationPage
from cms.metiers.choices import Domaine
from cms.metiers.models import MetierPage
from cms.metiers.riasec import holland_code
from search.service import distance_km

from .params import (
    RADIUS_KM_DEFAULT,
    RADIUS_KM_MAX,
    RADIUS_NEEDS_NEAR,
    RADIUS_RANGE,
    BooleanChoiceFilter,
    ChoiceInFilter,
    LatLonFilter,
)


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
                self.add_error("radius_km", RADIUS_NEEDS_NEAR)
            elif not 0 < radius <= RADIUS_KM_MAX:
                self.add_error("radius_km", RADIUS_RANGE)
        return data


class EtablissementFilter(filters.FilterSet):
    region = ChoiceInFilter(choices=Region.choices)
    type = ChoiceInFilter(choices=TypeEtablissement.choices)
    statut = ChoiceInFilter(choices=Statut.choices)
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
        radius = self.form.cleaned_data.get("radius_km") or RADIUS_KM_DEFAULT
        self.distances = {}
        for pk, e_lat, e_lon in queryset.values_list("pk", "latitude", "longitude"):
            distance = distance_km(lat, lon, float(e_lat), float(e_lon))
            if distance <= radius:
                self.distances[pk] = distance
        return queryset.filter(pk__in=list(self.distances))
