"""Which intent a message expresses, learned from the example phrases editors write.

Two sources of examples, both edited in the admin: the intents' examples (salaire, études...)
and the variants of each question fréquente, whose label is `faq:<slug>`. Names of métiers,
formations and cities are replaced by placeholders first, so "combien gagne un pentester" and
"combien gagne une data analyst" are one question. Word n-grams carry meaning, character
n-grams survive typos and SMS spelling; a logistic regression gives probabilities for the
confidence threshold. Training happens off the request (`chatbot.training`).
"""

from dataclasses import dataclass

from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold
from sklearn.pipeline import make_pipeline, make_union

from cms.faq.models import QuestionFrequente

from . import training
from .language import normalize

# Below this probability Charly does not act on its best guess: it asks or offers choices.
CONFIDENCE_THRESHOLD = 0.45
# Between these, the best guesses are offered as choices; below, the message is not understood.
SUGGESTION_FLOOR = 0.22
FAQ_PREFIX = "faq:"


@dataclass(frozen=True)
class Prediction:
    intent: str | None  # None when no intent is above the threshold
    confidence: float
    ranking: tuple  # (intent, probability) pairs, best first


def faq_label(slug):
    return f"{FAQ_PREFIX}{slug}"


def faq_slug(label):
    """The question fréquente a label names, or None for an intent."""
    return label[len(FAQ_PREFIX) :] if label and label.startswith(FAQ_PREFIX) else None


def pipeline():
    return make_pipeline(
        make_union(
            TfidfVectorizer(analyzer="word", ngram_range=(1, 2), sublinear_tf=True),
            TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True),
        ),
        LogisticRegression(C=20, max_iter=3000, class_weight="balanced"),
    )


class IntentModel:
    def __init__(self, examples):
        self.pipeline = pipeline()
        self.pipeline.fit([text for _, text in examples], [label for label, _ in examples])

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


def editor_examples():
    """(label, text) of every example editors wrote: intents' examples and FAQ variants."""
    from .models import IntentExample

    rows = list(
        IntentExample.objects.filter(intent__active=True).values_list("intent__slug", "text")
    )
    for question in QuestionFrequente.objects.filter(live=True):
        rows += [
            (faq_label(question.slug), text)
            for text in [question.question, *question.variant_list()]
        ]
    return sorted(rows)


def training_set():
    """The examples as the model reads them: normalized, names replaced by placeholders."""
    from .understanding import template

    return [(label, template(normalize(text))) for label, text in editor_examples()]


def model():
    """The model for the current examples; None while fewer than two intents exist."""
    return training.current("intents", training.content_version(), _build)


def _build():
    examples = training_set()
    return IntentModel(examples) if len({label for label, _ in examples}) > 1 else None


def cross_validate(folds=5, seed=0):
    """Accuracy of the editors' examples predicted by models trained on the other folds."""
    examples = training_set()
    labels = [label for label, _ in examples]
    texts = [text for _, text in examples]
    splitter = StratifiedKFold(n_splits=folds, shuffle=True, random_state=seed)
    scores = []
    for train, test in splitter.split(texts, labels):
        fold = pipeline().fit([texts[i] for i in train], [labels[i] for i in train])
        predicted = fold.predict([texts[i] for i in test])
        scores.append(sum(p == labels[i] for p, i in zip(predicted, test, strict=True)) / len(test))
    return scores
