"""The safety classifier: what patterns cannot list, learned from a corpus and from editors.

Trained on `chatbot/data/safety_corpus*.yaml` (first-person distress in seven categories, and
ordinary messages that share their words), on the phrases editors add in the admin, and on the
everyday talk the CMS holds (see `training_examples`), so that orientation talk is never an alarm.
Word n-grams carry meaning ("cacher mes poignets"), character n-grams survive typos.
"""

from collections import Counter
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline, make_union

from search.service import STOP_WORDS

from .. import training
from ..language import normalize
from .patterns import without_look_alikes

DATA = Path(__file__).resolve().parent.parent / "data"
ORDINARY = "ordinaire"
# At or above this probability of distress, Charly answers with helplines: low when the message
# uses words that, in the corpus, mostly come from distress (a missed distress costs far more than
# a false alarm), high otherwise, so that everyday talk about hobbies and studies never alarms.
THRESHOLD_WITH_RISK_WORDS = 0.6
THRESHOLD = 0.85
# A word is a risk word when it is at least this many times likelier in distress than not.
RISK_RATIO = 4.0


@dataclass(frozen=True)
class Verdict:
    distress: float  # probability that the message is distress, harassment or abuse
    category: str  # the likeliest distress category
    risky: bool  # the message uses words that mostly come from distress

    @property
    def alarming(self):
        return self.distress >= (THRESHOLD_WITH_RISK_WORDS if self.risky else THRESHOLD)


@cache
def corpus():
    """(category, text) pairs of the shipped corpora; ordinary messages are `ORDINARY`."""
    pairs = []
    for path in sorted(DATA.glob("safety_corpus*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        pairs += [(c, t) for c, texts in data["distress"].items() for t in texts]
        pairs += [(ORDINARY, t) for texts in data["ordinary"].values() for t in texts]
    return tuple(pairs)


def readable(text):
    """What the classifier reads: the normalized text without its look-alike spans."""
    return without_look_alikes(normalize(text))


def _features():
    return make_union(
        TfidfVectorizer(analyzer="word", ngram_range=(1, 2), sublinear_tf=True, min_df=1),
        TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True, min_df=2),
    )


class SafetyModel:
    """Two small models: distress or not (balanced), then which kind of distress."""

    def __init__(self, examples):
        texts = [readable(text) for _, text in examples]
        labels = [category for category, _ in examples]
        self.alarm = make_pipeline(_features(), LogisticRegression(C=2, max_iter=3000))
        self.alarm.fit(texts, [label != ORDINARY for label in labels])
        distress = [(t, label) for t, label in zip(texts, labels, strict=True) if label != ORDINARY]
        self.kind = make_pipeline(_features(), LogisticRegression(C=8, max_iter=3000))
        self.kind.fit([t for t, _ in distress], [label for _, label in distress])
        self.risk_words = risk_words(texts, labels)

    def verdict(self, text):
        """How likely `text` (normalized, look-alikes removed) is distress, and which kind."""
        distress = self.alarm.predict_proba([text])[0][list(self.alarm.classes_).index(True)]
        risky = bool(set(text.split()) & self.risk_words)
        return Verdict(float(distress), str(self.kind.predict([text])[0]), risky)


def risk_words(texts, labels):
    """Words much likelier in the distress messages than in the ordinary ones."""
    distress, ordinary = Counter(), Counter()
    for text, label in zip(texts, labels, strict=True):
        (ordinary if label == ORDINARY else distress).update(set(text.split()))
    scale = max(sum(ordinary.values()), 1) / max(sum(distress.values()), 1)
    return frozenset(
        word
        for word, count in distress.items()
        if count >= 3
        and len(word) > 3
        and word not in STOP_WORDS
        and (count * scale + 1) / (ordinary[word] + 1) >= RISK_RATIO
    )


def training_examples():
    """The corpora, the editors' phrases, and everyday talk from the CMS as ordinary messages:
    Charly's intent examples, the questions fréquentes' variants and the métiers' interests
    (hobbies and school subjects must never sound alarming)."""
    from cms.faq.models import QuestionFrequente
    from cms.metiers.models import MetierPage

    from ..models import IntentExample, SafetyPhrase

    editors = SafetyPhrase.objects.values_list("category", "text")
    everyday = list(
        IntentExample.objects.filter(intent__active=True)
        .exclude(intent__slug="insulte")
        .values_list("text", flat=True)
    )
    for question in QuestionFrequente.objects.filter(live=True):
        everyday += question.variant_list()
    for page in MetierPage.objects.live():
        everyday += page.interest_list
    return sorted({*corpus(), *editors, *((ORDINARY, text) for text in everyday)})


def editors_phrases():
    """The distress phrases editors added, as sets of meaningful words (read once per version):
    each is recognised at once, before the classifier has learned from it."""
    return training.current("safety-phrases", training.content_version(), _editors_phrases)


def _editors_phrases():
    from ..models import SafetyPhrase

    phrases = SafetyPhrase.objects.exclude(category=ORDINARY).values_list("category", "text")
    found = []
    for category, text in phrases:
        words = {w for w in readable(text).split() if w not in STOP_WORDS}
        if words:
            found.append((category, frozenset(words)))
    return found


def model():
    """The model for the current training data (trained off the request when it changes)."""
    return training.current(
        "safety", training.content_version(), lambda: SafetyModel(training_examples())
    )
