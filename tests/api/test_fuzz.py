"""Property-based fuzzing of every documented endpoint (schemathesis, in-process through WSGI):
whatever a client sends, the answer is never a server error and always matches the schema."""

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

pytestmark = pytest.mark.django_db
EXAMPLES_PER_OPERATION = 20
# Not schemathesis's "positive data accepted" check: free-text parameters (bbox, near...) have
# formats the schema states in words, so a schema-valid string may rightly get a 400.
CHECKS = [not_a_server_error, response_schema_conformance]


def operations():
    schema = schemathesis.openapi.from_wsgi("/api/schema/?format=json", get_wsgi_application())
    return [result.ok() for result in schema.get_all_operations()]


def test_no_server_error_and_responses_match_the_schema(settings, keep_test_connection):
    # Throttling would turn most generated writes into 429s and leave their logic untested.
    settings.API_RATES = dict.fromkeys(settings.API_RATES, "100000/minute")
    checked = []
    for operation in operations():

        @given(case=operation.as_strategy())
        @hypothesis_settings(max_examples=EXAMPLES_PER_OPERATION, deadline=None, database=None,
                             suppress_health_check=list(HealthCheck))  # fmt: skip
        def call(case):
            response = case.call()
            assert response.status_code < 500, (case.method, case.path, response.text[:300])
            case.validate_response(response, checks=CHECKS)

        call()
        checked.append(f"{operation.method.upper()} {operation.path}")
    assert len(checked) >= 15, checked


def nested(depth):
    return "[" * depth + "]" * depth


@pytest.mark.parametrize("depth", [40, 5_000, 100_000])
def test_deeply_nested_bodies_are_refused_on_every_write(client, settings, depth):
    """Every documented write answers a body nested far deeper than any real request with the
    error shape, never a 500."""
    settings.API_RATES = dict.fromkeys(settings.API_RATES, "100000/minute")
    writes = [
        (operation.method.upper(), operation.path)
        for operation in operations()
        if operation.method.upper() in ("POST", "PATCH", "PUT")
    ]
    assert len(writes) >= 4
    body = '{"answers": ' + nested(depth) + "}"
    for method, path in writes:
        url = path.replace("{conversation_id}", "00000000-0000-0000-0000-000000000000")
        url = url.replace("{token}", "x" * 43)
        response = client.generic(method, url, body, content_type="application/json")
        # Too deep: 400; so large it exceeds the body limit: 413. Never a 500.
        assert response.status_code in (400, 413), (method, path, response.status_code)
        assert set(response.json()["error"]) == {"code", "message", "fields"}
