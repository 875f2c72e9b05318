"""The demo questions of the orientation test, and a published version that serves them."""

from pathlib import Path

import yaml

from .models import Audience, Question, TestVersion, freeze_active_questions

QUESTIONS_FILE = Path(__file__).parent / "demo_questions.yaml"
VERSION_NAME = "Test de démonstration"


def load_questions():
    """Create or update the demo questions, then publish them unless the current test has them.

    Questions are found by their text, so loading again changes nothing; editors' own active
    questions join the next version like any other.
    """
    with open(QUESTIONS_FILE, encoding="utf-8") as stream:
        entries = yaml.safe_load(stream)
    for position, entry in enumerate(entries, start=1):
        question = Question.objects.filter(text=entry["text"]).first() or Question(
            text=entry["text"]
        )
        question.dimension = entry["dimension"]
        question.audience = entry.get("audience", Audience.TOUS)
        question.ordre = position * 10
        question.active = True
        question.full_clean()
        question.save()
    current = TestVersion.objects.current()
    if current is None or current.questions != freeze_active_questions():
        current = TestVersion(name=VERSION_NAME, status=TestVersion.Status.PUBLISHED)
        current.full_clean()
        current.save()
    return current
