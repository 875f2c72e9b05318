"""Backends for the shared contract suite: the database one always, the engine one on a real
node (scripts/search-engine start). In CI a missing engine is a failure, never a skip."""

import os
import shutil
import uuid

import pytest

from search.backends.database import DatabaseBackend
from search.backends.engine import EngineBackend
from search.documents import DOC_TYPES, iter_documents
from search.service import synonym_rules
from search.transport import Transport

ENGINE_URL = os.environ.get("TEST_SEARCH_URL", "http://127.0.0.1:9200")
ENGINE = os.environ.get("SEARCH_ENGINE", "opensearch")


def engine_transport():
    """A transport to the test node, or fail (CI) / skip (no Java) with the reason."""
    transport = Transport(ENGINE_URL, ENGINE)
    if transport.ping():
        return transport
    message = f"no search engine at {ENGINE_URL}: run `scripts/search-engine start`"
    if os.environ.get("CI") == "true" or shutil.which("java"):
        pytest.fail(message)
    pytest.skip(f"{message} (this machine has no Java; CI runs these tests)")


def demo_documents():
    return {doc_type: list(iter_documents(doc_type)) for doc_type in DOC_TYPES}


@pytest.fixture(scope="class")
def database_backend(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        backend = DatabaseBackend(synonym_rules())
        backend.rebuild(demo_documents(), synonym_rules())
    return backend


@pytest.fixture(scope="class")
def engine_backend(django_db_setup, django_db_blocker):
    transport = engine_transport()
    backend = EngineBackend(transport, prefix=f"tdn-test-{uuid.uuid4().hex[:8]}")
    with django_db_blocker.unblock():
        backend.rebuild(demo_documents(), synonym_rules())
    yield backend
    for index in transport.indices_matching(f"{backend.prefix}-*"):
        transport.delete_index(index)
