"""The intent classifier, trained in memory from the example phrases editors write in the admin.

Character n-grams (2 to 5 letters, inside word boundaries) survive typos and SMS spelling that
word features would miss; a logistic regression gives calibrated-enough probabilities for a
confidence threshold. The model is cached per process, keyed by a hash of the examples, so an
edited, added or deleted example retrains it on the next message.
"""

import hashlib
import threading
from dataclasses import dataclass

from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline

from .language import normalize

# Below this probability Charly does not act on its best guess: it asks or offers choices.
CONFIDENCE_THRESHOLD = 0.45
# Between these, the best guesses are offered as choices; below, the message is not understood.
SUGGESTION_FLOOR = 0.22


@dataclass(frozen=True)
class Prediction:
    intent: str | None  # None when no intent is above the threshold
    confidence: float
    ranking: tuple  # (intent, probability) pairs, best first


class IntentModel:
    def __init__(self, examples):
        texts = [text for _, text in examples]
        labels = [intent for intent, _ in examples]
        self.pipeline = make_pipeline(
            TfidfVectorizer(
                analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True, lowercase=False
            ),
            LogisticRegression(C=20, max_iter=2000, class_weight="balanced"),
        )
        self.pipeline.fit(texts, labels)

    def predict(self, text):
        probabilities = self.pipeline.predict_proba([text])[0]
        ranking = sorted(
            zip(self.pipeline.classes_, probabilities, strict=True), key=lambda pair: -pair[1]
        )
        best, confidence = ranking[0]
        return Prediction(
            intent=str(best) if confidence >= CONFIDENCE_THRESHOLD else None,
            confidence=float(confidence),
            ranking=tuple((str(intent), float(p)) for intent, p in ranking[:3]),
        )


_lock = threading.Lock()
_cache = {"key": None, "model": None}


def editor_examples():
    """(intent slug, text) of every example of an active intent, as editors wrote them."""
    from .models import IntentExample

    rows = IntentExample.objects.filter(intent__active=True).values_list("intent__slug", "text")
    return sorted(rows)


def examples_key(examples, names):
    """Changes whenever an example, or one of the CMS names replaced in examples, does."""
    digest = hashlib.sha256(f"{names}\n".encode())
    for intent, text in examples:
        digest.update(f"{intent}\t{text}\n".encode())
    return digest.hexdigest()


def model():
    """The model for the current examples, trained now if they changed; None without examples."""
    from .entities import vocabulary
    from .nlu import template

    examples = editor_examples()
    key = examples_key(examples, vocabulary().fingerprint)
    with _lock:
        if _cache["key"] != key:
            training = [(intent, template(normalize(text))) for intent, text in examples]
            intents = {intent for intent, _ in training}
            _cache["model"] = IntentModel(training) if len(intents) >= 2 else None
            _cache["key"] = key
        return _cache["model"]
