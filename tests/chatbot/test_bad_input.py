"""Bad input gets a clear exception (the API maps it to 4xx) and leaves everything unchanged."""

import uuid
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from chatbot import service
from chatbot.models import Conversation, Message

pytestmark = pytest.mark.django_db


def snapshot(conversation_id):
    conversation = Conversation.objects.filter(pk=conversation_id).values().first()
    return conversation, Message.objects.count()


@pytest.mark.parametrize(
    ("text", "choice", "field", "words"),
    [
        ("", None, "text", "vide"),
        ("   \n ", None, "text", "vide"),
        (None, None, "text", "vide"),
        ("x" * 501, None, "text", "500 caractères"),
        (42, None, "text", "du texte"),
        ("salut", "niveau:lycee", "text", "pas les deux"),
        (None, "niveau:inconnu", "choice", "n'est pas (ou plus) proposé"),
        (None, "action:recommencer", "choice", "n'est pas (ou plus) proposé"),
        (None, "", "choice", "Choisis une des réponses"),
    ],
)
def test_invalid_messages_are_refused_and_nothing_is_stored(
    conversation, text, choice, field, words
):
    conversation_id, _ = conversation
    before = snapshot(conversation_id)
    with pytest.raises(service.InvalidMessage) as refused:
        service.send_message(conversation_id, text=text, choice=choice)
    assert list(refused.value.fields) == [field]
    assert words in refused.value.message
    assert refused.value.fields == {field: [refused.value.message]}
    assert refused.value.code == "invalid"
    assert snapshot(conversation_id) == before


def test_a_message_of_exactly_500_characters_is_accepted(conversation):
    conversation_id, _ = conversation
    service.send_message(conversation_id, text="a" * 500)
    assert Message.objects.filter(conversation_id=conversation_id, sender="student").count() == 1


@pytest.mark.parametrize("conversation_id", [uuid.uuid4(), str(uuid.uuid4()), "pas-un-id", None])
def test_an_unknown_conversation_is_not_found(conversation_id):
    messages = Message.objects.count()
    with pytest.raises(service.ConversationNotFound) as refused:
        service.send_message(conversation_id, text="salut")
    assert refused.value.code == "not_found"
    assert Message.objects.count() == messages


def test_an_idle_conversation_expires_and_stays_untouched(conversation, settings):
    settings.CHARLY_INACTIVITY_MINUTES = 5
    conversation_id, _ = conversation
    Conversation.objects.filter(pk=conversation_id).update(
        last_activity_at=timezone.now() - timedelta(minutes=6)
    )
    before = snapshot(conversation_id)
    with pytest.raises(service.ConversationExpired) as refused:
        service.send_message(conversation_id, text="c koi un pentester")
    assert refused.value.code == "expired"
    assert "nouvelle" in refused.value.message
    assert snapshot(conversation_id) == before


def test_the_default_inactivity_is_thirty_minutes(conversation):
    conversation_id, _ = conversation
    Conversation.objects.filter(pk=conversation_id).update(
        last_activity_at=timezone.now() - timedelta(minutes=29)
    )
    service.send_message(conversation_id, text="salut")
    Conversation.objects.filter(pk=conversation_id).update(
        last_activity_at=timezone.now() - timedelta(minutes=31)
    )
    with pytest.raises(service.ConversationExpired):
        service.send_message(conversation_id, text="salut")


def test_an_unknown_flow_cannot_be_started():
    conversations = Conversation.objects.count()
    with pytest.raises(service.InvalidMessage) as refused:
        service.start_conversation(flow="inconnu")
    assert list(refused.value.fields) == ["flow"]
    assert Conversation.objects.count() == conversations


def test_purge_deletes_old_conversations_and_their_messages():
    old = service.start_conversation()["id"]
    recent = service.start_conversation()["id"]
    service.send_message(old, text="c koi un dev")
    Conversation.objects.filter(pk=old).update(last_activity_at=timezone.now() - timedelta(days=91))
    call_command("purge_expired", verbosity=0)
    assert not Conversation.objects.filter(pk=old).exists()
    assert not Message.objects.filter(conversation_id=old).exists()
    assert Conversation.objects.filter(pk=recent).exists()


def test_purge_follows_the_retention_setting(settings):
    settings.CHARLY_RETENTION_DAYS = 10
    old = service.start_conversation()["id"]
    Conversation.objects.filter(pk=old).update(last_activity_at=timezone.now() - timedelta(days=11))
    assert service.purge_conversations() == 1
