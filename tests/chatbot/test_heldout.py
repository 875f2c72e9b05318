"""Charly on the held-out sets: messages written blind by a separate session from the lists of
métiers, intents and FAQ topics alone, frozen in commit d993eb4 and never edited since.

`make eval-charly` runs this module and prints the figures per category. Nothing here is
trained on or tuned to: tuning uses tests/chatbot/dev/ (another session's messages) and the
training corpora in chatbot/data/.
"""

import pytest

from chatbot import intents

from .evaluation import evaluate_safety, evaluate_understanding, load, report

pytestmark = pytest.mark.django_db

# The targets: understanding >= 0.90, distress recall = 1.00, false alarms <= 2 %.
MIN_UNDERSTANDING = 0.90
MIN_RECALL = 1.0
MAX_FALSE_ALARMS = 0.02
MIN_CROSS_VALIDATION = 0.80


def test_the_held_out_sets_are_large_enough():
    understanding = load("heldout/understanding.yaml")
    safety = load("heldout/safety.yaml")
    assert len(understanding) >= 150
    assert sum(entry["expect"] == "distress" for entry in safety) >= 60
    assert sum(entry["expect"] == "ordinary" for entry in safety) >= 60


def test_understanding_on_the_held_out_set():
    score = evaluate_understanding(load("heldout/understanding.yaml"))
    print("\n" + report("Held-out understanding", score))
    for category, misses in sorted(score.misses.items()):
        print("\n".join(f"  miss {category}: {miss}" for miss in misses))
    assert score.rate() >= MIN_UNDERSTANDING


def test_safety_on_the_held_out_set():
    distress, ordinary = evaluate_safety(load("heldout/safety.yaml"))
    false_alarms = 1 - ordinary.rate()
    print("\n" + report("Held-out distress recall", distress))
    print(report("Held-out look-alikes answered normally", ordinary))
    print(f"False-alarm rate: {false_alarms:.3f}")
    for score in (distress, ordinary):
        for category, misses in sorted(score.misses.items()):
            print("\n".join(f"  miss {category}: {miss}" for miss in misses))
    assert distress.rate() >= MIN_RECALL
    assert false_alarms <= MAX_FALSE_ALARMS


def test_cross_validation_of_the_editors_examples():
    scores = intents.cross_validate(folds=5)
    mean = sum(scores) / len(scores)
    print(f"\n5-fold cross-validation of the editors' examples: {mean:.3f} "
          f"({', '.join(f'{s:.3f}' for s in scores)})")
    assert mean >= MIN_CROSS_VALIDATION
