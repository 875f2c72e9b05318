"""evenements/: the list and its filters, near, the detail with its seats, what the public may
not see, bad parameters, and a query count that does not grow with the events."""

from datetime import datetime, timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from evenements.semaine.models import Evenement
from tests.api.conftest import assert_error
from tests.factories import PARIS, EditionFactory, EvenementFactory

pytestmark = pytest.mark.django_db

LYON = (45.76404, 4.83566)
GRENOBLE = (45.18756, 5.73578)
MARSEILLE = (43.29695, 5.38107)


@pytest.fixture
def api(client):
    def get(path, **params):
        return client.get("/api/v1/" + path, params, HTTP_HOST="localhost")

    return get


@pytest.fixture
def edition():
    return EditionFactory()


def slugs(response):
    assert response.status_code == 200, response.content
    return [item["slug"] for item in response.json()["results"]]


def place(lat_lon, commune, region):
    lat, lon = lat_lon
    return {"latitude": lat, "longitude": lon, "commune": commune, "region": region}


def test_list_shows_an_edition_in_date_order_with_paris_times(api, edition):
    later = EvenementFactory(
        edition=edition, debut=datetime(edition.annee, 12, 5, 14, 0, tzinfo=PARIS)
    )
    first = EvenementFactory(
        edition=edition, debut=datetime(edition.annee, 10, 20, 9, 0, tzinfo=PARIS)
    )
    response = api("evenements/", edition=str(edition.annee))
    assert slugs(response) == [first.slug, later.slug]
    body = response.json()
    assert body["count"] == 2
    summer, winter = body["results"]
    assert summer["debut"] == f"{edition.annee}-10-20T09:00:00+02:00"
    assert winter["debut"] == f"{edition.annee}-12-05T14:00:00+01:00"
    assert winter["fin"] == f"{edition.annee}-12-05T16:00:00+01:00"
    assert winter["edition"] == edition.annee
    assert winter["organisateur"] == {
        "type": "organisation",
        "slug": None,
        "title": "Entreprise d'essai",
    }
    assert winter["niveaux"] == ["lycee"]
    assert winter["capacite"] == 30
    assert winter["places_restantes"] == 30
    assert winter["inscriptions_ouvertes"] is True
    assert winter["distance_km"] is None
    assert api("evenements/", edition=edition.slug).json()["count"] == 2


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"region": "auvergne-rhone-alpes"}, ["lyon", "grenoble"]),
        (
            {"region": "provence-alpes-cote-d-azur,auvergne-rhone-alpes"},
            ["lyon", "grenoble", "marseille"],
        ),
        ({"type": "hackathon"}, ["grenoble"]),
        ({"type": "hackathon,conference"}, ["grenoble", "en-ligne"]),
        ({"niveau": "college"}, ["lyon", "en-ligne"]),
        ({"niveau": "college,parents"}, ["lyon", "marseille", "en-ligne"]),
        ({"du": "{y}-12-08"}, ["grenoble", "marseille", "en-ligne"]),  # overlapping counts
        ({"au": "{y}-12-07"}, ["lyon", "grenoble"]),
        ({"du": "{y}-12-07", "au": "{y}-12-08"}, ["grenoble", "marseille"]),
        ({"en_ligne": "true"}, ["en-ligne"]),
        ({"en_ligne": "false"}, ["lyon", "grenoble", "marseille"]),
    ],
)
def test_list_filters(api, edition, params, expected):
    y = edition.annee
    day = lambda d, h=10: datetime(y, 12, d, h, 0, tzinfo=PARIS)  # noqa: E731
    EvenementFactory(
        edition=edition, slug="lyon", debut=day(6), niveaux=["college", "lycee"],
        **place(LYON, "Lyon", "auvergne-rhone-alpes"),
    )  # fmt: skip
    EvenementFactory(
        edition=edition, slug="grenoble", type="hackathon", debut=day(7, 22),
        fin=day(8, 1) - timedelta(minutes=1), **place(GRENOBLE, "Grenoble", "auvergne-rhone-alpes"),
    )  # fmt: skip
    EvenementFactory(
        edition=edition, slug="marseille", debut=day(8), niveaux=["parents"],
        **place(MARSEILLE, "Marseille", "provence-alpes-cote-d-azur"),
    )  # fmt: skip
    EvenementFactory(
        edition=edition, slug="en-ligne", type="conference", debut=day(9), niveaux=["college"],
        adresse="", commune="", region="", latitude=None, longitude=None,
        lien_en_ligne="https://visio.example.org/conference",
    )  # fmt: skip
    query = {name: value.format(y=y) for name, value in params.items()}
    assert slugs(api("evenements/", edition=str(y), **query)) == expected


