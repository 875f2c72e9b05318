"""API v1 for the search and the map: unified search, autocomplete, GeoJSON of establishments.
Parameters are validated here; searching and clustering belong to `search.service`."""

import logging

from django.db import DatabaseError
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from cms.formations.choices import Niveau, Region, Statut, TypeEtablissement, TypeFormation
from cms.metiers.choices import Domaine
from search import service
from search.documents import DOC_TYPES

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
from .schema import ERRORS
from .throttles import SearchThrottle, SuggestThrottle

logger = logging.getLogger(__name__)


class SearchHitSerializer(serializers.Serializer):
    type = serializers.CharField()
    slug = serializers.CharField()
    title = serializers.CharField()
    url = serializers.CharField(help_text="Vide pour un établissement, qui n'a pas de page.")
    excerpt = serializers.CharField(help_text="Extrait HTML, les mots trouvés sont en <mark>.")
    score = serializers.FloatField()
    distance_km = serializers.FloatField(allow_null=True)


class FacetValueSerializer(serializers.Serializer):
    value = serializers.JSONField()
    count = serializers.IntegerField()


class SearchResponseSerializer(serializers.Serializer):
    query = serializers.CharField()
    total = serializers.IntegerField()
    page = serializers.IntegerField()
    page_size = serializers.IntegerField()
    results = SearchHitSerializer(many=True)
    facets = serializers.DictField(child=FacetValueSerializer(many=True))
    suggestion = serializers.CharField(allow_null=True)
    degraded = serializers.BooleanField(
        help_text="Vrai quand le moteur de recherche est indisponible : les résultats viennent "
        "de la base de données, sans certaines finesses (fautes de frappe, pertinence)."
    )


class SuggestionSerializer(serializers.Serializer):
    type = serializers.CharField()
    slug = serializers.CharField()
    title = serializers.CharField()


class FacetParams(serializers.Serializer):
    domaine = CsvChoiceField(Domaine.choices, required=False)
    niveau = CsvChoiceField([str(v) for v in Niveau.values], required=False)
    type_formation = CsvChoiceField(TypeFormation.choices, required=False)
    alternance = BooleanParam(required=False)
    region = CsvChoiceField(Region.choices, required=False)
    statut = CsvChoiceField(Statut.choices, required=False)
    near = LatLonParam(required=False, help_text="latitude,longitude")
    radius_km = RadiusParam(required=False)

    def validate(self, data):
        if "radius_km" in data and "near" not in data:
            raise serializers.ValidationError({"radius_km": RADIUS_NEEDS_NEAR})
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
            filters["alternance"] = (data["alternance"],)
        return filters

    def geo_filter(self):
        data = self.validated_data
        if "near" not in data:
            return None
        return service.GeoFilter(*data["near"], radius_km=data.get("radius_km", RADIUS_KM_DEFAULT))


# How deep a search can be paged: beyond, nobody reads, and the engine's window ends.
MAX_RESULTS = 1_000


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
        if data.get("page", 1) * data.get("page_size", 20) > MAX_RESULTS:
            raise serializers.ValidationError(
                {"page": f"Les résultats s'arrêtent au {MAX_RESULTS}e : affine ta recherche."}
            )
        return data


@extend_schema(
    summary="Recherche unifiée (métiers, formations, établissements, pages)",
    parameters=[SearchParams],
    responses={200: SearchResponseSerializer, **ERRORS},
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
                "degraded": False,
            },
            response_only=True,
        )
    ],
    tags=["recherche"],
)
class SearchView(APIView):
    throttle_classes = [SearchThrottle]

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
            log=False,
        )
        payload = {
            "query": results.query,
            "total": results.total,
            "page": page,
            "page_size": page_size,
            "results": [hit_payload(hit, request) for hit in results.results],
            "facets": results.facets,
            "suggestion": results.suggestion,
            "degraded": results.degraded,
        }
        # Built in the documented shape: serializing it again would cost DRF more time than the
        # engine takes to search.
        return ThenCount(payload, results)


class ThenCount(Response):
    """A search answer that counts its query in the daily aggregates once it has been sent: the
    WSGI server calls `close()` after the last byte, so the write is not on the student's wait."""

    def __init__(self, data, results):
        super().__init__(data)
        self.results = results

    def close(self):
        try:
            service.log_query(self.results.query, self.results.total)
        except DatabaseError:
            logger.exception("The search could not be counted in the query log")
        finally:
            super().close()


def hit_payload(hit, request):
    """A hit as SearchHitSerializer documents it, with an absolute URL."""
    payload = {name: getattr(hit, name) for name in SearchHitSerializer._declared_fields}
    payload["url"] = request.build_absolute_uri(hit.url) if hit.url else ""
    return payload


class SuggestParams(serializers.Serializer):
    q = serializers.CharField(max_length=100, allow_blank=True)
    limit = serializers.IntegerField(min_value=1, max_value=20, default=8)


@extend_schema(
    summary="Autocomplétion (à partir de deux lettres, métiers d'abord)",
    parameters=[SuggestParams],
    responses={200: SuggestionSerializer(many=True), **ERRORS},
    tags=["recherche"],
)
class SuggestView(APIView):
    throttle_classes = [SuggestThrottle]

    def get(self, request):
        reject_unknown(request.query_params, SuggestParams().fields)
        data = validate(SuggestParams, request.query_params)
        return Response(service.suggest(data["q"], limit=data["limit"]))


CLUSTER_BELOW_ZOOM = 10


MAP_CONTENTS = ("etablissement", "evenement")


class MapParams(FacetParams):
    contenu = CsvChoiceField(
        MAP_CONTENTS,
        required=False,
        help_text="Ce que montre la carte : etablissement (par défaut), evenement, ou les deux. "
        "Les filtres propres aux établissements (type, statut, membre, formation) écartent les "
        "événements.",
    )
    type = CsvChoiceField(TypeEtablissement.choices, required=False)
    membre = BooleanParam(required=False)
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
            filters["membre"] = (data["membre"],)
        if data.get("formation"):
            filters["formations"] = (data["formation"],)
        return filters


@extend_schema(
    summary="Carte des établissements et des événements (GeoJSON), en amas aux petits zooms",
    parameters=[MapParams],
    responses={200: OpenApiTypes.OBJECT, **ERRORS},
    tags=["carte"],
)
class MapView(APIView):
    throttle_classes = [SearchThrottle]

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
            types=data.get("contenu") or ("etablissement",),
        )
        features = [
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [c.lon, c.lat]},
                "properties": {
                    "cluster": c.count > 1,
                    "count": c.count,
                    "slug": c.slug,
                    "title": c.title,
                    "type": c.type,
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
