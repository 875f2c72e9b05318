"""Charly's widget as a partner site receives it: /charly/widget.js (type, caching, its gzip
budget as docs/charly-widget.md states it), and Charly's endpoints answering a foreign origin
(CORS preflight and actual responses, never with credentials) while the rest of the API keeps
its own allow-list."""

import gzip
import json
import re

import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db

WIDGET = "/charly/widget.js"
START = "/api/v1/charly/conversations/"
PARTNER = "https://www.lycee-partenaire.example"
DOC = settings.BASE_DIR / "docs" / "charly-widget.md"
SOURCE = settings.BASE_DIR / "static" / "js" / "charly-widget.js"


def budget_bytes():
    """The budget the documentation states, so that the two cannot drift apart."""
    stated = re.search(r"\*\*(\d+) Ko after gzip\*\*", DOC.read_text(encoding="utf-8"))
    assert stated, "docs/charly-widget.md states the widget's gzip budget"
    return int(stated.group(1)) * 1024


def preflight(client, path, origin=PARTNER):
    return client.options(
        path,
        HTTP_ORIGIN=origin,
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="POST",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="content-type",
    )


def post(client, path, body, origin=PARTNER):
    return client.post(path, json.dumps(body), content_type="application/json", HTTP_ORIGIN=origin)


def test_the_widget_is_served_as_javascript_with_caching(client):
    response = client.get(WIDGET)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/javascript; charset=utf-8"
    assert response["Cache-Control"] == "public, max-age=3600"
    assert response["Cross-Origin-Resource-Policy"] == "cross-origin"
    assert response.content == SOURCE.read_bytes()
    etag = response["ETag"]
    again = client.get(WIDGET, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    assert again.content == b""
    assert client.head(WIDGET).status_code == 200
    assert client.post(WIDGET).status_code == 405


def test_the_widget_stays_within_its_gzip_budget(client):
    body = client.get(WIDGET).content
    size = len(gzip.compress(body, compresslevel=9))
    assert size <= budget_bytes(), f"charly-widget.js is {size} bytes gzipped"


def test_the_widget_is_self_contained(client):
    """One classic script: no import of our modules, no other file to fetch, text not HTML."""
    body = client.get(WIDGET).content.decode()
    assert not re.search(r"^\s*import\b|\bimport\(", body, re.MULTILINE)
    assert "attachShadow" in body
    assert 'credentials: "omit"' in body
    assert "/api/v1/charly/conversations/" in body


def test_preflight_from_a_partner_site_is_allowed(client):
    response = preflight(client, START)
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == PARTNER
    assert "POST" in response["Access-Control-Allow-Methods"]
    assert "content-type" in response["Access-Control-Allow-Headers"]
    assert "Access-Control-Allow-Credentials" not in response
    messages = preflight(client, f"{START}6f1c2a9e-1d2b-4c3d-8e9f-0a1b2c3d4e5f/messages/")
    assert messages["Access-Control-Allow-Origin"] == PARTNER


def test_a_whole_conversation_from_a_partner_site(client):
    started = post(client, START, {})
    assert started.status_code == 201, started.content
    assert started["Access-Control-Allow-Origin"] == PARTNER
    assert "origin" in started["Vary"].lower()
    assert "Access-Control-Allow-Credentials" not in started
    assert not started.cookies, "a conversation sets no cookie"
    body = started.json()
    reply = body["messages"][-1]["quick_replies"][0]
    answered = post(client, f"{START}{body['id']}/messages/", {"choice": reply["value"]})
    assert answered.status_code == 200, answered.content
    assert answered["Access-Control-Allow-Origin"] == PARTNER
    typed = post(client, f"{START}{body['id']}/messages/", {"text": "c koi un pentester"})
    assert typed["Access-Control-Allow-Origin"] == PARTNER
    cards = [card for message in typed.json()["messages"] for card in message["cards"]]
    assert any(card["slug"] == "pentester" for card in cards)


def test_errors_reach_the_partner_page_too(client):
    """The widget shows the API's French message: a bad request's answer is readable
    cross-origin."""
    conversation = post(client, START, {}).json()["id"]
    response = post(client, f"{START}{conversation}/messages/", {"text": 5})
    assert response.status_code == 400
    assert response["Access-Control-Allow-Origin"] == PARTNER
    assert response.json()["error"]["message"]


def test_the_rest_of_the_api_keeps_its_allow_list(client):
    assert "Access-Control-Allow-Origin" not in preflight(client, "/api/v1/parcours/")
    listing = client.get("/api/v1/metiers/", HTTP_ORIGIN=PARTNER)
    assert listing.status_code == 200
    assert "Access-Control-Allow-Origin" not in listing


def test_the_widget_origins_can_be_listed(client, settings):
    settings.CHARLY_WIDGET_ORIGINS = [PARTNER]
    assert preflight(client, START)["Access-Control-Allow-Origin"] == PARTNER
    stranger = preflight(client, START, origin="https://ailleurs.example")
    assert "Access-Control-Allow-Origin" not in stranger
    refused = post(client, START, {}, origin="https://ailleurs.example")
    assert "Access-Control-Allow-Origin" not in refused
