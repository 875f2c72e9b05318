"""Class registrations through the API: seats, waiting list, cancellation link, e-mails, and
every bad request refused with the error shape while nothing stored changes."""

import hashlib
import json
import re
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone
from icalendar import Calendar

from cms.orientation.models import Classe
from evenements.inscriptions.models import Inscription, Statut
from tests.api.conftest import API, assert_error
from tests.factories import EvenementFactory

pytestmark = pytest.mark.django_db

TOKEN_IN_LINK = re.compile(r"/evenements/annulation/#([A-Za-z0-9_-]+)")


def body(nombre_eleves=25, **overrides):
    data = {
        "enseignant": {"nom": "Camille Martin", "email": "camille.martin@ac-lyon.fr"},
        "etablissement": "Lycée Ampère, Lyon",
        "niveau": "lycee",
        "nombre_eleves": nombre_eleves,
    }
    data.update(overrides)
    return data


@pytest.fixture
def post(client, django_capture_on_commit_callbacks):
    """POST JSON to the API, running what waits for the commit (the e-mails)."""

    def send(path, data, **extra):
        payload = data if isinstance(data, str | bytes) else json.dumps(data)
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(API + path, payload, content_type="application/json", **extra)

    return send


@pytest.fixture
def register(post):
    def send(evenement, nombre_eleves=25, email=None, **overrides):
        data = body(nombre_eleves, **overrides)
        if email:
            data["enseignant"] = {**data["enseignant"], "email": email}
        return post(f"evenements/{evenement.slug}/inscriptions/", data)

    return send


def cancel_token(message):
    return TOKEN_IN_LINK.search(message.body).group(1)


def snapshot(evenement):
    evenement.refresh_from_db()
    rows = Inscription.objects.filter(evenement=evenement).order_by("pk")
    return evenement.places_prises, list(rows.values_list("statut", "nombre_eleves"))


def test_a_class_that_fits_is_confirmed_and_gets_the_event_and_its_cancellation_link(register):
    evenement = EvenementFactory(capacite=60)
    response = register(evenement, 25)
    assert response.status_code == 201, response.content
    assert response["Cache-Control"] == "no-store"
    answer = response.json()
    assert answer["statut"] == "confirmee"
    assert answer["evenement"] == evenement.slug
    assert (answer["nombre_eleves"], answer["rang_liste_attente"]) == (25, None)
    assert answer["places_restantes"] == 35
    assert "token" not in json.dumps(answer)
    evenement.refresh_from_db()
    assert (evenement.places_prises, evenement.places_restantes) == (25, 35)

    [message] = mail.outbox
    assert message.to == ["camille.martin@ac-lyon.fr"]
    assert message.subject == f"Inscription confirmée : {evenement.titre}"
    assert "Bonjour Camille Martin" in message.body
    assert "25 élèves (lycée), Lycée Ampère, Lyon" in message.body
    assert "le 04/12/" in message.body
    assert "de 09:30 à 11:30" in message.body
    # Only the hash of the link's token is kept.
    token = cancel_token(message)
    inscription = Inscription.objects.get(evenement=evenement)
    assert inscription.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert token not in json.dumps(list(Inscription.objects.values()), default=str)
    # The class mode of the test, opened for this registration.
    classe = Classe.objects.get(inscription_id=inscription.pk)
    assert classe.email == "camille.martin@ac-lyon.fr"
    assert f"Code à donner aux élèves : {classe.code}" in message.body
    assert "/test/classe/#" in message.body
    [(name, content, mimetype)] = message.attachments
    assert (name, mimetype) == (f"{evenement.slug}.ics", "text/calendar")
    [event] = Calendar.from_ical(content).walk("VEVENT")
    assert event.decoded("dtstart") == evenement.debut
    assert str(event["summary"]) == evenement.titre