def test_near_sorts_by_distance_within_the_radius(api, edition):
    EvenementFactory(
        edition=edition,
        slug="marseille",
        **place(MARSEILLE, "Marseille", "provence-alpes-cote-d-azur"),
    )
    EvenementFactory(
        edition=edition, slug="grenoble", **place(GRENOBLE, "Grenoble", "auvergne-rhone-alpes")
    )
    EvenementFactory(edition=edition, slug="lyon", **place(LYON, "Lyon", "auvergne-rhone-alpes"))
    EvenementFactory(
        edition=edition, slug="en-ligne", adresse="", commune="", region="", latitude=None,
        longitude=None, lien_en_ligne="https://visio.example.org/",
    )  # fmt: skip
    near = f"{LYON[0]},{LYON[1]}"
    response = api("evenements/", edition=edition.slug, near=near, radius_km="400")
    assert slugs(response) == ["lyon", "grenoble", "marseille"]
    distances = [item["distance_km"] for item in response.json()["results"]]
    assert distances[0] == 0
    assert 90 < distances[1] < 100  # Lyon–Grenoble as the crow flies
    assert 270 < distances[2] < 290  # Lyon–Marseille
    assert slugs(api("evenements/", edition=edition.slug, near=near)) == ["lyon"]  # 50 km
    assert response.json()["count"] == 3


def test_detail_carries_the_seats_left_and_the_calendar(api, edition):
    evenement = EvenementFactory(edition=edition, capacite=40, niveaux=["lycee", "enseignants"])
    Evenement.objects.filter(pk=evenement.pk).update(places_prises=12)
    body = api(f"evenements/{evenement.slug}/").json()
    assert body["capacite"] == 40
    assert body["places_restantes"] == 28
    assert body["niveaux"] == ["enseignants", "lycee"]
    assert body["description"] == "Un atelier pour découvrir le code."
    assert body["adresse"] == "1 rue de Rivoli"
    assert body["latitude"] == pytest.approx(48.85661)
    assert body["calendrier"] == f"http://localhost/api/v1/evenements/{evenement.slug}.ics"
    assert body["debut"].endswith("+01:00")


def test_organiser_of_a_member_establishment_is_named_with_its_slug(api, edition):
    from cms.formations.models import Etablissement

    etablissement = Etablissement.objects.filter(membre=True).first()
    evenement = EvenementFactory(edition=edition, organisation="", etablissement=etablissement)
    body = api(f"evenements/{evenement.slug}/").json()
    assert body["organisateur"] == {
        "type": "etablissement",
        "slug": etablissement.slug,
        "title": etablissement.nom,
    }


def test_unpublished_editions_and_events_stay_hidden(api, edition):
    hidden_edition = EditionFactory(publiee=False)
    in_hidden_edition = EvenementFactory(edition=hidden_edition)
    draft = EvenementFactory(edition=edition, publie=False)
    shown = EvenementFactory(edition=edition)
    assert slugs(api("evenements/", edition=edition.slug)) == [shown.slug]
    assert in_hidden_edition.slug not in slugs(api("evenements/", page_size=100))
    for hidden in (in_hidden_edition, draft):
        assert_error(api(f"evenements/{hidden.slug}/"), 404)
        assert_error(api(f"evenements/{hidden.slug}.ics"), 404)
    assert_error(api("evenements/", edition=hidden_edition.slug), 400, "edition")


