"""API v1 views: thin. They validate input, call the rooms that own the logic, and serialize."""

from django.db.models import Prefetch
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
    inline_serializer,
)
from rest_framework import generics, serializers
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView
from wagtail.images import get_image_model

from cms.formations.choices import Niveau, Region, Statut, TypeEtablissement, TypeFormation
from cms.formations.models import Etablissement, FormationPage
from cms.metiers.choices import Domaine
from cms.metiers.models import MetierPage
from search import service
from search.documents import DOC_TYPES

from . import serializers as s
from .errors import error_body
from .filters import EtablissementFilter, FormationFilter, MetierFilter
from .media import LIST_RENDITIONS, RENDITIONS
from .params import PAGINATION_PARAMS, PaginationParams, reject_unknown, validate

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


def images_with(*specs):
    return Prefetch("image", queryset=get_image_model().objects.prefetch_renditions(*specs))


class ListView(generics.ListAPIView):
    """A list endpoint: strict query parameters, filters, pagination, ordering."""

    def list(self, request, *args, **kwargs):
        validate(PaginationParams, request.query_params)
        allowed = set(self.filterset_class.base_filters) | PAGINATION_PARAMS
        reject_unknown(request.query_params, allowed)
        return super().list(request, *args, **kwargs)


class DetailView(generics.RetrieveAPIView):
    lookup_field = "slug"

    def retrieve(self, request, *args, **kwargs):
        reject_unknown(request.query_params, ())
        return super().retrieve(request, *args, **kwargs)


@extend_schema_view(
    get=extend_schema(
        summary="Les métiers du numérique",
        responses={200: s.MetierListSerializer(many=True), **ERRORS},
        tags=["métiers"],
    )
)
class MetierList(ListView):
    serializer_class = s.MetierListSerializer
    filterset_class = MetierFilter

    def get_queryset(self):
        return (
            MetierPage.objects.live()
            .prefetch_related(images_with(*LIST_RENDITIONS.values()))
            .order_by("title")
        )


@extend_schema_view(
    get=extend_schema(
        summary="Une fiche métier complète",
        responses={200: s.MetierDetailSerializer, **NOT_FOUND},
        tags=["métiers"],
    )
)
class MetierDetail(DetailView):
    serializer_class = s.MetierDetailSerializer

    def get_queryset(self):
        return MetierPage.objects.live().prefetch_related(
            images_with(*RENDITIONS.values()),
            "formations",
            "bacs",
            "specialites__bac",
            "metiers_proches",
            "faq",
        )


@extend_schema_view(
    get=extend_schema(
        summary="Les formations",
        responses={200: s.FormationListSerializer(many=True), **ERRORS},
        tags=["formations"],
    )
)
class FormationList(ListView):
    serializer_class = s.FormationListSerializer
    filterset_class = FormationFilter

    def get_queryset(self):
        return FormationPage.objects.live().order_by("niveau_sortie", "title")


@extend_schema_view(
    get=extend_schema(
        summary="Une formation, ses accès, ses débouchés et où la suivre",
        responses={200: s.FormationDetailSerializer, **NOT_FOUND},
        tags=["formations"],
    )
)
class FormationDetail(DetailView):
    serializer_class = s.FormationDetailSerializer

    def get_queryset(self):
        return FormationPage.objects.live().prefetch_related(
            "bacs", "specialites__bac", "debouches", "etablissements"
        )


@extend_schema_view(
    get=extend_schema(
        summary="Les établissements (écoles, universités, lycées)",
        responses={200: s.EtablissementListSerializer(many=True), **ERRORS},
        tags=["établissements"],
    )
)
class EtablissementList(ListView):
    serializer_class = s.EtablissementListSerializer
    filterset_class = EtablissementFilter

    def get_queryset(self):
        return Etablissement.objects.order_by("nom")

    def get_serializer_context(self):
        context = super().get_serializer_context()
        filterset = getattr(self, "_filterset", None)
        context["distances"] = getattr(filterset, "distances", {})
        return context

    def filter_queryset(self, queryset):
        filterset = self.filterset_class(
            self.request.query_params, queryset=queryset, request=self.request
        )
        self._filterset = filterset
        if not filterset.is_valid():
            raise ValidationError(filterset.errors)
        return filterset.qs