def test_a_class_that_does_not_fit_joins_the_waiting_list_in_order(register):
    evenement = EvenementFactory(capacite=60)
    assert register(evenement, 30).json()["statut"] == "confirmee"
    first = register(evenement, 20, email="a@ac-lille.fr").json()
    second = register(evenement, 35, email="b@ac-lille.fr").json()
    assert (first["statut"], first["rang_liste_attente"]) == ("confirmee", None)
    assert (second["statut"], second["rang_liste_attente"]) == ("liste_attente", 1)
    assert second["places_restantes"] == 10
    assert "liste d'attente, en position 1" in second["message"]
    third = register(evenement, 12, email="c@ac-lille.fr").json()
    assert (third["statut"], third["rang_liste_attente"]) == ("liste_attente", 2)
    # A class small enough for the seats left still gets them.
    fourth = register(evenement, 10, email="d@ac-lille.fr").json()
    assert (fourth["statut"], fourth["places_restantes"]) == ("confirmee", 0)
    assert snapshot(evenement)[0] == 60

    waiting = mail.outbox[2]
    assert waiting.to == ["b@ac-lille.fr"]
    assert waiting.subject.startswith("Liste d'attente : ")
    assert "liste d'attente, en position 1" in waiting.body
    assert cancel_token(waiting)
    assert waiting.attachments == []  # the calendar comes with the promotion


def test_a_teacher_registers_several_classes_from_one_school(register):
    evenement = EvenementFactory(capacite=500)
    statuses = [register(evenement, 24).status_code for _ in range(12)]
    assert statuses == [201] * 12
    assert Inscription.objects.filter(evenement=evenement, statut=Statut.CONFIRMEE).count() == 12
    assert len({cancel_token(message) for message in mail.outbox}) == 12


def test_a_flood_from_one_address_is_refused_with_429_and_stores_nothing_more(register, settings):
    settings.API_RATES = {**settings.API_RATES, "address_writes": "3/minute"}
    evenement = EvenementFactory(capacite=500)
    statuses = [register(evenement, 10).status_code for _ in range(3)]
    assert statuses == [201] * 3
    assert_error(register(evenement, 10), 429)
    assert snapshot(evenement)[0] == 30
    assert Inscription.objects.filter(evenement=evenement).count() == 3


def test_cancelling_frees_the_seats_and_promotes_the_first_waiting_classes_that_fit(register, post):
    evenement = EvenementFactory(capacite=50)
    register(evenement, 30, email="partante@ac-nice.fr")
    register(evenement, 20)
    register(evenement, 35, email="trop-grande@ac-nice.fr")  # waiting 1: will not fit in 30
    register(evenement, 18, email="premiere@ac-nice.fr")  # waiting 2: fits
    register(evenement, 15, email="deuxieme@ac-nice.fr")  # waiting 3: does not fit after 18
    register(evenement, 12, email="troisieme@ac-nice.fr")  # waiting 4: fits in the last 12
    token = cancel_token(mail.outbox[0])
    mail.outbox.clear()

    response = post("inscriptions/annulation/", {"token": token})
    assert response.status_code == 200, response.content
    assert response.json()["statut"] == "annulee"
    assert response.json()["evenement"] == evenement.slug
    statuts = dict(
        Inscription.objects.filter(evenement=evenement).values_list("enseignant_email", "statut")
    )
    assert statuts == {
        "partante@ac-nice.fr": "annulee",
        "camille.martin@ac-lyon.fr": "confirmee",
        "trop-grande@ac-nice.fr": "liste_attente",
        "premiere@ac-nice.fr": "confirmee",
        "deuxieme@ac-nice.fr": "liste_attente",
        "troisieme@ac-nice.fr": "confirmee",
    }
    assert snapshot(evenement)[0] == 20 + 18 + 12
    assert [message.to for message in mail.outbox] == [
        ["premiere@ac-nice.fr"],
        ["troisieme@ac-nice.fr"],
    ]
    promotion = mail.outbox[0]
    assert promotion.subject == f"Une place pour votre classe : {evenement.titre}"
    assert "est maintenant inscrite" in promotion.body
    [(_name, content, _)] = promotion.attachments
    assert Calendar.from_ical(content).walk("VEVENT")[0].decoded("dtend") == evenement.fin


def test_leaving_the_waiting_list_frees_no_seat_and_moves_the_others_up(register, post):
    evenement = EvenementFactory(capacite=30)
    register(evenement, 30)
    register(evenement, 25, email="a@ac-rennes.fr")
    register(evenement, 25, email="b@ac-rennes.fr")
    response = post("inscriptions/annulation/", {"token": cancel_token(mail.outbox[1])})
    assert response.status_code == 200
    assert snapshot(evenement)[0] == 30
    last = Inscription.objects.get(enseignant_email="b@ac-rennes.fr")
    assert last.statut == Statut.LISTE_ATTENTE
    assert register(evenement, 25, email="c@ac-rennes.fr").json()["rang_liste_attente"] == 2
    assert len(mail.outbox) == 4  # no promotion


