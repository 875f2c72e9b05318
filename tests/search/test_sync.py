"""Durable sync on both backends: publishing, unpublishing and deleting reach the index through
the queue, and an engine outage loses nothing."""

import threading
import uuid

import pytest
from django.core.management import call_command
from django.test import override_settings

from cms.formations.models import Etablissement
from cms.metiers.models import MetierPage
from search import service
from search.backends.base import SearchRequest
from search.models import IndexUpdate

from .conftest import ENGINE_URL, engine_transport

pytestmark = pytest.mark.django_db
DEAD_ENGINE = "http://127.0.0.1:1"  # nothing listens there: connections are refused


@pytest.fixture(params=["database", "engine"])
def live_backend(request):
    """Point the service at one backend, starting from a full rebuild of the demo content."""
    if request.param == "database":
        with override_settings(SEARCH_URL=""):
            service.rebuild()
            yield "database"
        return
    transport = engine_transport()
    prefix = f"tdn-sync-{uuid.uuid4().hex[:8]}"
    with override_settings(SEARCH_URL=ENGINE_URL, SEARCH_INDEX_PREFIX=prefix):
        service.rebuild()
        yield "engine"
    for index in transport.indices_matching(f"{prefix}-*"):
        transport.delete_index(index)


def found(q, slug):
    return slug in [hit.slug for hit in service.search(q, log=False, limit=50).results]


def publish_with_title(slug, title):
    page = MetierPage.objects.get(slug=slug)
    page.title = title
    page.save_revision().publish()
    return page


def sync():
    call_command("search_sync", verbosity=0)


def test_publish_is_searchable_after_one_sync(live_backend):
    publish_with_title("roboticien", "Roboticien·ne zorglubienne")
    assert IndexUpdate.objects.filter(doc_type="metier").exists()
    assert not found("zorglubienne", "roboticien")
    sync()
    assert found("zorglubienne", "roboticien")
    assert not IndexUpdate.objects.exists()


def test_unpublish_and_delete_remove_from_the_index(live_backend):
    MetierPage.objects.get(slug="pentester").unpublish()
    MetierPage.objects.get(slug="rssi").delete()
    Etablissement.objects.get(slug="insa-lyon").delete()
    sync()
    assert not found("pentester", "pentester")
    assert not found("rssi", "rssi")
    assert not found("insa lyon", "insa-lyon")


def test_engine_outage_loses_nothing(live_backend, capsys):
    if live_backend != "engine":
        pytest.skip("the database backend has no outage of its own: it is the database")
    with override_settings(SEARCH_URL=DEAD_ENGINE):
        for slug, word in [("roboticien", "alpha"), ("pentester", "bravo"), ("rssi", "charlie")]:
            publish_with_title(slug, f"Métier {word}zulu")
        sync()
        call_command("search_sync", "--status")
    status = capsys.readouterr().out
    assert "pending: 3" in status
    assert "Connection" in status or "refused" in status
    assert IndexUpdate.objects.count() == 3
    IndexUpdate.objects.update(available_at=IndexUpdate.objects.first().created_at)  # retry now
    sync()
    assert not IndexUpdate.objects.exists()
    for slug, word in [("roboticien", "alpha"), ("pentester", "bravo"), ("rssi", "charlie")]:
        assert found(f"{word}zulu", slug)


def test_rebuild_never_interrupts_searches(live_backend):
    errors, totals, stop = [], [], threading.Event()

    def search_continuously():
        while not stop.is_set():
            try:
                totals.append(backend.search(SearchRequest(q="developpeur")).total)
            except Exception as error:
                errors.append(error)

    if live_backend == "database":
        pytest.skip(
            "the database backend swaps documents in one transaction; concurrent readers need "
            "their own connection, which the test transaction cannot give"
        )
    backend = service.get_backend()
    reader = threading.Thread(target=search_continuously)
    reader.start()
    try:
        for _ in range(3):
            service.rebuild()
    finally:
        stop.set()
        reader.join()
    assert not errors
    assert totals
    assert min(totals) > 0


def test_publishing_drains_the_queue_after_commit(django_capture_on_commit_callbacks):
    """Outside tests, the commit triggers the sync task (in-process by default)."""
    with override_settings(SEARCH_URL=""):
        with django_capture_on_commit_callbacks(execute=True):
            publish_with_title("testeur-qa", "Testeur·se quokka")
        assert not IndexUpdate.objects.exists()
        assert found("quokka", "testeur-qa")


# A deployment with the engine from the start, and the state older versions could leave.


def engine_prefix():
    return f"tdn-fresh-{uuid.uuid4().hex[:8]}"


def test_publishing_before_the_first_rebuild_creates_proper_indices():
    """SEARCH_URL set from the start, content published before any rebuild: the sync creates
    versioned indices behind aliases, with the project's analysis, never an index named like an
    alias; then rebuilding twice and searching work."""
    transport = engine_transport()
    prefix = engine_prefix()
    try:
        with override_settings(SEARCH_URL=ENGINE_URL, SEARCH_INDEX_PREFIX=prefix):
            page = MetierPage.objects.get(slug="roboticien")
            page.save_revision().publish()
            call_command("search_sync", verbosity=0)
            alias = f"{prefix}-metier"
            assert transport.indices_of_alias(alias), "the alias must exist"
            assert alias not in transport.indices_matching(f"{prefix}-*")
            [index] = transport.indices_of_alias(alias)
            settings = transport.client.indices.get_settings(index=index)[index]["settings"]
            assert "tdn_french" in settings["index"]["analysis"]["analyzer"]
            call_command("search_rebuild", verbosity=0)
            call_command("search_rebuild", verbosity=0)
            results = service.search("roboticienne", types=("metier",), log=False)
            assert "roboticien" in [hit.slug for hit in results.results]
    finally:
        for index in transport.indices_matching(f"{prefix}-*"):
            transport.delete_index(index)


def test_a_rebuild_repairs_an_index_squatting_an_alias_name():
    """What an older version let the engine do: an index named like the alias, with dynamic
    mapping. Rebuilding replaces it; searching works again."""
    transport = engine_transport()
    prefix = engine_prefix()
    try:
        transport.create_index(f"{prefix}-metier", {})
        with override_settings(SEARCH_URL=ENGINE_URL, SEARCH_INDEX_PREFIX=prefix):
            call_command("search_rebuild", verbosity=0)
            assert transport.indices_of_alias(f"{prefix}-metier")
            assert f"{prefix}-metier" not in transport.indices_matching(f"{prefix}-*")
            results = service.search("pentesteur", types=("metier",), log=False)
            assert "pentester" in [hit.slug for hit in results.results]
    finally:
        for index in transport.indices_matching(f"{prefix}-*"):
            transport.delete_index(index)
