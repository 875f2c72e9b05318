"""The database backend's cost is bounded whatever students type: words are capped, typo
candidates come from an index, and results are reused until the index changes."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cms.metiers.models import MetierPage
from search import service
from search.backends.base import SearchRequest
from search.backends.database import MAX_QUERY_WORDS, DatabaseBackend

pytestmark = pytest.mark.django_db


@pytest.fixture
def backend():
    service.rebuild()
    return DatabaseBackend(service.synonym_rules())


def slugs(results):
    return [hit.slug for hit in results.results]


def test_only_the_first_words_of_a_long_query_count(backend):
    words = ["cybersecurite", "pentester"] + [f"bruit{i}" for i in range(300)]
    capped = " ".join(words[:MAX_QUERY_WORDS])
    long = backend.search(SearchRequest(q=" ".join(words)[:2000]))
    assert slugs(long) == slugs(backend.search(SearchRequest(q=capped)))


def test_a_repeated_search_reads_nothing_until_the_index_changes(backend):
    request = SearchRequest(q="robotique", types=("metier",))
    first = backend.search(request)
    with CaptureQueriesContext(connection) as queries:
        again = backend.search(request)
    assert len(queries) == 0
    assert slugs(again) == slugs(first)

    page = MetierPage.objects.get(slug="roboticien")
    page.synonymes += "\nmachines autonomes"
    page.save_revision().publish()
    service.rebuild()
    found = backend.search(SearchRequest(q="machines autonomes", types=("metier",)))
    assert "roboticien" in slugs(found)
