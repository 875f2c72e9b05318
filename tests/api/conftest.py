"""Helpers for the API tests: JSON getters and the error-shape check."""

import pytest
from django.core.signals import request_finished, request_started
from django.db import close_old_connections

API = "/api/v1/"


def assert_error(response, status, *fields):
    """Every API error has the same shape; the named fields carry messages."""
    assert response.status_code == status, response.content
    body = response.json()
    assert set(body) == {"error"}
    assert set(body["error"]) == {"code", "message", "fields"}
    assert body["error"]["message"]
    for field in fields:
        assert body["error"]["fields"].get(field), body
    return body["error"]


@pytest.fixture
def api(client):
    def get(path, **params):
        return client.get(API + path, params, HTTP_HOST="localhost")

    return get


@pytest.fixture
def keep_test_connection():
    """Requests made outside Django's test client would close the test's database connection
    when they finish (Django's test client disconnects the same handler)."""
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)
