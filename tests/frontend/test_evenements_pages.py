"""The Semaine du numérique, Trophées NSI and Femmes@Numérique pages of the student site, through
HTTP as a browser without JavaScript sees them: the events list and its filters (checked against
the API's answer for the same filters), an event's page, the class registration form posted to
the page (the no-JS fallback) until the event is full, the Trophées gallery and palmarès.
Bad parameters get a 4xx page with the error next to the field, never a 500."""

from datetime import UTC, datetime, timedelta
from urllib.parse import urljoin

import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django.utils import timezone

from evenements.inscriptions.models import Inscription
from evenements.semaine import queries
from evenements.semaine.models import Evenement
from evenements.trophees.models import Edition as EditionTrophees
from tests.factories import EvenementFactory

pytestmark = pytest.mark.django_db

LIST = "/evenements/"
FULL = "Complet : liste d'attente ouverte"


def soup_of(response):
    return BeautifulSoup(response.content, "html.parser")


def text(element):
    """An element's text as a reader gets it: whitespace collapsed."""
    return " ".join(element.get_text().split())


def listed(client, params):
    """Every event the list shows for these filters, following its pages: (slugs, headline)."""
    response = client.get(LIST, params)
    assert response.status_code == 200, response.content[:500]
    soup = soup_of(response)
    headline = soup.select_one("#resultats-titre").get_text(" ", strip=True)
    slugs = []
    while True:
        slugs += [a["href"].split("/")[-2] for a in soup.select(".evt-item h3 a")]
        following = soup.select_one(".evt-pages a[rel=next]")
        if following is None:
            return slugs, headline
        soup = soup_of(client.get(urljoin(LIST, following["href"])))


def from_api(client, params):
    edition = queries.derniere_edition()
    answer = client.get(
        "/api/v1/evenements/", {**params, "edition": edition.annee, "page_size": 100}
    ).json()
    assert answer["next"] is None
    return [event["slug"] for event in answer["results"]]


def demo_day(offset):
    return (queries.derniere_edition().date_debut + timedelta(days=offset)).isoformat()


@pytest.mark.parametrize(
    "params",
    [
        {"region": "bretagne"},
        {"type": "atelier"},
        {"niveau": "college"},
        {"en_ligne": "true"},
        {"en_ligne": "false", "region": "occitanie"},
        {"du": 2, "au": 3},
        {"region": "ile-de-france", "niveau": "lycee", "du": 1},
    ],
)
def test_filters_list_what_the_api_finds_across_pages(client, params):
    params = {k: demo_day(v) if k in ("du", "au") else v for k, v in params.items()}
    expected = from_api(client, params)
    assert expected, "the demo has events for each of these filters"
    slugs, headline = listed(client, params)
    assert slugs == expected
    assert headline.startswith(f"{len(expected)} événement")


def test_unfiltered_list_is_the_whole_edition_in_date_order(client):
    slugs, headline = listed(client, {})
    expected = list(
        queries.evenements_publics()
        .filter(edition=queries.derniere_edition())
        .values_list("slug", flat=True)
    )
    assert slugs == expected
    assert len(expected) > 20  # several pages
    assert headline == f"{len(expected)} événements"


def test_filters_are_a_form_that_keeps_its_values_and_a_calendar_of_the_same_events(client):
    response = client.get(LIST, {"region": "bretagne", "en_ligne": "false", "utm_source": "x"})
    soup = soup_of(response)
    form = soup.select_one("form.evt-filtres")
    assert form["method"] == "get"
    assert soup.select_one("#id_region option[selected]")["value"] == "bretagne"
    assert soup.select_one("#id_en_ligne option[selected]")["value"] == "false"
    for field in ("region", "niveau", "type", "en_ligne", "du", "au"):
        label = soup.find("label", attrs={"for": f"id_{field}"})
        assert label
        assert label.get_text(strip=True)
    ics = soup.find("a", string=lambda s: s and "agenda (.ics)" in s)["href"]
    assert ics == "/api/v1/evenements.ics?region=bretagne&en_ligne=false"
    calendar = client.get(ics)
    assert calendar.status_code == 200
    assert calendar["Content-Type"].startswith("text/calendar")


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"region": "atlantide"}, "region"),
        ({"niveau": "<script>alert(1)</script>"}, "niveau"),
        ({"type": ["atelier", "zzz"]}, "type"),
        ({"en_ligne": "peut-etre"}, "en_ligne"),
        ({"du": "2026-13-45"}, "du"),
        ({"au": "99999-01-01"}, "au"),
        ({"du": "2026-12-10", "au": "2026-12-01"}, "au"),
    ],
)
def test_a_bad_filter_is_a_400_page_with_the_error_next_to_its_field(client, params, field):
    response = client.get(LIST, params)
    assert response.status_code == 400
    soup = soup_of(response)
    assert soup.select_one("[role=alert]").get_text(strip=True)
    error = soup.select_one(f"#id_{field}_error")
    assert error is not None
    assert error.get_text(strip=True)
    assert soup.select_one(f"#id_{field}")["aria-invalid"] == "true"
    assert f"id_{field}_error" in soup.select_one(f"#id_{field}")["aria-describedby"]
    assert b"<script>alert" not in response.content
    # The valid filters still apply: the list is still there.
    assert soup.select_one("#resultats-titre") is not None