def test_a_replayed_or_unknown_cancellation_changes_nothing(register, post, client):
    evenement = EvenementFactory(capacite=30)
    register(evenement, 30)
    register(evenement, 20, email="attente@ac-dijon.fr")
    token = cancel_token(mail.outbox[0])
    assert post("inscriptions/annulation/", {"token": token}).status_code == 200
    before = snapshot(evenement)
    outbox = len(mail.outbox)

    error = assert_error(post("inscriptions/annulation/", {"token": token}), 410)
    assert error["code"] == "deja_annulee"
    for unknown in ["x" * 43, token[:-1], "", "é" * 20, "x" * 129]:
        response = post("inscriptions/annulation/", {"token": unknown})
        assert response.status_code in (400, 404), (unknown, response.content)
        assert_error(response, response.status_code)
    assert snapshot(evenement) == before
    assert len(mail.outbox) == outbox


def test_opening_the_cancellation_address_never_cancels(register, client):
    evenement = EvenementFactory(capacite=30)
    register(evenement, 30)
    token = cancel_token(mail.outbox[0])
    for method in (client.get, client.head):
        assert method(API + "inscriptions/annulation/", {"token": token}).status_code == 405
    assert_error(client.get(API + "inscriptions/annulation/", {"token": token}), 405)
    assert snapshot(evenement) == (30, [("confirmee", 30)])


def test_the_emailed_link_opens_a_page_that_asks_before_cancelling(register, client):
    evenement = EvenementFactory(capacite=30)
    register(evenement, 30)
    link = re.search(r"(\S+)#[A-Za-z0-9_-]+", mail.outbox[0].body.split("cette page")[1])[1]
    assert link == "http://testserver/evenements/annulation/"
    response = client.get(link.removeprefix("http://testserver"))
    assert response.status_code == 200
    assert response["X-Robots-Tag"] == "noindex"
    page = response.content.decode()
    assert "Annuler l'inscription</button>" in page
    assert 'fetch("/api/v1/inscriptions/annulation/"' in page
    assert snapshot(evenement) == (30, [("confirmee", 30)])


def test_a_registration_cannot_be_cancelled_once_the_event_has_started(register, post):
    evenement = EvenementFactory(capacite=30)
    register(evenement, 30)
    token = cancel_token(mail.outbox[0])
    evenement.debut = timezone.now() - timedelta(minutes=5)
    evenement.save(update_fields=["debut"])
    error = assert_error(post("inscriptions/annulation/", {"token": token}), 409)
    assert error["code"] == "evenement_commence"
    assert snapshot(evenement) == (30, [("confirmee", 30)])


@pytest.mark.parametrize(
    ("opening", "closing", "words"),
    [
        (timedelta(hours=2), timedelta(days=3), "ouvrent le"),
        (-timedelta(days=3), -timedelta(seconds=1), "sont closes depuis le"),
    ],
)
def test_outside_the_registration_window_the_answer_says_when(register, opening, closing, words):
    now = timezone.now()
    evenement = EvenementFactory(
        inscriptions_ouverture=now + opening, inscriptions_fermeture=now + closing
    )
    error = assert_error(register(evenement), 409)
    assert error["code"] == "inscriptions_fermees"
    assert words in error["message"]
    assert "(heure de Paris)" in error["message"]
    assert snapshot(evenement) == (0, [])
    assert mail.outbox == []


def test_a_class_larger_than_the_event_or_of_another_level_is_refused(register):
    evenement = EvenementFactory(capacite=30, niveaux=["college"])
    error = assert_error(register(evenement, 31, niveau="college"), 400, "nombre_eleves")
    assert "au plus 30 élèves" in error["fields"]["nombre_eleves"][0]
    error = assert_error(register(evenement, 20, niveau="lycee"), 400, "niveau")
    assert "collège" in error["fields"]["niveau"][0]
    assert snapshot(evenement) == (0, [])


