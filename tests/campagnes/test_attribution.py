"""First-party attribution: a test result, a conversation and a parcours that come with a
campaign are counted in its report; nothing else about them is kept; an unknown campaign is
ignored and never makes the student's request fail."""

import json

import pytest
from django.db import connection
from django.utils import timezone

from cms.campagnes.models import ActionJour

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
def test_unknown_or_hostile_campaigns_are_ignored(client, value):
    before = ActionJour.objects.count()
    header = {"HTTP_X_CAMPAGNE": value.encode("utf-8").decode("latin-1")}
    assert post(client, "charly/conversations/", {"campagne": value}).status_code == 201
    assert post(client, "charly/conversations/", {}, **header).status_code == 201
    assert ActionJour.objects.count() == before


def test_wrong_type_is_a_clear_400(client):
    for body in [{"campagne": ["tiktok-lea-cyber"]}, {"campagne": {"code": "x"}}]:
        response = post(client, "charly/conversations/", body)
        assert response.status_code == 400
        assert "campagne" in response.json()["error"]["fields"]


def test_only_the_campaign_and_the_day_are_kept(client, campagne):
    post(client, "charly/conversations/", {"campagne": "tiktok-alex-test"})
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
