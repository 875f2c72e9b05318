"""First-party attribution: a test result, a conversation and a parcours that come with a
campaign are counted in its report; nothing else about them is kept; an unknown campaign is
ignored and never makes the student's request fail."""

import csv
import io
import json

import pytest
from django.db import connection
from django.utils import timezone

from cms.campagnes.models import ActionJour
from cms.orientation.models import Parcours

pytestmark = pytest.mark.django_db

API = "/api/v1/"


def post(client, path, body=None, **extra):
    raw = "" if body is None else json.dumps(body)
    return client.post(API + path, raw, content_type="application/json", **extra)


def counted(campagne):
    return dict(
        ActionJour.objects.filter(campagne=campagne, jour=timezone.localdate()).values_list(
            "action", "nombre"
        )
    )


@pytest.fixture
def answers(client):
    questions = client.get(API + "test/").json()["questions"]
    return {str(q["id"]): 4 if q["dimension"] in "IR" else 1 for q in questions}


def test_a_conversation_is_counted_for_the_campaign_in_the_header(client, campagne):
    response = post(client, "charly/conversations/", {}, HTTP_X_CAMPAGNE="TikTok-Alex-Test")
    assert response.status_code == 201
    assert counted(campagne) == {"conversation": 1}


def test_a_conversation_is_counted_for_the_campaign_in_the_body(client, campagne):
    response = post(client, "charly/conversations/", {"campagne": "campagne-de-test"})
    assert response.status_code == 201
    response = post(client, "charly/conversations/", {"campagne": "tiktok-alex-test"})
    assert response.status_code == 201
    assert counted(campagne) == {"conversation": 2}


def test_a_test_result_is_counted(client, campagne, answers):
    response = post(client, "test/resultats/", {"answers": answers, "campagne": "tiktok-alex-test"})
    assert response.status_code == 201, response.json()
    response = post(
        client, "test/resultats/", {"answers": answers}, HTTP_X_CAMPAGNE="campagne-de-test"
    )
    assert response.status_code == 201
    assert counted(campagne) == {"test": 2}


def test_a_refused_test_result_is_not_counted(client, campagne):
    response = post(
        client, "test/resultats/", {"answers": {"1": 9}, "campagne": "tiktok-alex-test"}
    )
    assert response.status_code == 400
    assert counted(campagne) == {}


def test_a_parcours_is_counted(client, campagne):
    response = post(client, "parcours/", {"campagne": "tiktok-alex-test"})
    assert response.status_code == 201, response.json()
    response = post(client, "parcours/", None, HTTP_X_CAMPAGNE="tiktok-alex-test")
    assert response.status_code == 201
    assert counted(campagne) == {"parcours": 2}


def test_a_parcours_still_refuses_other_fields(client, campagne):
    before = Parcours.objects.count()
    response = post(client, "parcours/", {"campagne": "tiktok-alex-test", "prenom": "Léa"})
    assert response.status_code == 400
    assert "prenom" in response.json()["error"]["fields"]
    assert Parcours.objects.count() == before
    assert counted(campagne) == {}


UNKNOWN_OR_HOSTILE = [
    "inconnue",
    "TIKTOK-LEA-CYBER-2",
    "'; DROP TABLE campagnes_actionjour; --",
    "<script>alert(1)</script>",
    "x" * 10_000,
    "é" * 50,
    "",
    "   ",
]


@pytest.mark.parametrize("value", UNKNOWN_OR_HOSTILE)
def test_unknown_or_hostile_campaigns_are_ignored(client, answers, value):
    before = ActionJour.objects.count()
    header = {"HTTP_X_CAMPAGNE": value.encode("utf-8").decode("latin-1")}
    assert post(client, "charly/conversations/", {"campagne": value}).status_code == 201
    assert post(client, "charly/conversations/", {}, **header).status_code == 201
    assert (
        post(client, "test/resultats/", {"answers": answers, "campagne": value}).status_code == 201
    )
    assert post(client, "parcours/", {"campagne": value}).status_code == 201
    assert post(client, "parcours/", None, **header).status_code == 201
    assert ActionJour.objects.count() == before


def test_wrong_type_is_a_clear_400(client):
    before = Parcours.objects.count()
    for path in ("charly/conversations/", "parcours/", "test/resultats/"):
        for body in [{"campagne": ["tiktok-lea-cyber"]}, {"campagne": {"code": "x"}}]:
            response = post(client, path, body)
            assert response.status_code == 400
            assert "campagne" in response.json()["error"]["fields"]
    assert Parcours.objects.count() == before
    assert not ActionJour.objects.filter(jour=timezone.localdate()).exists()


def test_only_the_campaign_and_the_day_are_kept(client, campagne, answers):
    post(client, "parcours/", {"campagne": "tiktok-alex-test"})
    with connection.cursor() as cursor:
        columns = {
            column.name
            for column in connection.introspection.get_table_description(
                cursor, ActionJour._meta.db_table
            )
        }
    assert columns == {"id", "campagne_id", "jour", "action", "nombre"}
    # The student's own records carry no campaign at all.
    for model in ("orientation_parcours", "orientation_testresult", "chatbot_conversation"):
        with connection.cursor() as cursor:
            names = {c.name for c in connection.introspection.get_table_description(cursor, model)}
        assert not any("campagne" in name or "utm" in name for name in names), model


def test_actions_appear_in_the_campaigns_report(client, admin_client_fr, campagne, answers):
    browser = {"HTTP_USER_AGENT": "Mozilla/5.0 (X11; Linux x86_64) Firefox/133.0"}
    for _ in range(4):
        client.get("/go/tiktok-alex-test", **browser)
    post(client, "test/resultats/", {"answers": answers}, HTTP_X_CAMPAGNE="tiktok-alex-test")
    post(client, "charly/conversations/", {"campagne": "tiktok-alex-test"})
    post(client, "parcours/", {"campagne": "campagne-de-test"})
    response = admin_client_fr.get(
        "/admin/reports/campagnes/", {"campagne": campagne.pk, "export": "csv"}
    )
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows == [
        {
            "Campagne": "Campagne de test",
            "Jour": timezone.localdate().isoformat(),
            "Visites": "4",
            "Tests terminés": "1",
            "Conversations": "1",
            "Parcours créés": "1",
            "Taux test (%)": "25.0",
            "Taux conversation (%)": "25.0",
            "Taux parcours (%)": "25.0",
        }
    ]
