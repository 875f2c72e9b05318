"""API v1 for the Semaine du numérique: the events (list, detail) and their iCalendar feeds.

Lists and details carry live seat counts, so they are not served from the shared cache; the
.ics feeds are (any edit of an edition or event bumps the content version). What the public may
see and how it is filtered belong to `evenements.semaine.queries`.
"""

from django.http import HttpResponse
from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_field
from rest_framework import generics, serializers
from rest_framework.negotiation import BaseContentNegotiation
from rest_framework.renderers import JSONRenderer

from cms.formations.choices import Region
from evenements.semaine import calendar, queries
from evenements.semaine.models import NiveauPublic, TypeEvenement

from .catalogue import ChoiceLabel
from .params import (
    RADIUS_KM_DEFAULT,
    RADIUS_NEEDS_NEAR,
    BooleanParam,
    CsvChoiceField,
    LatLonParam,
    PaginationParams,
    RadiusParam,
    reject_unknown,
    validate,
)
from .schema import ERRORS, NOT_FOUND

TAGS = ["événements"]


class EvenementParams(serializers.Serializer):
    edition = serializers.CharField(
        required=False, max_length=40, help_text="Année (2026) ou slug d'une édition publiée."
    )
    region = CsvChoiceField(Region.choices, required=False)
    type = CsvChoiceField(TypeEvenement.choices, required=False)
    niveau = CsvChoiceField(
        NiveauPublic.choices, required=False, help_text="Public accueilli, un ou plusieurs."
    )
    du = serializers.DateField(
        required=False, help_text="Premier jour (AAAA-MM-JJ), heure de Paris."
    )
    au = serializers.DateField(required=False, help_text="Dernier jour (AAAA-MM-JJ), inclus.")
    en_ligne = BooleanParam(required=False, help_text="Seulement les événements à suivre en ligne.")
    near = LatLonParam(
        required=False, help_text="latitude,longitude : les événements autour, du plus proche."
    )
    radius_km = RadiusParam(required=False)

    def validate_edition(self, value):
        edition = queries.edition_publiee(value)
        if edition is None:
            raise serializers.ValidationError("Cette édition n'existe pas ou n'est pas publiée.")
        return edition

    def validate(self, data):
        if "radius_km" in data and "near" not in data:
            raise serializers.ValidationError({"radius_km": RADIUS_NEEDS_NEAR})
        if "du" in data and "au" in data and data["au"] < data["du"]:
            raise serializers.ValidationError({"au": "Le dernier jour vient après le premier."})
        return data


class EvenementListParams(EvenementParams, PaginationParams):
    pass


def search(query_params, params_class, default_edition=False):
    """The events the parameters ask for: a queryset, or [(evenement, distance)] with `near`."""
    reject_unknown(query_params, params_class().fields)
    data = validate(params_class, query_params)
    edition = data.get("edition")
    if edition is None and default_edition:
        edition = queries.derniere_edition()
    evenements = queries.filtrer(
        queries.evenements_publics(),
        edition=edition,
        regions=data.get("region", ()),
        types=data.get("type", ()),
        niveaux=data.get("niveau", ()),
        du=data.get("du"),
        au=data.get("au"),
        en_ligne=data.get("en_ligne"),
    )
    if "near" in data:
        lat, lon = data["near"]
        radius = data.get("radius_km", RADIUS_KM_DEFAULT)
        return edition, queries.autour(evenements, lat, lon, radius)
    return edition, evenements


class OrganisateurSerializer(serializers.Serializer):
    type = serializers.ChoiceField(["etablissement", "federation", "organisation"])
    slug = serializers.CharField(allow_null=True, help_text="Null pour une autre organisation.")
    title = serializers.CharField()


@extend_schema_field(OrganisateurSerializer)
class OrganisateurField(serializers.Field):
    def __init__(self, **kwargs):
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, evenement):
        related = evenement.etablissement or evenement.federation
        return {
            "type": evenement.organisateur_type,
            "slug": related.slug if related else None,
            "title": evenement.organisateur_nom,
        }


