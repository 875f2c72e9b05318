"""Helpers for the API tests: JSON getters and the error-shape check."""

import pytest

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