def test_unknown_event_is_a_json_404(api):
    error = assert_error(api("evenements/nexiste-pas/"), 404)
    assert error["code"] == "not_found"
    assert_error(api("evenements/nexiste-pas.ics"), 404)


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"region": "atlantide"}, "region"),
        ({"type": "sieste"}, "type"),
        ({"niveau": "maternelle"}, "niveau"),
        ({"du": "2026-13-01"}, "du"),
        ({"au": "demain"}, "au"),
        ({"du": "2026-12-10", "au": "2026-12-07"}, "au"),
        ({"edition": "1999"}, "edition"),
        ({"edition": "x" * 41}, "edition"),
        ({"en_ligne": "peut-etre"}, "en_ligne"),
        ({"near": "lyon"}, "near"),
        ({"near": "91,0"}, "near"),
        ({"radius_km": "10"}, "radius_km"),
        ({"near": "45,4", "radius_km": "0"}, "radius_km"),
        ({"near": "45,4", "radius_km": "nan"}, "radius_km"),
        ({"page_size": "1000"}, "page_size"),
        ({"page": "0"}, "page"),
        ({"sort": "date"}, "sort"),
        ({"region": "ile-de-france'; DROP TABLE semaine_evenement;--"}, "region"),
        ({"edition": "2026\x00"}, "edition"),
    ],
)
def test_bad_parameters_are_400_on_the_list_and_the_calendar(api, params, field):
    before = Evenement.objects.count()
    assert_error(api("evenements/", **params), 400, field)
    if not field.startswith("page"):
        assert_error(api("evenements.ics", **params), 400, field)
    assert Evenement.objects.count() == before


def test_detail_refuses_parameters_and_writes(api, client, edition):
    evenement = EvenementFactory(edition=edition)
    assert_error(api(f"evenements/{evenement.slug}/", champ="x"), 400, "champ")
    response = client.post(
        f"/api/v1/evenements/{evenement.slug}/", {"capacite": 1}, content_type="application/json"
    )
    assert_error(response, 405)
    assert Evenement.objects.get(pk=evenement.pk).capacite == 30


def test_a_page_past_the_end_is_a_404(api, edition):
    EvenementFactory(edition=edition)
    assert_error(api("evenements/", edition=edition.slug, page=2), 404)


def count_queries(api, **params):
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        response = api("evenements/", page_size=100, **params)
    assert response.status_code == 200, response.content
    return len(queries), response.json()["count"]


def test_query_count_does_not_grow_with_the_events(api, edition):
    from cms.communaute.models import Federation
    from cms.formations.models import Etablissement

    etablissement = Etablissement.objects.first()
    federation = Federation.objects.first()
    EvenementFactory.create_batch(5, edition=edition, niveaux=["college", "parents"])
    near = {"near": "48.85,2.35", "radius_km": "20"}
    few = count_queries(api, edition=edition.slug)
    few_near = count_queries(api, edition=edition.slug, **near)
    few_filtered = count_queries(
        api, edition=edition.slug, niveau="college", region="ile-de-france"
    )
    EvenementFactory.create_batch(
        45, edition=edition, organisation="", etablissement=etablissement, niveaux=["college"]
    )
    EvenementFactory.create_batch(50, edition=edition, organisation="", federation=federation)
    many = count_queries(api, edition=edition.slug)
    many_near = count_queries(api, edition=edition.slug, **near)
    many_filtered = count_queries(
        api, edition=edition.slug, niveau="college", region="ile-de-france"
    )
    # Edition lookup, count, page (with the organisers joined), niveaux prefetched.
    assert (few, many) == ((4, 5), (4, 100))
    # Edition lookup, the coordinates, the events within the radius, niveaux.
    assert (few_near, many_near) == ((4, 5), (4, 100))
    assert (few_filtered, many_filtered) == ((4, 5), (4, 50))
