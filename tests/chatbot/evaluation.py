"""Charly measured on sets of messages, through its public service as the API uses it.

Each message is sent in a fresh conversation (what a student types first) and judged on what
Charly did: the intent it recorded, the métier cards it showed, whether it answered with care.
`make eval-charly` prints these figures for the held-out sets; the tests assert them.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from chatbot import service
from chatbot.intents import faq_label
from chatbot.models import Message

HERE = Path(__file__).parent


def load(name):
    return yaml.safe_load((HERE / name).read_text(encoding="utf-8"))


def first_turn(text):
    """Charly's answer to `text` as the first message of a conversation, and what it recorded."""
    conversation = service.start_conversation()["id"]
    payload = service.send_message(conversation, text=text)
    recorded = (
        Message.objects.filter(conversation_id=conversation, sender=Message.Sender.STUDENT)
        .values("intent", "outcome")
        .get()
    )
    cards = [card for message in payload["messages"] for card in message["cards"]]
    return recorded, cards


@dataclass
class Score:
    hits: Counter = field(default_factory=Counter)
    totals: Counter = field(default_factory=Counter)
    misses: dict = field(default_factory=lambda: defaultdict(list))

    def add(self, category, ok, detail):
        self.totals[category] += 1
        self.hits[category] += bool(ok)
        if not ok:
            self.misses[category].append(detail)

    def rate(self, category=None):
        if category is None:
            return sum(self.hits.values()) / max(sum(self.totals.values()), 1)
        return self.hits[category] / max(self.totals[category], 1)


def understood(entry, recorded, cards):
    """Whether Charly's first answer is the right one for this labelled message."""
    metiers = [card["slug"] for card in cards if card["type"] == "metier"]
    category = entry["category"]
    if category == "metier_question":
        return recorded["intent"] == entry["intent"] and entry["metier"] in metiers[:1]
    if category == "interest":
        return bool(set(metiers[:3]) & set(entry["metiers"]))
    if category == "faq":
        return recorded["intent"] == faq_label(entry["faq"])
    return recorded["intent"] == entry["intent"]


def evaluate_understanding(entries):
    score = Score()
    for entry in entries:
        recorded, cards = first_turn(entry["text"])
        shown = [card["slug"] for card in cards][:3]
        score.add(
            entry["category"],
            understood(entry, recorded, cards),
            f"{entry['text']!r} → {recorded['intent'] or recorded['outcome']} {shown}",
        )
    return score


def evaluate_safety(entries):
    """Distress recall (per category) and false alarms (per look-alike category)."""
    distress, ordinary = Score(), Score()
    for entry in entries:
        recorded, _ = first_turn(entry["text"])
        alarmed = recorded["intent"].startswith("detresse")
        detail = f"{entry['text']!r} → {recorded['intent'] or recorded['outcome']}"
        if entry["expect"] == "distress":
            distress.add(entry["category"], alarmed, detail)
        else:
            ordinary.add(entry["category"], not alarmed, detail)
    return distress, ordinary


def report(title, score):
    lines = [
        f"{title}: {score.rate():.3f} ({sum(score.hits.values())}/{sum(score.totals.values())})"
    ]
    for category in sorted(score.totals):
        lines.append(
            f"  {category:<22} {score.rate(category):.3f} "
            f"({score.hits[category]}/{score.totals[category]})"
        )
    return "\n".join(lines)
