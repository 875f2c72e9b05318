"""recherche/, recherche/suggestions/ and carte/ through the HTTP API."""

import json
from wsgiref.util import setup_testing_defaults

import pytest
from django.core.wsgi import get_wsgi_application

from cms.formations.models import Etablissement
from search.models import QueryLog

from .conftest import assert_error

pytestmark = pytest.mark.django_db


def test_search_contract(api):
    body = api("recherche/", q="cybersecurite").json()
    assert set(body) == {
        "query",
        "total",
        "page",
        "page_size",
        "results",
        "facets",
        "suggestion",
        "degraded",
    }
    first = body["results"][0]
    assert first["slug"] == "analyste-cybersecurite"
    assert first["url"].startswith("http://localhost/")
    assert set(first) == {"type", "slug", "title", "url", "excerpt", "score", "distance_km"}
    assert {"type", "domaine", "niveau", "type_formation", "alternance", "region", "statut"} <= set(
        body["facets"]
    )


def test_search_filters_and_pagination(api):
    body = api("recherche/", q="informatique", type="formation", alternance="true",
               page_size=5).json()  # fmt: skip
    assert body["total"] > 5
    assert len(body["results"]) == 5
    assert {r["type"] for r in body["results"]} == {"formation"}
    second = api("recherche/", q="informatique", type="formation", alternance="true",
                 page_size=5, page=2).json()  # fmt: skip
    assert not {r["slug"] for r in body["results"]} & {r["slug"] for r in second["results"]}


def test_search_near_sorted_by_distance(api):
    body = api("recherche/", type="etablissement", near="45.764,4.8357", radius_km=15,
               sort="distance").json()  # fmt: skip
    distances = [r["distance_km"] for r in body["results"]]
    assert distances
    assert distances == sorted(distances)


@pytest.mark.parametrize(
    ("params", "field"),
    [({"type": "video"}, "type"), ({"alternance": "oui"}, "alternance"),
     ({"near": "lyon"}, "near"), ({"radius_km": "5"}, "radius_km"),
     ({"sort": "distance"}, "sort"), ({"q": "x" * 201}, "q"), ({"page_size": "51"}, "page_size"),
     ({"niveau": "bac+3"}, "niveau"), ({"typo": "1"}, "typo")],
)  # fmt: skip
def test_search_bad_parameters(api, params, field):
    assert_error(api("recherche/", **params), 400, field)


@pytest.mark.parametrize("q", ['"', "*", "AND (", "{}", "<script>", "dev~2"])
def test_search_engine_syntax_is_text(api, q):
    assert api("recherche/", q=q).status_code == 200


def test_suggestions(api):
    body = api("recherche/suggestions/", q="dev").json()
    assert body[0]["type"] == "metier"
    assert body[0]["slug"].startswith("developpeur")
    assert api("recherche/suggestions/", q="d").json() == []
    assert_error(api("recherche/suggestions/"), 400, "q")
    assert_error(api("recherche/suggestions/", q="da", limit="500"), 400, "limit")


def test_map_clusters_and_points(api):
    low = api("carte/", zoom=4).json()
    assert low["type"] == "FeatureCollection"
    assert low["total"] == Etablissement.objects.count()
    assert sum(f["properties"]["count"] for f in low["features"]) == low["total"]
    assert any(f["properties"]["cluster"] for f in low["features"])
    high = api("carte/", zoom=12, bbox="4.7,45.6,5.0,45.9").json()
    assert high["features"]
    assert all(not f["properties"]["cluster"] for f in high["features"])
    assert all(f["properties"]["slug"] for f in high["features"])
    lon, lat = high["features"][0]["geometry"]["coordinates"]
    assert 4.7 <= lon <= 5.0
    assert 45.6 <= lat <= 45.9


def test_map_filters(api):
    members = api("carte/", zoom=3, membre="true", region="bretagne").json()
    expected = Etablissement.objects.filter(membre=True, region="bretagne").count()
    assert members["total"] == expected
    iut = api("carte/", zoom=3, type="iut").json()
    assert iut["total"] == Etablissement.objects.filter(type="iut").count()


@pytest.mark.parametrize(
    ("params", "field"),
    [({"bbox": "1,2,3"}, "bbox"), ({"bbox": "5,45,4,46"}, "bbox"), ({"zoom": "30"}, "zoom"),
     ({"type": "chateau"}, "type"), ({"formation": "pas un slug!"}, "formation")],
)  # fmt: skip
def test_map_bad_parameters(api, params, field):
    assert_error(api("carte/", **params), 400, field)


def test_a_search_is_counted_once_its_answer_is_sent(keep_test_connection):
    """The query-log write waits for the WSGI server to close the response after its last byte:
    a student's search never waits for it."""
    environ = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": "/api/v1/recherche/",
        "QUERY_STRING": "q=r%C3%A9seaux+informatiques",
        "HTTP_HOST": "localhost",
    }
    setup_testing_defaults(environ)
    statuses = []
    response = get_wsgi_application()(environ, lambda status, headers: statuses.append(status))
    body = b"".join(response)
    assert statuses == ["200 OK"]
    assert json.loads(body)["total"] > 0
    assert not QueryLog.objects.filter(query="reseaux informatiques").exists()
    response.close()
    assert QueryLog.objects.get(query="reseaux informatiques").count == 1
