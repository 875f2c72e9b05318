"""A student's own data is never kept by a cache or written to a log."""

import logging

import pytest

from cms.privacy import RedactSecretsFilter

pytestmark = pytest.mark.django_db


def test_parcours_and_conversations_are_never_cached(client):
    created = client.post("/api/v1/parcours/", "{}", content_type="application/json")
    read = client.get(f"/api/v1/parcours/{created.json()['token']}/")
    conversation = client.post("/api/v1/charly/conversations/", "{}",
                               content_type="application/json")  # fmt: skip
    for response in (created, read, conversation):
        assert response["Cache-Control"] == "no-store"


def test_tokens_and_conversation_ids_are_redacted_from_log_lines():
    record = logging.LogRecord(
        "django.request", logging.WARNING, __file__, 1,
        "Not Found: %s", ("/api/v1/parcours/s3cr3t-t0ken_xyz/",), None,
    )  # fmt: skip
    assert RedactSecretsFilter().filter(record)
    assert record.getMessage() == "Not Found: /api/v1/parcours/[secret]/"
    record = logging.LogRecord(
        "django.server", logging.INFO, __file__, 1,
        '"POST /api/v1/charly/conversations/6f1c2a9e-1d2b/messages/ HTTP/1.1" 200', (), None,
    )  # fmt: skip
    RedactSecretsFilter().filter(record)
    assert "6f1c2a9e" not in record.getMessage()


def test_the_redaction_is_on_every_log_handler_of_the_project():
    ours = [
        handler
        for name in ("django.request", "django.server", "")
        for handler in logging.getLogger(name).handlers
        if type(handler) is logging.StreamHandler  # not pytest's capturing handlers
    ]
    assert len(ours) >= 3
    for handler in ours:
        assert any(isinstance(f, RedactSecretsFilter) for f in handler.filters)