@pytest.mark.parametrize(
    "params",
    [
        {"page": "abc"},
        {"page": "-3"},
        {"page": "99999999999999999999"},
        {"c": "TikTok-Lea-Cyber", "utm_medium": "social"},
        {"near": "not,a,place", "edition": "<b>"},
    ],
)
def test_unknown_parameters_and_odd_pages_are_ignored(client, params):
    assert client.get(LIST, params).status_code == 200


def event_page(client, evenement, status=200):
    response = client.get(f"/evenements/{evenement.slug}/")
    assert response.status_code == status
    return soup_of(response)


def test_an_event_page_says_when_where_who_and_the_seats_left(client):
    evenement = (
        queries.evenements_publics()
        .filter(edition=queries.derniere_edition(), etablissement__isnull=False)
        .first()
    )
    soup = event_page(client, evenement)
    assert soup.h1.get_text(strip=True) == evenement.titre
    assert len(soup.find_all("h1")) == 1
    infos = {
        dt.get_text(strip=True): text(dt.find_next_sibling("dd"))
        for dt in soup.select(".evt-infos dt")
    }
    debut = timezone.localtime(evenement.debut)
    assert f"{debut.day} " in infos["Quand"]
    assert f"de {debut.hour} h {debut:%M}" in infos["Quand"]
    assert "(heure de Paris)" in infos["Quand"]
    assert evenement.commune in infos["Où"]
    assert infos["Organisé par"] == evenement.etablissement.nom
    seats = evenement.capacite
    assert infos["Places"] == f"{seats} places restantes sur {seats}"
    agenda = soup.select_one("a.evt-agenda")
    assert agenda.get_text(" ", strip=True).startswith("Ajouter à mon agenda")
    assert agenda["href"] == f"/api/v1/evenements/{evenement.slug}.ics"
    assert client.get(agenda["href"]).status_code == 200
    form = soup.select_one("form[data-inscription]")
    assert form["method"] == "post"
    assert form["data-inscription"] == f"evenements/{evenement.slug}/inscriptions/"
    assert soup.select_one('script[type=module][src$="js/evenements.js"]') is not None


def test_times_are_shown_in_paris_time_across_the_clock_change(client):
    # 28 October 2041, 08:30 UTC is 09:30 in Paris (winter time began on the 27th).
    evenement = EvenementFactory(
        debut=datetime(2041, 10, 28, 8, 30, tzinfo=UTC),
        fin=datetime(2041, 10, 28, 10, 0, tzinfo=UTC),
    )
    quand = text(event_page(client, evenement).select_one(".evt-infos dd"))
    assert "lundi 28 octobre 2041, de 9 h 30 à 11 h 00" in quand


def test_an_online_event_gives_its_link(client):
    evenement = EvenementFactory(
        adresse="", commune="", region="", latitude=None, longitude=None,
        lien_en_ligne="https://visio.example.org/atelier",
    )  # fmt: skip
    soup = event_page(client, evenement)
    link = soup.select_one('.evt-infos a[href="https://visio.example.org/atelier"]')
    assert "en ligne" in link.get_text(" ", strip=True)


def test_unknown_and_unpublished_events_are_404(client):
    evenement = EvenementFactory(publie=False)
    event_page(client, evenement, status=404)
    assert client.get("/evenements/nope-nope/").status_code == 404
    assert client.get("/evenements/%3Cscript%3E/").status_code == 404


