"""Events on the map (carte/?contenu=evenement) and in the search, kept in step with the admin:
an unpublished event or edition leaves both."""

import pytest

from evenements.semaine.models import Evenement
from search import service
from tests.factories import EditionFactory, EvenementFactory

pytestmark = pytest.mark.django_db

LYON_BBOX = "4.7,45.6,5.0,45.9"


@pytest.fixture
def api(client):
    def get(path, **params):
        return client.get("/api/v1/" + path, params, HTTP_HOST="localhost")

    return get


def features(response):
    assert response.status_code == 200, response.content
    return response.json()["features"]


def placed_in_lyon():
    return Evenement.objects.visibles().filter(
        latitude__range=(45.6, 45.9), longitude__range=(4.7, 5.0)
    )


def test_the_map_shows_events_when_asked(api):
    expected = {e.slug for e in placed_in_lyon()}
    assert expected
    found = features(api("carte/", contenu="evenement", zoom=12, bbox=LYON_BBOX))
    assert {f["properties"]["slug"] for f in found} == expected
    assert {f["properties"]["type"] for f in found} == {"evenement"}


def test_the_map_keeps_showing_establishments_by_default(api):
    default = api("carte/", zoom=12, bbox=LYON_BBOX).json()
    assert {f["properties"]["type"] for f in default["features"]} == {"etablissement"}
    both = api("carte/", contenu="etablissement,evenement", zoom=12, bbox=LYON_BBOX).json()
    assert both["total"] == default["total"] + placed_in_lyon().count()


def test_map_filters_apply_to_events(api):
    bretagne = api("carte/", contenu="evenement", zoom=3, region="bretagne").json()
    assert bretagne["total"] == Evenement.objects.visibles().filter(region="bretagne").count()
    assert bretagne["total"] > 0


def test_an_unknown_map_content_is_a_400(api):
    response = api("carte/", contenu="salle")
    assert response.status_code == 400
    assert response.json()["error"]["fields"]["contenu"]


def test_events_are_found_by_the_search_after_the_metiers(api):
    body = api("recherche/", q="hackathon", type="evenement").json()
    assert body["total"] > 0
    assert {hit["type"] for hit in body["results"]} == {"evenement"}
    # A métier fiche still comes first for its own words, however many events mention them.
    first = api("recherche/", q="cybersécurité").json()["results"][0]
    assert first["type"] == "metier"


def test_unpublishing_an_event_or_its_edition_takes_it_off_the_map_and_the_search(
    api, django_capture_on_commit_callbacks
):
    edition = EditionFactory()
    with django_capture_on_commit_callbacks(execute=True):
        evenement = EvenementFactory(edition=edition, titre="Atelier zorglub", commune="Lyon",
                                     latitude="45.75", longitude="4.85")  # fmt: skip

    def found():
        hits = api("recherche/", q="zorglub", type="evenement").json()["results"]
        points = features(api("carte/", contenu="evenement", zoom=14, bbox=LYON_BBOX))
        return [h["slug"] for h in hits], evenement.slug in {
            f["properties"]["slug"] for f in points
        }

    assert found() == ([evenement.slug], True)
    with django_capture_on_commit_callbacks(execute=True):
        edition.publiee = False
        edition.save()
    assert found() == ([], False)
    with django_capture_on_commit_callbacks(execute=True):
        edition.publiee = True
        edition.save()
    assert found() == ([evenement.slug], True)
    with django_capture_on_commit_callbacks(execute=True):
        evenement.publie = False
        evenement.save()
    assert found() == ([], False)
    service.rebuild(types=("evenement",))
    assert found() == ([], False)
