"""Hostile input that used to give 500s: nesting, NUL bytes, huge offsets, pages past the end."""

import json
import socket

import pytest

from chatbot.models import Conversation
from cms.orientation.models import Parcours, TestResult

from .conftest import assert_error

pytestmark = pytest.mark.django_db
NESTED = "[" * 5_000 + "]" * 5_000  # 10 kB: under the body limit, far beyond any real nesting


@pytest.mark.parametrize("path", ["parcours/", "test/resultats/", "charly/conversations/"])
def test_a_deeply_nested_body_is_a_400_and_stores_nothing(client, path):
    before = (Parcours.objects.count(), TestResult.objects.count(), Conversation.objects.count())
    response = client.post(f"/api/v1/{path}", '{"x": ' + NESTED + "}",
                           content_type="application/json")  # fmt: skip
    assert_error(response, 400)
    after = (Parcours.objects.count(), TestResult.objects.count(), Conversation.objects.count())
    assert after == before


def test_a_reasonably_nested_body_still_parses(client):
    response = client.post("/api/v1/test/resultats/", json.dumps({"answers": {"1": [[[1]]]}}),
                           content_type="application/json")  # fmt: skip
    assert response.status_code == 400  # a bad answer value, reported as such
    assert "answers" in json.dumps(response.json()["error"]["fields"])


@pytest.mark.parametrize(
    "params",
    [
        {"offset": str(10**30)},
        {"offset": "99999999999"},
        {"search": "dev\x00web"},
        {"type": "metiers.MetierPage\x00"},
    ],
)
@pytest.mark.parametrize("endpoint", ["pages", "images", "documents"])
def test_wagtail_api_refuses_what_the_database_cannot_take(client, endpoint, params):
    response = client.get(f"/api/v2/{endpoint}/", params)
    assert_error(response, 400)


def test_wagtail_api_errors_keep_the_api_shape(client):
    assert_error(client.get("/api/v2/pages/", {"limit": "abc"}), 400)
    assert_error(client.get("/api/v2/pages/999999999/"), 404)


def test_search_pages_stop_before_the_engines_window(client):
    response = client.get("/api/v1/recherche/", {"q": "dev", "page": 10**6, "page_size": 50})
    assert_error(response, 400, "page")
    assert client.get("/api/v1/recherche/", {"q": "dev", "page": 2}).status_code == 200


def test_highlights_never_break_html_entities(client):
    body = client.get("/api/v1/recherche/", {"q": "x27 l'entreprise"}).json()
    assert body["results"]
    for hit in body["results"]:
        assert "&#<mark>" not in hit["excerpt"]
        assert "<mark>x27</mark>" not in hit["excerpt"]


def test_an_engine_that_cannot_be_reached_degrades_to_the_database_never_a_500(client, settings):
    with socket.socket() as sock:  # a port that was just free: nothing answers there
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    settings.SEARCH_URL = f"http://127.0.0.1:{port}"
    settings.SEARCH_TIMEOUT = 1
    searched = client.get("/api/v1/recherche/", {"q": "cybersécurité"})
    assert searched.status_code == 200
    body = searched.json()
    assert body["degraded"] is True
    assert "analyste-cybersecurite" in [hit["slug"] for hit in body["results"]]
    assert client.get("/api/v1/recherche/suggestions/", {"q": "cyb"}).status_code == 200
    assert client.get("/api/v1/carte/", {"zoom": 5}).status_code == 200


def test_a_search_error_is_a_503_json_never_a_500(client, monkeypatch):
    from search.backends.database import DatabaseBackend
    from search.transport import EngineUnavailable

    def unavailable(self, request):
        raise EngineUnavailable("connection refused by 10.0.0.7:9200")

    monkeypatch.setattr(DatabaseBackend, "search", unavailable)
    error = assert_error(client.get("/api/v1/recherche/", {"q": "cyber"}), 503)
    assert "10.0.0.7" not in error["message"]


def test_a_database_that_is_restarting_is_a_503_json(client, monkeypatch):
    """What a request meets while PostgreSQL restarts: a clean, retryable answer."""
    from django.db import OperationalError

    from cms.orientation import parcours

    def restarting():
        raise OperationalError("terminating connection due to administrator command")

    monkeypatch.setattr(parcours, "create_parcours", restarting)
    error = assert_error(client.post("/api/v1/parcours/", "{}", content_type="application/json"),
                         503)  # fmt: skip
    assert error["code"] == "unavailable"
    assert "administrator" not in error["message"]
