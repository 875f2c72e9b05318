"""métiers/, formations/, etablissements/: success, each filter, pagination, ordering, 404,
bad parameters, and query counts that do not grow with the data."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cms.formations.models import Etablissement, FormationPage
from cms.metiers.models import MetierPage
from tests.factories import EtablissementFactory, FormationPageFactory, MetierPageFactory
from tests.figures import SAMPLE_SOURCE_URL, attach_sourced_salary

from .conftest import assert_error

pytestmark = pytest.mark.django_db


def slugs(response):
    return [item["slug"] for item in response.json()["results"]]


# métiers


def test_metiers_list_and_pagination(api):
    live = MetierPage.objects.live().count()
    response = api("metiers/", page_size=10)
    body = response.json()
    assert response.status_code == 200
    assert body["count"] == live
    assert len(body["results"]) == 10
    assert body["next"].endswith("page=2&page_size=10")
    assert body["previous"] is None
    item = body["results"][0]
    assert {"slug", "title", "url", "accroche", "domaine", "code_riasec", "image"} <= set(item)
    assert item["url"].startswith("http://localhost/metiers/")
    assert item["image"]["renditions"]["thumbnail"]["url"].startswith("http")
    last_page = (live + 9) // 10
    last = api("metiers/", page_size=10, page=last_page).json()
    assert len(last["results"]) == live - 10 * (last_page - 1)
    assert last["next"] is None


@pytest.mark.parametrize(
    ("params", "check"),
    [
        ({"domaine": "cybersecurite"}, lambda m: m.domaine == "cybersecurite"),
        ({"domaine": "cybersecurite,data-ia"}, lambda m: m.domaine in {"cybersecurite", "data-ia"}),
        ({"niveau": "2"}, lambda m: m.niveau_acces_min <= 2),
        ({"riasec": "A"}, lambda m: m.code_riasec.startswith("A")),
        ({"riasec": "ir"}, lambda m: m.code_riasec.startswith("IR")),
    ],
)
def test_metiers_filters(api, params, check):
    response = api("metiers/", page_size=100, **params)
    assert response.status_code == 200
    expected = {m.slug for m in MetierPage.objects.live() if check(m)}
    assert expected
    assert set(slugs(response)) == expected


def test_metiers_ordering(api):
    attach_sourced_salary("pentester", low=2800, high=3500)
    attach_sourced_salary("data-analyst", low=2500, high=3100)
    attach_sourced_salary("roboticien", low=2100, high=3300)
    by_salary = api("metiers/", ordering="-salaire", page_size=100).json()["results"]
    salaries = [m["salaire_debutant"]["min"] for m in by_salary if m["salaire_debutant"]]
    assert salaries == [2800, 2500, 2100]
    by_title = [
        m["title"] for m in api("metiers/", ordering="titre", page_size=100).json()["results"]
    ]
    assert by_title == sorted(by_title)


def test_metier_detail_is_complete(api):
    body = api("metiers/data-scientist/").json()
    assert body["title"] == "Data scientist"
    assert body["profil_riasec"]["I"] >= 80
    assert body["code_riasec"][0] == "I"
    assert body["description"].startswith("<p"), "paragraphs, as the editor saves them"
    assert body["salaire_debutant"] is None, "no traceable source: the figure is not shown"
    assert set(body["image"]["renditions"]) == {"thumbnail", "medium", "large"}
    assert body["image"]["alt"]
    assert body["image"]["focal_point"] is not None
    assert len(body["formations"]) >= 2
    assert all(f["url"].startswith("http") for f in body["formations"])
    assert body["bacs"]
    assert body["faq"][0]["question"]
    assert body["metiers_proches"]


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"domaine": "astrologie"}, "domaine"),
        ({"niveau": "bac+2"}, "niveau"),
        ({"niveau": "7"}, "niveau"),
        ({"riasec": "XYZ"}, "riasec"),
        ({"riasec": "IRAS"}, "riasec"),
        ({"ordering": "password"}, "ordering"),
        ({"page_size": "1000"}, "page_size"),
        ({"page_size": "abc"}, "page_size"),
        ({"page": "0"}, "page"),
        ({"domain": "data-ia"}, "domain"),
    ],
)
def test_metiers_bad_parameters(api, params, field):
    assert_error(api("metiers/", **params), 400, field)


def test_unknown_metier_and_page_out_of_range(api):
    assert_error(api("metiers/astronaute/"), 404)
    assert_error(api("metiers/", page=99), 404)
    assert_error(api("metiers/data-scientist/", champ="x"), 400, "champ")


def test_unpublished_metier_is_not_served(api):
    MetierPage.objects.get(slug="rssi").unpublish()
    assert_error(api("metiers/rssi/"), 404)
    assert "rssi" not in slugs(api("metiers/", page_size=100))


# formations


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"niveau": "2"}, lambda: FormationPage.objects.live().filter(niveau_sortie=2)),
        ({"niveau": "3,5"}, lambda: FormationPage.objects.live().filter(niveau_sortie__in=[3, 5])),
        ({"type": "bts"}, lambda: FormationPage.objects.live().filter(type_formation="bts")),
        ({"alternance": "true"}, lambda: FormationPage.objects.live().filter(alternance=True)),
        ({"alternance": "false"}, lambda: FormationPage.objects.live().filter(alternance=False)),
        (
            {"metier": "pentester"},
            lambda: MetierPage.objects.get(slug="pentester").formations.live(),
        ),
        (
            {"region": "bretagne"},
            lambda: FormationPage.objects.live().filter(etablissements__region="bretagne"),
        ),
    ],
)
def test_formations_filters(api, params, expected):
    response = api("formations/", page_size=100, **params)
    assert response.status_code == 200
    wanted = set(expected().values_list("slug", flat=True))
    assert wanted
    assert sorted(slugs(response)) == sorted(wanted), "no duplicates, nothing missing"


def test_formations_ordering_and_detail(api):
    levels = [f["niveau_sortie"] for f in api("formations/", ordering="-niveau", page_size=100)
              .json()["results"]]  # fmt: skip
    assert levels == sorted(levels, reverse=True)
    body = api("formations/but-informatique/").json()
    assert body["type"] == "but"
    assert body["niveau_sortie"] == 3
    assert body["etablissements"]
    assert any(m["slug"] == "developpeur-web" for m in body["metiers"])


@pytest.mark.parametrize(
    ("params", "field"),
    [({"type": "bac_plus"}, "type"), ({"alternance": "peut-etre"}, "alternance"),
     ({"metier": "astronaute"}, "metier"), ({"region": "texas"}, "region"),
     ({"niveau": "7"}, "niveau")],
)  # fmt: skip
def test_formations_bad_parameters(api, params, field):
    assert_error(api("formations/", **params), 400, field)


# établissements


def test_etablissements_filters(api):
    bretagne = api("etablissements/", region="bretagne", page_size=100)
    assert set(slugs(bretagne)) == set(
        Etablissement.objects.filter(region="bretagne").values_list("slug", flat=True)
    )
    iut = api("etablissements/", type="iut", membre="true", page_size=100).json()["results"]
    assert iut
    assert all(e["type"] == "iut" and e["membre"] for e in iut)
    offering = api("etablissements/", formation="but-informatique", page_size=100)
    assert set(slugs(offering)) == set(
        FormationPage.objects.get(slug="but-informatique").etablissements.values_list(
            "slug", flat=True
        )
    )
    public = api("etablissements/", statut="public", page_size=100).json()
    assert all(e["statut"] == "public" for e in public["results"])


def test_etablissements_near(api):
    body = api("etablissements/", near="48.8566,2.3522", radius_km=5, page_size=100).json()
    assert body["count"] > 0
    assert all(e["distance_km"] <= 5 for e in body["results"])
    assert all(e["region"] == "ile-de-france" for e in body["results"])


@pytest.mark.parametrize(
    ("params", "field"),
    [({"near": "paris"}, "near"), ({"near": "91,2"}, "near"),
     ({"near": "48.8,2.3", "radius_km": "-3"}, "radius_km"), ({"radius_km": "10"}, "radius_km"),
     ({"type": "chateau"}, "type"), ({"membre": "oui"}, "membre")],
)  # fmt: skip
def test_etablissements_bad_parameters(api, params, field):
    assert_error(api("etablissements/", **params), 400, field)


def test_etablissement_detail(api):
    body = api("etablissements/insa-lyon/").json()
    assert body["ville"]
    assert body["formations"]
    assert_error(api("etablissements/nulle-part/"), 404)


# Query counts do not grow with the data (no N+1).


def count_queries(api, path, **params):
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        response = api(path, page_size=100, **params)
    assert response.status_code == 200
    return len(queries), response.json()["count"]


def test_etablissements_query_count_is_constant():
    from django.test import Client

    def api(path, **params):
        return Client().get("/api/v1/" + path, params, HTTP_HOST="localhost")

    Etablissement.objects.all().delete()
    EtablissementFactory.create_batch(5)
    few, count_few = count_queries(api, "etablissements/")
    EtablissementFactory.create_batch(495)
    many, count_many = count_queries(api, "etablissements/")
    assert (count_few, count_many) == (5, 500)
    assert few == many == 2


def test_metiers_and_formations_query_counts_are_constant(api):
    api("metiers/", page_size=100)  # renditions of the demo images are made on first use
    metiers_few, metiers_before = count_queries(api, "metiers/")
    formations_few, formations_before = count_queries(api, "formations/")
    MetierPageFactory.create_batch(200, parent=MetierPage.objects.first().get_parent())
    FormationPageFactory.create_batch(200, parent=FormationPage.objects.first().get_parent())
    metiers_many, metier_count = count_queries(api, "metiers/")
    formations_many, formation_count = count_queries(api, "formations/")
    assert metier_count == metiers_before + 200
    assert formation_count == formations_before + 200
    assert metiers_few == metiers_many == 4
    assert formations_few == formations_many == 3


def test_the_metier_list_writes_out_exactly_what_its_fields_declare(rf):
    """The list's hand-written representation matches DRF's generic one, field for field."""
    from rest_framework import serializers

    from api.catalogue import MetierList, MetierListSerializer

    request = rf.get("/api/v1/metiers/", HTTP_HOST="localhost")
    pages = list(MetierList().get_queryset())
    assert len(pages) == MetierPage.objects.live().count() > 20
    serializer = MetierListSerializer(context={"request": request})
    for page in pages:
        generic = serializers.Serializer.to_representation(serializer, page)
        written = serializer.to_representation(page)
        assert list(written) == list(generic)
        assert written == generic


def test_each_figure_carries_its_source_and_url(api):
    """A figure is an object with its source; the list and the fiche give the same one."""
    attach_sourced_salary("developpeur-jeux-video", low=2000, high=2600)
    body = api("metiers/developpeur-jeux-video/").json()
    salaire = body["salaire_debutant"]
    assert salaire == {
        "min": 2000, "max": 2600, "libelle": "en début de carrière",
        "source": {"titre": "Salaires d'essai", "editeur": "Éditeur d'essai", "annee": 2025,
                   "url": SAMPLE_SOURCE_URL},
        "url": SAMPLE_SOURCE_URL,
    }  # fmt: skip
    femmes = body["part_femmes"]
    assert femmes["pourcentage"] == 6
    assert femmes["libelle"] == "dans les métiers techniques du secteur du jeu vidéo"
    assert femmes["url"] == femmes["source"]["url"]
    assert femmes["url"].startswith("https://www.publicsenat.fr/")
    listed = api("metiers/", page_size=100).json()["results"]
    assert [m["salaire_debutant"] for m in listed if m["slug"] == "developpeur-jeux-video"] == [
        salaire
    ]


def test_a_figure_without_a_source_is_null(api):
    MetierPage.objects.filter(slug="game-designer").update(part_femmes_source=None)
    assert api("metiers/game-designer/").json()["part_femmes"] is None
