"""The search knows the glossary: a term is a document of its own, found by the term or a
variant, with its definition as the excerpt, and kept up to date when the commission edits it."""

import pytest

from cms.glossaire.models import Terme
from search.backends.base import SearchRequest
from search.backends.database import DatabaseBackend
from search.documents import DOC_TYPES, iter_documents
from search.models import IndexUpdate
from search.service import synonym_rules

pytestmark = pytest.mark.django_db


@pytest.fixture
def backend():
    backend = DatabaseBackend(synonym_rules())
    backend.rebuild({t: list(iter_documents(t)) for t in DOC_TYPES}, synonym_rules())
    return backend


def first(backend, q):
    hit = backend.search(SearchRequest(q=q)).results[0]
    return hit.type, hit.slug


def test_a_glossary_question_finds_the_term_first(backend):
    assert first(backend, "VLAN") == ("terme", "vlan")
    top3 = backend.search(SearchRequest(q="hameçonnage", limit=3)).results
    assert ("terme", "phishing") in [(hit.type, hit.slug) for hit in top3]
    results = backend.search(SearchRequest(q="VLAN", types=("terme",))).results
    assert "réseau local virtuel" in results[0].excerpt


def test_a_metier_still_comes_before_the_term_that_names_it(backend):
    assert first(backend, "RSSI") == ("metier", "rssi")
    assert ("terme", "sigle-rssi") in [
        (hit.type, hit.slug) for hit in backend.search(SearchRequest(q="RSSI")).results
    ]


def test_editing_a_term_queues_its_document():
    terme = Terme.objects.get(slug="vlan")
    terme.definition = "Un réseau local virtuel, redéfini pour le test."
    terme.save()
    assert IndexUpdate.objects.filter(doc_type="terme", object_id=terme.pk).exists()
