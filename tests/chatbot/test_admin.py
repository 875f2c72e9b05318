"""Editors' reports on Charly, and teaching Charly from an unanswered message in one click."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone

from chatbot import service, training
from chatbot.models import Conversation, Flow, Intent, IntentExample, Message
from chatbot.understanding import read

pytestmark = pytest.mark.django_db

UNKNOWN = "tu preferes les chats ou les chiens ?"


def ask_twice(text):
    for _ in range(2):
        service.send_message(service.start_conversation()["id"], text=text)


def test_the_unanswered_report_groups_masked_messages(admin_client_fr):
    ask_twice(UNKNOWN)
    service.send_message(
        service.start_conversation()["id"],
        text="tu preferes les pizzas ou les crepes lea@example.org",
    )
    response = admin_client_fr.get(reverse("charly_unanswered"))
    assert response.status_code == 200
    groups = {group["example"]: group["count"] for group in response.context["groups"]}
    assert groups[UNKNOWN] == 2
    assert "lea@example.org" not in response.content.decode()
    assert "[e-mail]" in response.content.decode()


def test_one_click_turns_an_unanswered_message_into_an_example(admin_client_fr):
    ask_twice(UNKNOWN)
    normalized = Message.objects.filter(text=UNKNOWN).values_list("normalized", flat=True)[0]
    assert read(UNKNOWN).intent is None
    intent = Intent.objects.get(slug="c_est_quoi")

    response = admin_client_fr.post(
        reverse("charly_add_example"), {"normalized": normalized, "intent": intent.pk}
    )
    assert response.status_code == 302
    assert IntentExample.objects.filter(intent=intent, text=UNKNOWN).exists()
    assert Message.objects.filter(text=UNKNOWN, reviewed=False).count() == 0
    report = admin_client_fr.get(reverse("charly_unanswered"))
    assert UNKNOWN not in {group["example"] for group in report.context["groups"]}
    # Charly retrains off the request: the next messages use the new model.
    read(UNKNOWN)
    training.settle()
    assert read(UNKNOWN).intent == "c_est_quoi"


def test_teaching_needs_the_permission_to_change_intents(client, django_user_model):
    ask_twice(UNKNOWN)
    editor = django_user_model.objects.create_user("redaction", password="x")
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(editor)
    normalized = Message.objects.filter(text=UNKNOWN).values_list("normalized", flat=True)[0]
    intent = Intent.objects.get(slug="salaire")
    response = client.post(
        reverse("charly_add_example"), {"normalized": normalized, "intent": intent.pk}
    )
    # Wagtail turns the refusal into a redirect to the dashboard, with a message.
    assert response.status_code == 302
    assert response.url == reverse("wagtailadmin_home")
    assert not IntentExample.objects.filter(text=UNKNOWN).exists()


def test_the_intents_report_counts_what_students_ask(admin_client_fr):
    conversation_id = service.start_conversation()["id"]
    service.send_message(conversation_id, text="combien gagne un dev web")
    service.send_message(conversation_id, text="et un pentester il gagne cb")
    response = admin_client_fr.get(reverse("charly_intents"))
    assert response.status_code == 200
    rows = {row["intent"]: row for row in response.context["rows"]}
    assert rows["salaire"]["count"] == 2
    assert rows["salaire"]["label"] == "Le salaire"


def test_the_drop_off_report_shows_where_students_stop(admin_client_fr):
    left = service.start_conversation()["id"]
    Conversation.objects.filter(pk=left).update(
        last_activity_at=timezone.now() - timedelta(hours=2)
    )
    going_on = service.start_conversation()["id"]
    service.send_message(going_on, choice="niveau:lycee")
    response = admin_client_fr.get(reverse("charly_drop_offs"))
    assert response.status_code == 200
    welcome = next(item for item in response.context["flows"] if item["flow"].slug == "bienvenue")
    steps = {step["key"]: step for step in welcome["steps"]}
    assert steps["niveau"]["reached"] >= 2
    assert steps["niveau"]["stopped"] >= 1
    assert steps["interets"]["reached"] >= 1


def test_flows_and_intents_are_edited_in_the_admin(admin_client_fr):
    flows = admin_client_fr.get(reverse("wagtailsnippets_chatbot_flow:list"))
    intents = admin_client_fr.get(reverse("wagtailsnippets_chatbot_intent:list"))
    assert flows.status_code == intents.status_code == 200
    assert "Bienvenue" in flows.content.decode()
    assert "Le salaire" in intents.content.decode()
    welcome = Flow.objects.get(slug="bienvenue")
    edit = admin_client_fr.get(reverse("wagtailsnippets_chatbot_flow:edit", args=[welcome.pk]))
    assert edit.status_code == 200