@extend_schema_view(
    get=extend_schema(
        summary="Un établissement et ses formations",
        responses={200: s.EtablissementDetailSerializer, **NOT_FOUND},
        tags=["établissements"],
    )
)
class EtablissementDetail(DetailView):
    serializer_class = s.EtablissementDetailSerializer

    def get_queryset(self):
        return Etablissement.objects.select_related("logo").prefetch_related("formations")


# Search and map


class CsvChoiceField(serializers.ListField):
    """Comma-separated values, each one from a list of choices."""

    def __init__(self, choices, **kwargs):
        super().__init__(child=serializers.ChoiceField(choices=choices), **kwargs)

    def to_internal_value(self, data):
        if isinstance(data, list) and len(data) == 1:
            data = data[0]
        values = [v.strip() for v in str(data).split(",") if v.strip()]
        try:
            return super().to_internal_value(values)
        except serializers.ValidationError as error:
            detail = error.detail
            nested = detail.values() if isinstance(detail, dict) else [detail]
            raise serializers.ValidationError([str(m) for ms in nested for m in ms]) from error


def parse_lat_lon(value):
    try:
        lat, lon = (float(part) for part in value.split(","))
    except ValueError as error:
        raise serializers.ValidationError("Format attendu : latitude,longitude.") from error
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise serializers.ValidationError("Latitude entre -90 et 90, longitude entre -180 et 180.")
    return lat, lon


class FacetParams(serializers.Serializer):
    domaine = CsvChoiceField(Domaine.choices, required=False)
    niveau = CsvChoiceField([str(v) for v in Niveau.values], required=False)
    type_formation = CsvChoiceField(TypeFormation.choices, required=False)
    alternance = serializers.ChoiceField(["true", "false"], required=False)
    region = CsvChoiceField(Region.choices, required=False)
    statut = CsvChoiceField(Statut.choices, required=False)
    near = serializers.CharField(required=False, help_text="latitude,longitude")
    radius_km = serializers.FloatField(min_value=0.1, max_value=1000, required=False)

    def validate_near(self, value):
        return parse_lat_lon(value)

    def validate(self, data):
        if "radius_km" in data and "near" not in data:
            raise serializers.ValidationError({"radius_km": "radius_km s'utilise avec near."})
        return data

    def facet_filters(self):
        data = self.validated_data
        filters = {
            name: tuple(data[name])
            for name in ("domaine", "type_formation", "region", "statut")
            if data.get(name)
        }
        if data.get("niveau"):
            filters["niveau"] = tuple(int(v) for v in data["niveau"])
        if "alternance" in data:
            filters["alternance"] = (data["alternance"] == "true",)
        return filters

    def geo_filter(self):
        data = self.validated_data
        if "near" not in data:
            return None
        return service.GeoFilter(*data["near"], radius_km=data.get("radius_km", 50))


class SearchParams(FacetParams, PaginationParams):
    q = serializers.CharField(
        required=False, allow_blank=True, max_length=200, trim_whitespace=True
    )
    type = CsvChoiceField(DOC_TYPES, required=False)
    sort = serializers.ChoiceField(["relevance", "distance"], default="relevance")
    page_size = serializers.IntegerField(min_value=1, max_value=50, required=False)

    def validate(self, data):
        data = super().validate(data)
        if data.get("sort") == "distance" and "near" not in data:
            raise serializers.ValidationError({"sort": "Le tri par distance demande near."})
        return data