def test_the_cancellation_page_keeps_its_address(client):
    response = client.get("/evenements/annulation/")
    assert response.status_code == 200
    assert b"Annuler l'inscription" in response.content


def form_data(nombre_eleves, **overrides):
    return {
        "enseignant_nom": "Camille Martin",
        "enseignant_email": "camille.martin@ac-lyon.fr",
        "etablissement": "Lycée Ampère, Lyon",
        "niveau": "lycee",
        "nombre_eleves": str(nombre_eleves),
        **overrides,
    }


@pytest.fixture
def register(client, django_capture_on_commit_callbacks):
    def post(evenement, nombre_eleves, **overrides):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(
                f"/evenements/{evenement.slug}/", form_data(nombre_eleves, **overrides)
            )

    return post


def test_without_javascript_classes_register_until_full_then_wait(client, register):
    evenement = EvenementFactory(capacite=30)
    response = register(evenement, 25)
    assert response.status_code == 200
    soup = soup_of(response)
    assert (
        soup.select_one("#inscription-resultat")
        .get_text(" ", strip=True)
        .startswith("Inscription confirmée")
    )
    assert soup.select_one("#evt-places").get_text(strip=True) == "5 places restantes sur 30"
    assert soup.select_one("#evt-complet").has_attr("hidden")

    soup = soup_of(register(evenement, 5, enseignant_email="b@ac-lille.fr"))
    assert "Inscription confirmée" in soup.select_one("#inscription-resultat").get_text()
    assert soup.select_one("#evt-places").get_text(strip=True) == FULL

    soup = soup_of(register(evenement, 20, enseignant_email="c@ac-lille.fr"))
    result = soup.select_one("#inscription-resultat").get_text(" ", strip=True)
    assert result.startswith("Votre classe est sur liste d'attente (rang 1)")
    soup = soup_of(register(evenement, 12, enseignant_email="d@ac-lille.fr"))
    assert "(rang 2)" in soup.select_one("#inscription-resultat").get_text()

    # Seen again later, the page says the event is full and how the waiting list works.
    soup = event_page(client, evenement)
    notice = soup.select_one("#evt-complet")
    assert not notice.has_attr("hidden")
    assert "liste d'attente" in notice.get_text()
    assert "e-mail" in notice.get_text()
    assert soup.select_one("form[data-inscription] button").get_text(strip=True) == (
        "Inscrire ma classe sur la liste d'attente"
    )
    statuses = list(
        Inscription.objects.filter(evenement=evenement)
        .order_by("position")
        .values_list("statut", "nombre_eleves")
    )
    assert statuses == [
        ("confirmee", 25), ("confirmee", 5), ("liste_attente", 20), ("liste_attente", 12)
    ]  # fmt: skip
    assert [m.to for m in mail.outbox] == [
        ["camille.martin@ac-lyon.fr"], ["b@ac-lille.fr"], ["c@ac-lille.fr"], ["d@ac-lille.fr"]
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"enseignant_email": "pas-une-adresse"}, "enseignant_email"),
        ({"enseignant_nom": ""}, "enseignant_nom"),
        ({"etablissement": "x" * 201}, "etablissement"),
        ({"nombre_eleves": "trente"}, "nombre_eleves"),
        ({"nombre_eleves": "0"}, "nombre_eleves"),
        ({"nombre_eleves": "31"}, "nombre_eleves"),  # more than the event's capacity
        ({"niveau": "college"}, "niveau"),  # the event welcomes lycée classes only
        ({"niveau": "<script>"}, "niveau"),
    ],
)
def test_a_refused_registration_shows_the_error_next_to_its_field_and_stores_nothing(
    register, overrides, field
):
    evenement = EvenementFactory(capacite=30)
    response = register(evenement, **{"nombre_eleves": 25, **overrides})
    assert response.status_code == 400
    soup = soup_of(response)
    assert soup.select_one(f"#id_{field}_error").get_text(strip=True)
    assert soup.select_one(f"#id_{field}")["aria-invalid"] == "true"
    assert b"<script>" not in response.content.split(b"<main")[1]
    assert not Inscription.objects.filter(evenement=evenement).exists()
    assert not mail.outbox
    evenement.refresh_from_db()
    assert evenement.places_prises == 0