class EvenementListSerializer(serializers.Serializer):
    slug = serializers.CharField()
    title = serializers.CharField(source="titre")
    type = serializers.CharField()
    type_libelle = ChoiceLabel("type")
    edition = serializers.IntegerField(source="edition.annee")
    organisateur = OrganisateurField()
    niveaux = serializers.SerializerMethodField()
    debut = serializers.DateTimeField(help_text="ISO 8601, avec le décalage de l'heure de Paris.")
    fin = serializers.DateTimeField()
    commune = serializers.CharField()
    region = serializers.CharField()
    region_libelle = ChoiceLabel("region")
    latitude = serializers.FloatField(allow_null=True)
    longitude = serializers.FloatField(allow_null=True)
    en_ligne = serializers.SerializerMethodField()
    capacite = serializers.IntegerField(help_text="Nombre d'élèves accueillis.")
    places_restantes = serializers.IntegerField()
    inscriptions_ouverture = serializers.DateTimeField()
    inscriptions_fermeture = serializers.DateTimeField()
    inscriptions_ouvertes = serializers.BooleanField()
    distance_km = serializers.SerializerMethodField()

    def get_niveaux(self, evenement) -> list[str]:
        return [niveau.code for niveau in evenement.niveaux.all()]

    def get_en_ligne(self, evenement) -> bool:
        return bool(evenement.lien_en_ligne)

    def get_distance_km(self, evenement) -> float | None:
        distance = (self.context.get("distances") or {}).get(evenement.pk)
        return round(distance, 2) if distance is not None else None


class EvenementDetailSerializer(EvenementListSerializer):
    description = serializers.CharField()
    adresse = serializers.CharField()
    lien_en_ligne = serializers.CharField()
    calendrier = serializers.SerializerMethodField(help_text="Adresse du fichier .ics.")

    def get_calendrier(self, evenement) -> str:
        path = reverse("v1:evenement-calendrier", kwargs={"slug": evenement.slug})
        return self.context["request"].build_absolute_uri(path)


@extend_schema(
    summary="Les événements de la Semaine du numérique",
    description="Trié par date, ou par distance avec `near`. Seules les éditions publiées.",
    parameters=[EvenementListParams],
    responses={200: EvenementListSerializer(many=True), **ERRORS},
    tags=TAGS,
)
class EvenementList(generics.ListAPIView):
    serializer_class = EvenementListSerializer
    filter_backends = []

    def list(self, request, *args, **kwargs):
        _, found = search(request.query_params, EvenementListParams)
        distances = {}
        if isinstance(found, list):
            distances = {evenement.pk: distance for evenement, distance in found}
            found = [evenement for evenement, _ in found]
        page = self.paginate_queryset(found)
        context = {**self.get_serializer_context(), "distances": distances}
        serializer = EvenementListSerializer(page, many=True, context=context)
        return self.get_paginated_response(serializer.data)


class DetailView(generics.RetrieveAPIView):
    lookup_field = "slug"
    filter_backends = []

    def get_queryset(self):
        return queries.evenements_publics()

    def retrieve(self, request, *args, **kwargs):
        reject_unknown(request.query_params, ())
        return super().retrieve(request, *args, **kwargs)


@extend_schema(
    summary="Un événement, avec ses places restantes",
    responses={200: EvenementDetailSerializer, **NOT_FOUND},
    tags=TAGS,
)
class EvenementDetail(DetailView):
    serializer_class = EvenementDetailSerializer


class JsonErrors(BaseContentNegotiation):
    """A calendar answers in text/calendar whatever the client accepts; its errors in JSON."""

    def select_renderer(self, request, renderers, format_suffix=None):
        return JSONRenderer(), JSONRenderer.media_type

    def select_parser(self, request, parsers):
        return parsers[0] if parsers else None


def ics_response(content, filename):
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


ICS = {(200, "text/calendar"): OpenApiResponse(OpenApiTypes.STR, description="iCalendar")}


@extend_schema(
    summary="Calendrier (.ics) d'une édition, filtrable comme la liste",
    description="Sans `edition`, la dernière édition publiée. Heures en Europe/Paris (VTIMEZONE).",
    parameters=[EvenementParams],
    responses={**ICS, **ERRORS},
    tags=TAGS,
)
class EditionCalendar(generics.GenericAPIView):
    content_negotiation_class = JsonErrors
    filter_backends = []

    def get(self, request):
        edition, found = search(request.query_params, EvenementParams, default_edition=True)
        if isinstance(found, list):
            found = [evenement for evenement, _ in found]
        annee = edition.annee if edition else ""
        name = f"Semaine du numérique {annee}".strip()
        return ics_response(calendar.calendar_ics(found, name), f"semaine-du-numerique-{annee}.ics")


@extend_schema(
    summary="Calendrier (.ics) d'un événement",
    responses={**ICS, **NOT_FOUND},
    tags=TAGS,
)
class EvenementCalendar(DetailView):
    content_negotiation_class = JsonErrors

    def retrieve(self, request, *args, **kwargs):
        reject_unknown(request.query_params, ())
        evenement = self.get_object()
        return ics_response(calendar.evenement_ics(evenement), f"{evenement.slug}.ics")