def test_an_unknown_or_unpublished_event_is_a_404(register, post):
    hidden = EvenementFactory(publie=False)
    assert_error(register(hidden), 404)
    for slug in ["nexiste-pas", "x' OR '1'='1", "%00", "é" * 300]:
        assert_error(post(f"evenements/{slug}/inscriptions/", body()), 404)
    assert not Inscription.objects.exists()


WRONG = [
    ({"nombre_eleves": "25"}, "nombre_eleves"),
    ({"nombre_eleves": 25.0}, "nombre_eleves"),
    ({"nombre_eleves": True}, "nombre_eleves"),
    ({"nombre_eleves": 0}, "nombre_eleves"),
    ({"nombre_eleves": -3}, "nombre_eleves"),
    ({"nombre_eleves": 10**30}, "nombre_eleves"),
    ({"nombre_eleves": None}, "nombre_eleves"),
    ({"niveau": "parents"}, "niveau"),
    ({"niveau": ["lycee"]}, "niveau"),
    ({"etablissement": 42}, "etablissement"),
    ({"etablissement": ""}, "etablissement"),
    ({"etablissement": "x" * 201}, "etablissement"),
    ({"etablissement": "Lycée\x00"}, "etablissement"),
    ({"enseignant": "Camille"}, "enseignant.non_field_errors"),
    ({"enseignant": {"nom": "Camille"}}, "enseignant.email"),
    ({"enseignant": {"nom": "C", "email": "pas-une-adresse"}}, "enseignant.email"),
    ({"enseignant": {"nom": "C", "email": "a@b.fr\nBcc: tous@b.fr"}}, "enseignant.email"),
    ({"enseignant": {"nom": ["C"], "email": "a@b.fr"}}, "enseignant.nom"),
    ({"enseignant": {"nom": "C", "email": "a@b.fr", "telephone": "06"}}, "enseignant.telephone"),
    ({"eleves": ["Léa M."]}, "eleves"),
]


@pytest.mark.parametrize(("change", "field"), WRONG)
def test_a_wrong_field_is_a_400_naming_it_and_stores_nothing(register, change, field):
    evenement = EvenementFactory()
    assert_error(register(evenement, **change), 400, field)
    assert snapshot(evenement) == (0, [])
    assert mail.outbox == []


@pytest.mark.parametrize(
    "payload",
    [
        "{not json",
        '{"enseignant": ',
        "[]",
        '"texte"',
        "null",
        "42",
        '{"niveau": "lycee"}',
        '{"a": ' * 40 + "1" + "}" * 40,
    ],
)
def test_a_malformed_body_is_a_400_and_stores_nothing(post, payload):
    evenement = EvenementFactory()
    assert_error(post(f"evenements/{evenement.slug}/inscriptions/", payload), 400)
    assert_error(post("inscriptions/annulation/", payload), 400)
    assert snapshot(evenement) == (0, [])


def test_an_oversized_body_is_a_413_and_stores_nothing(post):
    evenement = EvenementFactory()
    huge = body(etablissement="x" * 20_000)
    assert_error(post(f"evenements/{evenement.slug}/inscriptions/", huge), 413)
    assert_error(post("inscriptions/annulation/", {"token": "x" * 20_000}), 413)
    assert snapshot(evenement) == (0, [])


def test_other_content_types_and_query_parameters_are_refused(client):
    evenement = EvenementFactory()
    url = f"{API}evenements/{evenement.slug}/inscriptions/"
    assert_error(client.post(url, {"niveau": "lycee"}), 415)
    response = client.post(url + "?debug=1", json.dumps(body()), content_type="application/json")
    assert_error(response, 400, "debug")
    assert snapshot(evenement) == (0, [])


def test_injection_strings_are_stored_as_plain_text(register):
    evenement = EvenementFactory()
    name = "Robert'); DROP TABLE inscriptions_inscription;--"
    school = '<script>alert("x")</script> {{ settings.SECRET_KEY }} ${jndi:ldap://x}'
    response = register(evenement, 20, enseignant={"nom": name, "email": "r@ac-paris.fr"},
                        etablissement=school)  # fmt: skip
    assert response.status_code == 201
    stored = Inscription.objects.get(evenement=evenement)
    assert (stored.enseignant_nom, stored.etablissement) == (name, school)
    [message] = mail.outbox
    assert f"Bonjour {name}," in message.body
    assert school in message.body
    assert "test-only-key" not in message.body