def test_registration_outside_its_window_is_refused_with_the_dates(client, register):
    evenement = EvenementFactory(
        inscriptions_ouverture=timezone.now() - timedelta(days=3),
        inscriptions_fermeture=timezone.now() - timedelta(days=1),
    )
    soup = event_page(client, evenement)
    assert soup.select_one("form[data-inscription]") is None
    assert "Les inscriptions des classes sont closes" in soup.select_one("#inscription").get_text()
    response = register(evenement, 10)
    assert response.status_code == 409
    assert "closes depuis" in soup_of(response).select_one("#inscription-erreur").get_text()
    assert not Inscription.objects.filter(evenement=evenement).exists()


def test_an_event_without_classes_has_no_form(client):
    evenement = EvenementFactory(niveaux=["parents"])
    soup = event_page(client, evenement)
    assert soup.select_one("form[data-inscription]") is None
    assert "n'accueille pas de classes" in soup.select_one("#inscription").get_text()


def test_semaine_page_lists_the_programme_with_the_anchors_campaigns_link_to(client):
    soup = soup_of(client.get("/semaine-du-numerique/"))
    edition = queries.derniere_edition()
    slugs = list(
        queries.evenements_publics().filter(edition=edition).values_list("slug", flat=True)
    )
    anchors = [li["id"] for li in soup.select(".evt-programme li[id]")]
    assert anchors == slugs
    first = soup.find("li", id=slugs[0]).a["href"]
    assert first == f"/evenements/{slugs[0]}/"
    assert client.get(first).status_code == 200


def demo_trophees():
    return EditionTrophees.objects.get(demo=True)


def test_trophees_gallery_shows_what_the_api_publishes(client):
    edition = demo_trophees()
    api = client.get(f"/api/v1/trophees/{edition.annee}/galerie/").json()
    soup = soup_of(client.get(f"/trophees/{edition.annee}/galerie/"))
    assert len(soup.find_all("h1")) == 1
    assert [h.get_text(strip=True) for h in soup.select(".evt-laureat h2")] == [
        laureat["projet"]["titre"] for laureat in api["laureats"]
    ]
    videos = [a["href"] for a in soup.select(".evt-laureat a") if "vidéo" in a.get_text()]
    assert videos == [laureat["projet"]["video_url"] for laureat in api["laureats"]]
    assert "fictifs" in soup.select_one(".evt-avis").get_text()


@pytest.mark.parametrize("path", ["/trophees/1999/galerie/", "/trophees/123456789012/galerie/"])
def test_an_unknown_gallery_is_404(client, path):
    assert client.get(path).status_code == 404


def test_an_unpublished_gallery_is_404(client):
    edition = demo_trophees()
    EditionTrophees.objects.filter(pk=edition.pk).update(resultats_publies=False)
    assert client.get(f"/trophees/{edition.annee}/galerie/").status_code == 404
    soup = soup_of(client.get("/trophees-nsi/"))
    assert soup.select_one("#palmares-titre") is None


def test_trophees_page_shows_the_palmares_and_links_to_the_gallery(client):
    edition = demo_trophees()
    soup = soup_of(client.get("/trophees-nsi/"))
    palmares = soup.select(".evt-palmares li")
    prizes = list(
        edition.equipes.exclude(prix="").order_by("prix_ordre").values_list("prix", "nom")
    )
    assert [li.strong.get_text() for li in palmares] == [prix for prix, _ in prizes]
    assert all(nom in li.get_text() for li, (_, nom) in zip(palmares, prizes, strict=True))
    link = soup.find("a", href=f"/trophees/{edition.annee}/galerie/")
    assert client.get(link["href"]).status_code == 200


def test_femmes_numerique_page_shows_each_role_model_under_a_heading(client):
    from cms.communaute.models import RoleModel

    soup = soup_of(client.get("/femmes-numerique/"))
    assert len(soup.find_all("h1")) == 1
    names = [h.get_text(" ", strip=True) for h in soup.select(".evt-portraits h3")]
    assert len(names) == RoleModel.objects.count() > 0
    for role_model in RoleModel.objects.all():
        assert any(name.startswith(role_model.prenom) for name in names)
    for image in soup.select(".evt-portraits img"):
        assert image.has_attr("alt")


def test_list_and_event_pages_set_no_cookie(client):
    evenement = Evenement.objects.visibles().first()
    for path in (LIST, f"/evenements/{evenement.slug}/"):
        assert not client.get(path).cookies
