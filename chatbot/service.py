"""Charly's public entry points: the API (and anything else) talks to Charly only through here.

`start_conversation` and `send_message` return the payload the API sends as is:
`{"id", "messages": [{"text", "quick_replies": [{"label", "value"}], "cards": [{"type",
"slug", "title", "url"}]}]}`. Bad input raises one of the exceptions below (`cms.errors`), before
anything is stored; the API turns them into its error body.
"""

import uuid
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from cms import errors
from cms.privacy import mask

from . import training
from .dialogue import Dialogue
from .models import Conversation, Flow, Message

MAX_MESSAGE_LENGTH = 500


class ConversationNotFound(errors.NotFound):
    """Unknown id (HTTP 404), whether it never existed or was purged."""

    default_message = "Cette conversation n'existe pas ou a été effacée."


class ConversationExpired(errors.Gone):
    """No message for CHARLY_INACTIVITY_MINUTES (HTTP 410): the student starts a new one."""

    code = "expired"
    default_message = (
        "Cette conversation s'est endormie après un moment sans message : commence-en une nouvelle."
    )


class InvalidMessage(errors.InvalidRequest):
    """Bad input (HTTP 400) on one field ("text", "choice" or "flow")."""

    default_message = "Ce message n'est pas valide."

    def __init__(self, message=None, field=None):
        message = message or self.default_message
        super().__init__(message, {field: [message]} if field else {})


def inactivity():
    return timedelta(minutes=settings.CHARLY_INACTIVITY_MINUTES)


def retention():
    return timedelta(days=settings.CHARLY_RETENTION_DAYS)


def start_conversation(flow=None):
    """Open an anonymous conversation and play the welcome flow (or the flow with this slug)."""
    chosen = _starting_flow(flow)
    with transaction.atomic():
        conversation = Conversation.objects.create(last_activity_at=timezone.now())
        dialogue = Dialogue(conversation)
        dialogue.start(chosen)
        _save(dialogue.turn)
    return _payload(conversation, dialogue.turn)


def send_message(conversation_id, text=None, choice=None):
    """The student's turn: a typed `text` or the `value` of an offered quick reply."""
    conversation = _conversation(conversation_id)
    text, choice = _validated(text, choice)
    with transaction.atomic():
        conversation = (
            Conversation.objects.select_for_update(of=("self",))
            .select_related("flow")
            .get(pk=conversation.pk)
        )
        dialogue = Dialogue(conversation)
        if choice is not None:
            label = _offered(conversation, choice)
            student = Message(text=label, choice=choice)
            dialogue.on_choice(choice)
        else:
            masked = mask(text)
            student = Message(text=masked)
            dialogue.on_text(masked)
        turn = dialogue.turn
        student.normalized = turn.normalized[:600]
        student.intent = turn.intent[:50]
        student.confidence = turn.confidence
        student.entities = [{"kind": e.kind, "value": e.value} for e in turn.entities]
        student.outcome = turn.outcome
        _save(turn, student)
    return _payload(conversation, turn)


def purge_conversations(days=None):
    """Delete the conversations (and their messages) idle for longer than the retention."""
    cutoff = timezone.now() - (timedelta(days=days) if days is not None else retention())
    _, deleted = Conversation.objects.filter(last_activity_at__lt=cutoff).delete()
    return deleted.get(Conversation._meta.label, 0)


def _starting_flow(slug):
    if slug is None:
        return Flow.objects.filter(welcome=True, active=True).first()
    flow = Flow.objects.filter(slug=slug, active=True).first() if isinstance(slug, str) else None
    if flow is None:
        raise InvalidMessage("Ce parcours n'existe pas.", "flow")
    return flow


def _conversation(conversation_id):
    try:
        key = uuid.UUID(str(conversation_id))
    except ValueError:
        raise ConversationNotFound() from None
    conversation = Conversation.objects.filter(pk=key).first()
    if conversation is None:
        raise ConversationNotFound()
    if conversation.last_activity_at < timezone.now() - inactivity():
        raise ConversationExpired()
    return conversation


def _validated(text, choice):
    if text is not None and choice is not None:
        raise InvalidMessage("Envoie soit un texte, soit un choix, pas les deux.", "text")
    if choice is not None:
        if not isinstance(choice, str) or not choice.strip():
            raise InvalidMessage("Choisis une des réponses proposées.", "choice")
        return None, choice
    if text is not None and not isinstance(text, str):
        raise InvalidMessage("Ton message doit être du texte.", "text")
    if text is None or not text.strip():
        raise InvalidMessage(
            "Ton message est vide : écris quelque chose ou choisis une réponse.", "text"
        )
    if len(text) > MAX_MESSAGE_LENGTH:
        raise InvalidMessage(
            f"Ton message est trop long : {MAX_MESSAGE_LENGTH} caractères maximum.", "text"
        )
    return text.strip(), None


def _offered(conversation, choice):
    for reply in conversation.replies:
        if reply["value"] == choice:
            return reply["label"]
    raise InvalidMessage(
        "Ce choix n'est pas (ou plus) proposé : choisis une des réponses affichées.", "choice"
    )


def _save(turn, student=None):
    conversation = turn.conversation
    conversation.last_activity_at = timezone.now()
    conversation.save()
    rows = []
    if student is not None:
        student.conversation = conversation
        student.sender = Message.Sender.STUDENT
        rows.append(student)
    for reply in turn.replies:
        rows.append(
            Message(
                conversation=conversation,
                sender=Message.Sender.CHARLY,
                text=reply.text,
                cards=reply.cards,
                quick_replies=reply.quick_replies,
                flow=turn.flow_used if reply.node else None,
                node=reply.node,
            )
        )
    Message.objects.bulk_create(rows)


def _payload(conversation, turn):
    return {
        "id": str(conversation.id),
        "messages": [
            {"text": reply.text, "quick_replies": reply.quick_replies, "cards": reply.cards}
            for reply in turn.replies
        ],
    }


def warm_up():
    """Train Charly's models now, so that no student's first message waits for them.

    Called when a web process starts (`cms.wsgi`, `cms.asgi`), in a background thread.
    """
    from . import intents
    from .safety import classifier

    classifier.model()
    intents.model()
    training.settle()
