"""Charly through HTTP: whole conversations, safety, and bad input that stores nothing."""

import json
import uuid
from datetime import timedelta

import pytest
from django.utils import timezone

from chatbot.models import Conversation, Message
from cms.faq.models import QuestionFrequente
from cms.metiers.models import MetierPage

from .conftest import assert_error

pytestmark = pytest.mark.django_db
START = "/api/v1/charly/conversations/"


def send(client, conversation_id, **body):
    return client.post(
        f"{START}{conversation_id}/messages/", json.dumps(body), content_type="application/json"
    )


def start(client):
    response = client.post(START, "{}", content_type="application/json")
    assert response.status_code == 201, response.content
    return response.json()


def texts(body):
    return " ".join(" ".join(m["text"].split()) for m in body["messages"])


def cards(body):
    return [card for message in body["messages"] for card in message["cards"]]


def test_welcome_flow_to_three_metier_cards(client):
    started = start(client)
    level = next(r for r in started["messages"][-1]["quick_replies"] if r["label"] == "Lycée")
    interests = send(client, started["id"], choice=level["value"]).json()
    games = next(
        r for r in interests["messages"][-1]["quick_replies"] if r["label"].startswith("Les jeux")
    )
    recommended = send(client, started["id"], choice=games["value"]).json()
    metiers = [card for card in cards(recommended) if card["type"] == "metier"]
    assert len(metiers) == 3
    assert all(card["url"] and card["title"] for card in metiers)


def test_questions_answered_from_the_fiches(client):
    conversation = start(client)["id"]
    pentester = MetierPage.objects.get(slug="pentester")
    what = send(client, conversation, text="c koi un pentester").json()
    assert " ".join(pentester.accroche.split()) in texts(what)
    assert {"type": "metier", "slug": "pentester"}.items() <= cards(what)[0].items()

    web = MetierPage.objects.get(slug="developpeur-web")
    salary = texts(send(client, conversation, text="combien gagne un dev web").json())
    assert web.salaire_debutant is None
    assert "pas encore de chiffre de salaire vérifié" in salary

    scientist = MetierPage.objects.get(slug="data-scientist")
    bac = texts(send(client, conversation, text="quel bac pour etre data scientist").json())
    assert any(b.nom in bac for b in scientist.bacs.all())
    assert any((s.sigle or s.nom) in bac for s in scientist.specialites.all())


def test_unknown_question_is_clarified_and_logged(client):
    conversation = start(client)["id"]
    reply = send(client, conversation, text="est ce que les pingouins aiment le fromage").json()
    assert reply["messages"][-1]["quick_replies"], "Charly offers choices instead of guessing"
    assert not [c for c in cards(reply) if c["type"] == "metier"]
    logged = Message.objects.filter(conversation_id=conversation).exclude(outcome="answered")
    assert logged.filter(normalized__contains="pingouin").exists()


def test_distress_gets_helplines_and_no_card(client):
    conversation = start(client)["id"]
    reply = send(client, conversation, text="on me harcele au college jen peux plus").json()
    assert "3020" in texts(reply) or "3018" in texts(reply)
    assert not [c for c in cards(reply) if c["type"] == "metier"]


def test_personal_data_is_masked_in_storage(client):
    conversation = start(client)["id"]
    text = "je m'appelle Lea Martin, mon mail lea.martin@example.org et mon 06 12 34 56 78"
    send(client, conversation, text=text)
    rows = Message.objects.filter(conversation_id=conversation).values()
    stored = json.dumps(list(rows), default=str)
    for secret in ("lea.martin@example.org", "06 12 34 56 78", "Martin"):
        assert secret not in stored


@pytest.mark.parametrize(
    ("body", "field"),
    [({"text": ""}, "text"), ({"text": "   "}, "text"), ({"text": "a" * 501}, "text"),
     ({"choice": "pas-une-option"}, "choice"), ({"text": "hey", "choice": "x"}, "text"),
     ({"texte": "salut"}, "texte"), ({"text": 42}, "text")],
)  # fmt: skip
def test_bad_messages_store_nothing(client, body, field):
    conversation = start(client)["id"]
    before = Message.objects.count()
    error = assert_error(send(client, conversation, **body), 400)
    assert field in error["fields"] or error["fields"] == {}, error
    assert Message.objects.count() == before


