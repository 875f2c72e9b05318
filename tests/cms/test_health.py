"""Liveness and readiness, as a load balancer reads them: JSON, no secrets, 503 when a
dependency does not answer."""

import socket

import pytest

pytestmark = pytest.mark.django_db


def test_liveness(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_readiness_reports_each_dependency_and_the_queues(client):
    response = client.get("/readyz")
    body = response.json()
    assert response.status_code == 200
    assert body["status"] == "ok"
    assert body["checks"] == {"database": "ok", "cache": "ok", "search": "ok"}
    assert set(body["queues"]) == {"search_sync", "webhooks"}
    assert response["Cache-Control"].startswith("max-age=0")


def test_an_engine_that_does_not_answer_makes_the_app_not_ready(client, settings):
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    settings.SEARCH_URL = f"http://user:hunter2@127.0.0.1:{port}"
    settings.SEARCH_TIMEOUT = 1
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["checks"]["search"] == "down"
    assert "hunter2" not in response.content.decode()
    assert str(port) not in response.content.decode()