@extend_schema(
    summary="Recherche unifiée (métiers, formations, établissements, pages)",
    parameters=[SearchParams],
    responses={200: s.SearchResponseSerializer, **ERRORS},
    examples=[
        OpenApiExample(
            "Cybersécurité",
            value={
                "query": "cyber",
                "total": 1,
                "page": 1,
                "page_size": 20,
                "results": [
                    {
                        "type": "metier",
                        "slug": "analyste-cybersecurite",
                        "title": "Analyste en cybersécurité",
                        "url": "https://talentsdunumerique.fr/metiers/analyste-cybersecurite/",
                        "excerpt": "Tu protèges les <mark>ordinateurs</mark>…",
                        "score": 12.5,
                        "distance_km": None,
                    }
                ],
                "facets": {"type": [{"value": "metier", "count": 1}]},
                "suggestion": None,
            },
            response_only=True,
        )
    ],
    tags=["recherche"],
)
class SearchView(APIView):
    def get(self, request):
        reject_unknown(request.query_params, SearchParams().fields)
        params = SearchParams(data=request.query_params)
        params.is_valid(raise_exception=True)
        data = params.validated_data
        page, page_size = data.get("page", 1), data.get("page_size", 20)
        filters = params.facet_filters()
        if data.get("type"):
            filters["type"] = tuple(data["type"])
        results = service.search(
            data.get("q", ""),
            filters=filters,
            near=params.geo_filter(),
            sort=data["sort"],
            offset=(page - 1) * page_size,
            limit=page_size,
        )
        payload = {
            "query": results.query,
            "total": results.total,
            "page": page,
            "page_size": page_size,
            "results": [
                {**hit.__dict__, "url": request.build_absolute_uri(hit.url) if hit.url else ""}
                for hit in results.results
            ],
            "facets": results.facets,
            "suggestion": results.suggestion,
        }
        return Response(s.SearchResponseSerializer(payload).data)


class SuggestParams(serializers.Serializer):
    q = serializers.CharField(max_length=100, allow_blank=True)
    limit = serializers.IntegerField(min_value=1, max_value=20, default=8)


@extend_schema(
    summary="Autocomplétion (à partir de deux lettres, métiers d'abord)",
    parameters=[SuggestParams],
    responses={200: s.SuggestionSerializer(many=True), **ERRORS},
    tags=["recherche"],
)
class SuggestView(APIView):
    def get(self, request):
        reject_unknown(request.query_params, SuggestParams().fields)
        data = validate(SuggestParams, request.query_params)
        return Response(service.suggest(data["q"], limit=data["limit"]))


CLUSTER_BELOW_ZOOM = 10


class MapParams(FacetParams):
    type = CsvChoiceField(TypeEtablissement.choices, required=False)
    membre = serializers.ChoiceField(["true", "false"], required=False)
    formation = serializers.SlugField(required=False)
    bbox = serializers.CharField(
        required=False, help_text="min_lon,min_lat,max_lon,max_lat (ordre GeoJSON)"
    )
    zoom = serializers.IntegerField(min_value=0, max_value=20, default=6)

    def validate_bbox(self, value):
        try:
            min_lon, min_lat, max_lon, max_lat = (float(p) for p in value.split(","))
        except ValueError as error:
            raise serializers.ValidationError(
                "Format attendu : min_lon,min_lat,max_lon,max_lat."
            ) from error
        if not (-180 <= min_lon <= max_lon <= 180 and -90 <= min_lat <= max_lat <= 90):
            raise serializers.ValidationError("Boîte invalide : vérifie l'ordre et les bornes.")
        return service.BBox(min_lat, min_lon, max_lat, max_lon)

    def facet_filters(self):
        filters = super().facet_filters()
        data = self.validated_data
        if data.get("type"):
            filters["type_etablissement"] = tuple(data["type"])
        if "membre" in data:
            filters["membre"] = (data["membre"] == "true",)
        if data.get("formation"):
            filters["formations"] = (data["formation"],)
        return filters


@extend_schema(
    summary="Carte des établissements (GeoJSON), regroupés en amas aux petits zooms",
    parameters=[MapParams],
    responses={200: OpenApiTypes.OBJECT, **ERRORS},
    tags=["carte"],
)
class MapView(APIView):
    def get(self, request):
        reject_unknown(request.query_params, MapParams().fields)
        params = MapParams(data=request.query_params)
        params.is_valid(raise_exception=True)
        data = params.validated_data
        zoom = data["zoom"]
        clusters = service.map_clusters(
            filters=params.facet_filters(),
            bbox=data.get("bbox"),
            near=params.geo_filter(),
            zoom=zoom if zoom < CLUSTER_BELOW_ZOOM else 29,
        )
        features = [
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [c.lon, c.lat]},
                "properties": {
                    "cluster": c.count > 1,
                    "count": c.count,
                    "slug": c.slug,
                    "nom": c.title,
                },
            }
            for c in clusters
        ]
        return Response(
            {
                "type": "FeatureCollection",
                "total": sum(c.count for c in clusters),
                "zoom": zoom,
                "features": features,
            }
        )
