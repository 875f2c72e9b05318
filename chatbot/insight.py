"""What editors learn from the conversations: what Charly did not understand, what students ask
most, and where they leave the flows. Every text here is already masked."""

from django.db import transaction
from django.db.models import Count, Max, Min, Q

from .flows import steps_of
from .models import Conversation, Flow, Intent, IntentExample, Message, Outcome

UNCLEAR = (Outcome.UNANSWERED, Outcome.LOW_CONFIDENCE)


def unclear_messages():
    """Students' messages Charly did not (or only half) understand, not yet reviewed."""
    return Message.objects.filter(
        sender=Message.Sender.STUDENT, outcome__in=UNCLEAR, reviewed=False
    ).exclude(normalized="")


def unanswered_groups(limit=200, since=None):
    """Those messages (sent after `since`, when given) grouped by their normalized text, the
    most frequent first; `guess` is the intent Charly half-recognised, if any."""
    messages = unclear_messages()
    if since is not None:
        messages = messages.filter(created_at__gte=since)
    return list(
        messages.values("normalized")
        .annotate(
            count=Count("id"),
            example=Min("text"),
            last=Max("created_at"),
            unanswered=Count("id", filter=Q(outcome=Outcome.UNANSWERED)),
            guess=Max("intent"),
        )
        .order_by("-count", "-last")[:limit]
    )


def top_intents(limit=50):
    """The intents students expressed, with how often and how confidently."""
    rows = (
        Message.objects.filter(sender=Message.Sender.STUDENT)
        .exclude(intent="")
        .values("intent")
        .annotate(count=Count("id"), last=Max("created_at"))
        .order_by("-count", "intent")[:limit]
    )
    total = sum(row["count"] for row in rows) or 1
    labels = dict(Intent.objects.values_list("slug", "label"))
    return [
        {
            **row,
            "label": labels.get(row["intent"], row["intent"]),
            "share": round(100 * row["count"] / total),
        }
        for row in rows
    ]


def drop_offs(inactive_since):
    """Per flow and step: how many conversations reached it, and how many stopped there."""
    reached = {
        (row["flow"], row["node"]): row["count"]
        for row in Message.objects.filter(sender=Message.Sender.CHARLY, flow__isnull=False)
        .exclude(node="")
        .values("flow", "node")
        .annotate(count=Count("conversation", distinct=True))
        .order_by()
    }
    stopped = {
        (row["flow"], row["node"]): row["count"]
        for row in Conversation.objects.filter(
            flow__isnull=False, last_activity_at__lt=inactive_since
        )
        .exclude(node="")
        .values("flow", "node")
        .annotate(count=Count("id"))
    }
    report = []
    for flow in Flow.objects.order_by("name"):
        steps = []
        for step in steps_of(flow.steps):
            count = reached.get((flow.pk, step.key), 0)
            left = stopped.get((flow.pk, step.key), 0)
            steps.append(
                {
                    "key": step.key,
                    "kind": step.kind,
                    "reached": count,
                    "stopped": left,
                    "rate": round(100 * left / count) if count else 0,
                }
            )
        report.append({"flow": flow, "steps": steps})
    return report


@transaction.atomic
def add_example(normalized, intent):
    """Teach Charly an unclear message: it becomes an example of `intent`, and every message
    with the same normalized text leaves the report. Returns the example, or None."""
    messages = unclear_messages().filter(normalized=normalized)
    text = messages.order_by("-created_at").values_list("text", flat=True).first()
    if text is None:
        return None
    example, _ = IntentExample.objects.get_or_create(intent=intent, text=text[:500])
    messages.update(reviewed=True)
    return example
