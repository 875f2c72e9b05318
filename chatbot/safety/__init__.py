"""Safety first: distress, harassment and abuse are recognised before anything else is read.

Students are minors. Every message goes through `assess` before Charly tries to understand it:
patterns catch what is unmistakable (`patterns`), a classifier trained on a written corpus and on
editors' phrases catches the rest (`classifier`), and a concern is answered with the helplines
for its category (`replies`) and nothing else. Recall comes first; both recall and false alarms
are measured on held-out sets (`make eval-charly`).
"""

from dataclasses import dataclass

from . import classifier, patterns
from .replies import CALM_REPLY, care

CATEGORIES = tuple(patterns.CATEGORIES)
INSULT = "insulte"

__all__ = ["CALM_REPLY", "CATEGORIES", "INSULT", "Concern", "assess", "care"]


@dataclass(frozen=True)
class Concern:
    category: str  # one of CATEGORIES, or INSULT
    source: str  # "pattern" or "classifier": what recognised it (for editors' reports)
    probability: float | None = None

    @property
    def distress(self):
        return self.category != INSULT


def editors_phrase(normalized):
    """The category of a distress phrase editors added whose words the message contains all."""
    words = set(normalized.split())
    for category, phrase_words in classifier.editors_phrases():
        if phrase_words <= words:
            return category
    return None


def assess(normalized):
    """What, in this normalized message, calls for care before anything else; None for most."""
    if not normalized:
        return None
    category = patterns.matching_category(normalized) or editors_phrase(normalized)
    if category:
        return Concern(category, "pattern")
    readable = patterns.without_look_alikes(normalized)
    verdict = classifier.model().verdict(readable) if readable else None
    if verdict and verdict.alarming:
        return Concern(verdict.category, "classifier", round(verdict.distress, 3))
    if patterns.is_insult(normalized):
        return Concern(INSULT, "pattern")
    return None
