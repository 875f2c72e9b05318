"""Wagtail's admin search uses the engine when one is configured, the database otherwise."""

import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from wagtail.search.backends import get_search_backend

from cms.metiers.models import MetierPage

from .conftest import ENGINE_URL, engine_transport

ROOT = Path(__file__).resolve().parents[2]


def admin_search_backend(**env):
    code = "from django.conf import settings; print(settings.WAGTAILSEARCH_BACKENDS['default'])"
    environment = {**os.environ, "DJANGO_SETTINGS_MODULE": "cms.settings.dev", **env}
    result = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        cwd=ROOT, env=environment, capture_output=True, text=True, timeout=60, check=True,
    )  # fmt: skip
    return result.stdout


def test_admin_search_follows_the_configuration():
    assert "wagtail.search.backends.database" in admin_search_backend(SEARCH_URL="")
    with_engine = admin_search_backend(SEARCH_URL=ENGINE_URL, SEARCH_ENGINE="opensearch")
    assert "wagtail.search.backends.opensearch2" in with_engine
    assert ENGINE_URL in with_engine
    elastic = admin_search_backend(SEARCH_URL=ENGINE_URL, SEARCH_ENGINE="elasticsearch")
    assert "wagtail.search.backends.elasticsearch8" in elastic


@pytest.mark.django_db
def test_wagtail_opensearch_backend_searches_the_real_node():
    transport = engine_transport()
    index = f"tdn-test-wagtail-{uuid.uuid4().hex[:8]}"
    backend = get_search_backend(
        "wagtail.search.backends.opensearch2", URLS=[ENGINE_URL], INDEX=index
    )
    try:
        backend.reset_indexes()
        backend.get_index_for_model(MetierPage).add_model(MetierPage)
        backend.add_bulk(MetierPage, list(MetierPage.objects.live()))
        backend.refresh_indexes()
        titles = [page.title for page in backend.search("cybersécurité", MetierPage)]
        assert "Analyste en cybersécurité" in titles
    finally:
        for name in transport.indices_matching(f"{index}*"):
            transport.delete_index(name)
