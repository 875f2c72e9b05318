"""Charly's understanding of how students really type, measured on tests/chatbot/conversations.yaml.

The classifier is trained from the demo intents' examples only (loaded by `load_demo`), and the
messages measured here are not among them.
"""

from pathlib import Path

import pytest
import yaml

from chatbot.demo import demo_intents
from chatbot.intents import editor_examples
from chatbot.language import normalize
from chatbot.understanding import read

pytestmark = pytest.mark.django_db

CONVERSATIONS = yaml.safe_load(
    (Path(__file__).parent / "conversations.yaml").read_text(encoding="utf-8")
)
MIN_ACCURACY = 0.9


def reading_of(text):
    """What Charly makes of a message: the safety step first, then entities and intent."""
    reading = read(text)
    if reading.concern is not None:
        return ("detresse" if reading.concern.distress else "insulte"), None
    return reading.intent, reading.entity.key if reading.entity else None


def test_the_yaml_is_big_enough_and_varied():
    assert len(CONVERSATIONS) >= 80
    assert len({entry["intent"] for entry in CONVERSATIONS}) >= 15


def test_training_uses_the_demo_examples_and_none_of_the_measured_messages():
    demo = {(intent["slug"], text) for intent in demo_intents() for text in intent["examples"]}
    examples = editor_examples()
    assert demo <= set(examples)
    trained = {normalize(text) for _, text in examples}
    overlap = [e["text"] for e in CONVERSATIONS if normalize(e["text"]) in trained]
    assert overlap == []


def test_intent_and_entity_accuracy():
    intent_hits = entity_hits = 0
    misses = []
    for entry in CONVERSATIONS:
        intent, entity = reading_of(entry["text"])
        intent_hits += intent == entry["intent"]
        entity_hits += entity == entry["entity"]
        if (intent, entity) != (entry["intent"], entry["entity"]):
            misses.append(f"{entry['text']!r}: {intent} {entity}")
    intent_accuracy = intent_hits / len(CONVERSATIONS)
    entity_accuracy = entity_hits / len(CONVERSATIONS)
    print(
        f"\nCharly on {len(CONVERSATIONS)} student messages: "
        f"intent accuracy {intent_accuracy:.3f}, entity accuracy {entity_accuracy:.3f}"
    )
    print("\n".join(misses))
    assert intent_accuracy >= MIN_ACCURACY, misses
    assert entity_accuracy >= MIN_ACCURACY, misses
