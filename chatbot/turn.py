"""One turn of a conversation: the conversation it changes and the replies it produces.

The dialogue, the flow runner and the answers all write to the same `Turn`, which
`chatbot.service` then stores and serializes; nothing else keeps state between them.
"""

from dataclasses import dataclass, field

from .answers import Reply
from .models import Outcome


@dataclass
class Turn:
    conversation: object
    replies: list = field(default_factory=list)
    outcome: str = Outcome.ANSWERED
    intent: str = ""
    confidence: float | None = None
    entities: list = field(default_factory=list)
    normalized: str = ""
    flow_used: object = None

    def say(self, text, quick_replies=(), cards=(), node=""):
        labels = {}
        for reply in quick_replies:
            labels.setdefault(reply["label"], reply)
        self.add(Reply(text, list(labels.values()), list(cards), node))

    def add(self, reply):
        """Keep a reply, and remember the métiers it showed (Charly does not repeat them)."""
        self.replies.append(reply)
        for card in reply.cards:
            if card.get("type") == "metier":
                self.seen(card["slug"])

    def seen(self, slug):
        if slug not in self.conversation.metiers_seen:
            self.conversation.metiers_seen.append(slug)

    def place(self):
        kind, _, value = self.conversation.ville.partition(":")
        return (kind, value) if value else None