def test_unknown_and_expired_conversations(client):
    assert_error(send(client, uuid.uuid4(), text="salut"), 404)
    assert_error(send(client, "pas-un-uuid", text="salut"), 404)
    conversation = start(client)["id"]
    Conversation.objects.filter(pk=conversation).update(
        last_activity_at=timezone.now() - timedelta(hours=3)
    )
    before = Message.objects.count()
    assert_error(send(client, conversation, text="salut"), 410)
    assert Message.objects.count() == before
    assert_error(client.post(START, "pas du json", content_type="application/json"), 400)
    assert_error(client.post(START, json.dumps({"flow": "inconnu"}),
                             content_type="application/json"), 400)  # fmt: skip


@pytest.mark.parametrize("raw", ["[1, 2]", '"salut"', "42"])
def test_bodies_that_are_not_objects(client, raw):
    assert_error(client.post(START, raw, content_type="application/json"), 400)
    conversation = start(client)["id"]
    before = Message.objects.count()
    response = client.post(f"{START}{conversation}/messages/", raw, content_type="application/json")
    assert_error(response, 400)
    assert Message.objects.count() == before


# What a student describes, asks beyond the fiches, or lives: grounding, FAQ and safety.

INTERESTS = [
    (
        "je passe mes week-ends a souder des capteurs sur une carte arduino",
        "ingenieur-systemes-embarques",
    ),
    ("jkiffe trop animer le compte tiktok de mon club de foot", "community-manager"),
    ("je suis a fond dans les CTF, trouver des failles c trop bien", "pentester"),
]


@pytest.mark.parametrize(("text", "expected"), INTERESTS)
def test_an_interest_gets_metier_cards_from_the_search_and_why(client, text, expected):
    body = send(client, start(client)["id"], text=text).json()
    metiers = [card["slug"] for card in cards(body) if card["type"] == "metier"]
    assert expected in metiers[:3]
    assert "«" in texts(body)  # the words that connect the message to each métier
    student = Message.objects.filter(sender="student").latest("created_at")
    assert student.outcome == "searched"


def test_a_question_frequente_gets_the_editors_answer(client):
    question = QuestionFrequente.objects.get(slug="bourses")
    body = send(client, start(client)["id"], text="g droit a une bourse du crous ou pas ?").json()
    assert texts(body) == " ".join(question.reponse.split())
    assert Message.objects.filter(sender="student").latest("created_at").intent == "faq:bourses"


DISTRESS = [
    ("jai plus envie de vivre, tout le monde serait mieux sans moi", "suicide", "3114"),
    ("je me coupe les bras le soir pour me calmer", "automutilation", "3114"),
    ("au college ils me frappent a la recre et se moquent de moi", "harcelement", "3020"),
    (
        "ils ont cree un groupe snap pour se moquer de moi et partagent mes photos",
        "cyberharcelement",
        "3018",
    ),
    ("un mec sur insta veut des nudes sinon il envoie tout a ma mere", "sextorsion", "3018"),
    ("mon beau pere me frappe quand il a bu, j'ai peur de rentrer", "violence_famille", "119"),
    ("mon oncle me touche quand on est seuls", "violence_sexuelle", "119"),
]


@pytest.mark.parametrize(("text", "category", "helpline"), DISTRESS)
def test_distress_gets_its_helplines_and_no_card(client, text, category, helpline):
    body = send(client, start(client)["id"], text=text).json()
    assert helpline in texts(body)
    assert "adulte en qui tu as confiance" in texts(body)
    assert cards(body) == []
    assert all(message["quick_replies"] == [] for message in body["messages"])
    student = Message.objects.filter(sender="student").latest("created_at")
    assert student.intent == f"detresse:{category}"


LOOK_ALIKES = [
    "je suis morte de fatigue apres le bac blanc",
    "jai trop peur de rater mon oral de francais",
    "je me suis fait tuer par le boss final dans elden ring",
    "plus tard je veux proteger les victimes de cyberharcelement, c quel metier",
    "mon petit frere m'a tape pour la telecommande mdr",
]


@pytest.mark.parametrize("text", LOOK_ALIKES)
def test_look_alikes_get_an_ordinary_answer(client, text):
    body = send(client, start(client)["id"], text=text).json()
    assert not any(line in texts(body) for line in ("3114", "3018", "3020", "119"))
    student = Message.objects.filter(sender="student").latest("created_at")
    assert not student.intent.startswith("detresse")
