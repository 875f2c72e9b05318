"""The OpenAPI schema is valid, documents every v1 endpoint, and real responses conform to it."""

import json

import pytest
from openapi_core import OpenAPI
from openapi_core.contrib.django import DjangoOpenAPIRequest, DjangoOpenAPIResponse
from openapi_spec_validator import validate

pytestmark = pytest.mark.django_db

REQUESTS = [
    ("/api/v1/metiers/", {"domaine": "data-ia"}),
    ("/api/v1/metiers/data-scientist/", {}),
    ("/api/v1/formations/", {"alternance": "true", "niveau": "2"}),
    ("/api/v1/formations/bts-sio-slam/", {}),
    ("/api/v1/etablissements/", {"near": "45.76,4.83", "radius_km": "30"}),
    ("/api/v1/etablissements/insa-lyon/", {}),
    ("/api/v1/carte/", {"zoom": "5"}),
    ("/api/v1/recherche/", {"q": "cyber", "type": "metier,formation"}),
    ("/api/v1/recherche/suggestions/", {"q": "dev"}),
    ("/api/v1/metiers/", {"domaine": "astrologie"}),
    ("/api/v1/metiers/inconnu/", {}),
    ("/api/v1/test/", {"audience": "college"}),
]


@pytest.fixture(scope="module")
def schema(django_db_setup, django_db_blocker):
    from django.test import Client

    with django_db_blocker.unblock():
        response = Client().get("/api/schema/", {"format": "json"})
    assert response.status_code == 200
    return json.loads(response.content)


def test_schema_is_valid_openapi(schema):
    validate(schema)
    assert schema["info"]["title"] == "API Talents du Numérique"


def test_every_v1_endpoint_is_documented(schema):
    documented = set(schema["paths"])
    for path, _ in REQUESTS:
        template = path.replace("data-scientist", "{slug}").replace("bts-sio-slam", "{slug}")
        template = template.replace("insa-lyon", "{slug}").replace("inconnu", "{slug}")
        assert template in documented, template
    assert all(path.startswith("/api/v1/") for path in documented)


@pytest.mark.parametrize(("path", "params"), REQUESTS)
def test_real_responses_conform_to_the_schema(client, schema, path, params):
    response = client.get(path, params, HTTP_HOST="localhost")
    assert response.status_code in (200, 400, 404)
    OpenAPI.from_dict(schema).validate_response(
        DjangoOpenAPIRequest(response.wsgi_request), DjangoOpenAPIResponse(response)
    )


def test_writes_conform_to_the_schema(client, schema):
    openapi = OpenAPI.from_dict(schema)

    def check(response):
        openapi.validate_response(
            DjangoOpenAPIRequest(response.wsgi_request), DjangoOpenAPIResponse(response)
        )
        return response

    questions = client.get("/api/v1/test/").json()["questions"]
    answers = {str(q["id"]): 4 if q["dimension"] == "E" else 1 for q in questions}
    send = {"content_type": "application/json"}
    check(client.post("/api/v1/test/resultats/", json.dumps({"answers": answers}), **send))
    check(client.post("/api/v1/test/resultats/", json.dumps({"answers": {"1": 9}}), **send))
    created = check(client.post("/api/v1/parcours/", "{}", **send)).json()
    change = {"add": [{"type": "metier", "ref": "product-owner"}]}
    check(client.patch(f"/api/v1/parcours/{created['token']}/", json.dumps(change), **send))
    check(client.get(f"/api/v1/parcours/{created['share_token']}/"))
    conversation = check(client.post("/api/v1/charly/conversations/", "{}", **send)).json()
    messages = f"/api/v1/charly/conversations/{conversation['id']}/messages/"
    check(client.post(messages, json.dumps({"text": "c koi un pentester"}), **send))
    check(client.post(messages, json.dumps({"text": ""}), **send))
    for path in ("/api/v1/test/", "/api/v1/test/resultats/", "/api/v1/parcours/",
                 "/api/v1/parcours/{token}/"):  # fmt: skip
        operations = schema["paths"][path]
        assert (
            any(
                "examples" in str(operation) or "example" in str(operation)
                for operation in operations.values()
            )
            or path == "/api/v1/parcours/"
        ), path


def test_docs_are_served_without_a_cdn(client):
    docs = client.get("/api/docs/")
    assert docs.status_code == 200
    html = docs.content.decode()
    assert "swagger-ui" in html
    assert "cdn" not in html.lower()
